import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectEnvironments1796166255658 implements MigrationInterface {
  name = 'ProjectEnvironments1796166255658';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "project_environment" ("project_id" integer NOT NULL, "name" text NOT NULL, "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8068c3df4b3dc82000225fec68d" PRIMARY KEY ("project_id", "name"))`);
    await queryRunner.query(`ALTER TABLE "project_environment" ADD CONSTRAINT "FK_ed234456a50531fcb9a8da19e5a" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Once, for events stored before the table existed; from now on ingest writes it.
    await queryRunner.query(`INSERT INTO "project_environment" ("project_id", "name", "first_seen") SELECT "project_id", "environment", MIN("timestamp") FROM "event" WHERE "environment" IS NOT NULL GROUP BY 1, 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "project_environment" DROP CONSTRAINT "FK_ed234456a50531fcb9a8da19e5a"`);
    await queryRunner.query(`DROP TABLE "project_environment"`);
  }
}

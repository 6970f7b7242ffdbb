import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DifAssembly1796177535870 implements MigrationInterface {
  name = 'DifAssembly1796177535870';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dif_assembly" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "checksum" character(40) NOT NULL, "name" text NOT NULL, "debug_id" text, "chunks" text array NOT NULL, "state" text NOT NULL, "detail" text, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "date_updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bd5ea65cccb3175b2399f54a7a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8f297f2577d45898c9d4dc603b" ON "dif_assembly" ("project_id", "checksum") `);
    await queryRunner.query(`ALTER TABLE "dif_assembly" ADD CONSTRAINT "FK_7f768f340881a432af886c0c64d" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dif_assembly" DROP CONSTRAINT "FK_7f768f340881a432af886c0c64d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8f297f2577d45898c9d4dc603b"`);
    await queryRunner.query(`DROP TABLE "dif_assembly"`);
  }
}

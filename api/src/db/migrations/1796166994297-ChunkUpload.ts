import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChunkUpload1796166994297 implements MigrationInterface {
  name = 'ChunkUpload1796166994297';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "file_chunk" ("organization_id" integer NOT NULL, "checksum" character(40) NOT NULL, "size" integer NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1ef2004e573312a90e416aa2f84" PRIMARY KEY ("organization_id", "checksum"))`);
    await queryRunner.query(`ALTER TABLE "file_chunk" ADD CONSTRAINT "FK_cb2683616559ce458895717b91f" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "file_chunk" DROP CONSTRAINT "FK_cb2683616559ce458895717b91f"`);
    await queryRunner.query(`DROP TABLE "file_chunk"`);
  }
}

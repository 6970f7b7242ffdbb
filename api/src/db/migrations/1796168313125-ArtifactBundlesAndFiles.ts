import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ArtifactBundlesAndFiles1796168313125 implements MigrationInterface {
  name = 'ArtifactBundlesAndFiles1796168313125';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "artifact_bundle" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "checksum" character(40) NOT NULL, "chunks" text array NOT NULL, "project_ids" integer array NOT NULL, "release" text, "dist" text NOT NULL DEFAULT '', "bundle_id" uuid, "state" text NOT NULL, "detail" text, "file_count" integer NOT NULL DEFAULT '0', "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_094a13e147dff9f17b74081eb0e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7299373b668ee7903ce844d982" ON "artifact_bundle" ("organization_id", "checksum") `);
    await queryRunner.query(`CREATE TABLE "artifact_file" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "bundle_id" integer, "release_id" integer, "source" text NOT NULL, "release" text, "dist" text NOT NULL DEFAULT '', "url" text NOT NULL, "file_type" text, "debug_id" uuid, "headers" jsonb NOT NULL DEFAULT '{}', "checksum" character(40) NOT NULL, "size" integer NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "release_row_id" integer, CONSTRAINT "PK_d8ef95335ac4f0990bd4d818ab8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_46806786c61dd47d08ba00071b" ON "artifact_file" ("checksum") `);
    await queryRunner.query(`CREATE INDEX "IDX_ab37d6fc3b7f324fc36eeac79c" ON "artifact_file" ("release_id", "dist", "url") `);
    await queryRunner.query(`CREATE INDEX "IDX_8baea5fc42567278714b76fe50" ON "artifact_file" ("organization_id", "release", "dist", "url") `);
    await queryRunner.query(`CREATE INDEX "IDX_db52f2d42201766ff24e33d690" ON "artifact_file" ("organization_id", "debug_id") `);
    await queryRunner.query(`ALTER TABLE "artifact_bundle" ADD CONSTRAINT "FK_6437b64f9855fd86e2e0b8b101c" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "artifact_file" ADD CONSTRAINT "FK_962bee0c7dea86fc41f0a73e30c" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "artifact_file" ADD CONSTRAINT "FK_7eabd9571fb9f99cd17ffd9f6f3" FOREIGN KEY ("bundle_id") REFERENCES "artifact_bundle"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "artifact_file" ADD CONSTRAINT "FK_0e355ff78a9b73a831c1f435225" FOREIGN KEY ("release_row_id") REFERENCES "release"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "artifact_file" DROP CONSTRAINT "FK_0e355ff78a9b73a831c1f435225"`);
    await queryRunner.query(`ALTER TABLE "artifact_file" DROP CONSTRAINT "FK_7eabd9571fb9f99cd17ffd9f6f3"`);
    await queryRunner.query(`ALTER TABLE "artifact_file" DROP CONSTRAINT "FK_962bee0c7dea86fc41f0a73e30c"`);
    await queryRunner.query(`ALTER TABLE "artifact_bundle" DROP CONSTRAINT "FK_6437b64f9855fd86e2e0b8b101c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_db52f2d42201766ff24e33d690"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8baea5fc42567278714b76fe50"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ab37d6fc3b7f324fc36eeac79c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_46806786c61dd47d08ba00071b"`);
    await queryRunner.query(`DROP TABLE "artifact_file"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7299373b668ee7903ce844d982"`);
    await queryRunner.query(`DROP TABLE "artifact_bundle"`);
  }
}

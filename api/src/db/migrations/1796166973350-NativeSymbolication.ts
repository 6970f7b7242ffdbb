import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NativeSymbolication1796166973350 implements MigrationInterface {
  name = 'NativeSymbolication1796166973350';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "debug_file" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "debug_id" text NOT NULL, "code_id" text, "arch" text NOT NULL, "kind" text NOT NULL, "features" text array NOT NULL, "object_name" text NOT NULL, "size" integer NOT NULL, "checksum" text NOT NULL, "storage_key" text NOT NULL, "symcache_key" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d2167c694f29cb566de920e2b10" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bc33239ef15b206347966e03c9" ON "debug_file" ("project_id", "debug_id", "checksum") `);
    await queryRunner.query(`CREATE INDEX "IDX_c9a196768655ba5d3ea836596d" ON "debug_file" ("project_id", "debug_id") `);
    await queryRunner.query(`CREATE TABLE "system_symbol" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL DEFAULT '0', "sdk_name" text NOT NULL, "version_major" integer NOT NULL, "version_minor" integer NOT NULL, "version_patch" integer NOT NULL, "build" text NOT NULL, "debug_id" text NOT NULL, "object_name" text NOT NULL, "arch" text NOT NULL, "symcache_key" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a63c9ceb5b93f78823d0ff8bf2b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8b863138f6e068e0fb4aaab4d5" ON "system_symbol" ("organization_id", "sdk_name", "version_major", "version_minor", "version_patch", "build", "debug_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_91123a2ac81bb85eda4b9cbe0c" ON "system_symbol" ("debug_id") `);
    await queryRunner.query(`CREATE TABLE "held_event" ("id" BIGSERIAL NOT NULL, "project_id" integer NOT NULL, "event_id" character(32) NOT NULL, "payload" bytea NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "client_ip" text, "user_agent" text, "missing_debug_ids" text array NOT NULL, "revision" integer NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c8ab97f1710a894a6dc0c3ca8e0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_22eaa78cad467e7f03bf134285" ON "held_event" ("project_id", "received_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_d6499ba36433a749c028c6d1bd" ON "held_event" ("project_id", "event_id") `);
    await queryRunner.query(`CREATE TABLE "processing_issue" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "debug_id" text NOT NULL, "type" text NOT NULL, "image_path" text NOT NULL, "arch" text, "message" text, "first_seen" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b52d70e99866a05f00d261161e2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7b843e6dd485387132fb1c53f4" ON "processing_issue" ("project_id", "debug_id") `);
    await queryRunner.query(`ALTER TABLE "project" ADD "reprocessing_active" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "project" ADD "processing_revision" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "debug_file" ADD CONSTRAINT "FK_e9c68c7dd36654b59f50cf6a847" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "held_event" ADD CONSTRAINT "FK_b3b0da8c4885c92ff01806e1e1c" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "processing_issue" ADD CONSTRAINT "FK_b466b8a75297fe172df6e755395" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "processing_issue" DROP CONSTRAINT "FK_b466b8a75297fe172df6e755395"`);
    await queryRunner.query(`ALTER TABLE "held_event" DROP CONSTRAINT "FK_b3b0da8c4885c92ff01806e1e1c"`);
    await queryRunner.query(`ALTER TABLE "debug_file" DROP CONSTRAINT "FK_e9c68c7dd36654b59f50cf6a847"`);
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "processing_revision"`);
    await queryRunner.query(`ALTER TABLE "project" DROP COLUMN "reprocessing_active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7b843e6dd485387132fb1c53f4"`);
    await queryRunner.query(`DROP TABLE "processing_issue"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d6499ba36433a749c028c6d1bd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_22eaa78cad467e7f03bf134285"`);
    await queryRunner.query(`DROP TABLE "held_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_91123a2ac81bb85eda4b9cbe0c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8b863138f6e068e0fb4aaab4d5"`);
    await queryRunner.query(`DROP TABLE "system_symbol"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c9a196768655ba5d3ea836596d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bc33239ef15b206347966e03c9"`);
    await queryRunner.query(`DROP TABLE "debug_file"`);
  }
}

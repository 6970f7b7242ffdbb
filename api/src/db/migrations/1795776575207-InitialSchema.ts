import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795776575207 implements MigrationInterface {
  name = 'InitialSchema1795776575207';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL NOT NULL, "email" text NOT NULL, "name" text NOT NULL DEFAULT '', "password_hash" text, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "api_token" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "name" text NOT NULL, "token_hash" text NOT NULL, "token_last_characters" text NOT NULL, "scopes" text array NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_bafaa5aab5957cd193fb2da8f24" UNIQUE ("token_hash"), CONSTRAINT "PK_d862311c568d175c26f41bc6f98" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1725c5ea908ff009f6ab3fa34f" ON "api_token" ("user_id") `);
    await queryRunner.query(`CREATE TABLE "organization" ("id" SERIAL NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "status" text NOT NULL DEFAULT 'active', "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a08804baa7c5d5427067c49a31f" UNIQUE ("slug"), CONSTRAINT "PK_472c1f99a32def1b0abb219cd67" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "organization_member" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "user_id" integer NOT NULL, "role" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_81dbbb093cbe0539c170f3d1484" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_273aa659a4afdcb614cdecbd66" ON "organization_member" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ade1a22b88a5464464fe520d07" ON "organization_member" ("organization_id", "user_id") `);
    await queryRunner.query(`CREATE TABLE "project" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "platform" text, "status" text NOT NULL DEFAULT 'active', "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d68b1358bb5b766d3e78f32f57" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_caf6c5024f44499f3dd5ac9b09" ON "project" ("organization_id", "slug") `);
    await queryRunner.query(`CREATE TABLE "project_key" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "label" text NOT NULL DEFAULT 'Default', "public_key" text NOT NULL, "is_active" boolean NOT NULL DEFAULT true, "rate_limit_count" integer, "rate_limit_window" integer, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5f08091ef9435be7bc028e4fbe8" UNIQUE ("public_key"), CONSTRAINT "PK_468a50bdc4a8a5aa749dfb527ac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_81cdb3a41d55b5ed081446fda0" ON "project_key" ("project_id") `);
    await queryRunner.query(`CREATE TABLE "team" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "slug" text NOT NULL, "name" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f57d8293406df4af348402e4b74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_086a72ab41c99c898d78d46186" ON "team" ("organization_id", "slug") `);
    await queryRunner.query(`CREATE TABLE "team_member" ("team_id" integer NOT NULL, "membership_id" integer NOT NULL, CONSTRAINT "PK_fe77220f13d355e241d646512c0" PRIMARY KEY ("team_id", "membership_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_49bcde7eb9552e70745d8b8438" ON "team_member" ("membership_id") `);
    await queryRunner.query(`CREATE TABLE "user_session" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_9ccf6d901cef4067214284f327e" UNIQUE ("token_hash"), CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id") `);
    await queryRunner.query(`ALTER TABLE "api_token" ADD CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organization_member" ADD CONSTRAINT "FK_ce08825728e5afefdc6e682b8d7" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organization_member" ADD CONSTRAINT "FK_273aa659a4afdcb614cdecbd667" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "project" ADD CONSTRAINT "FK_e4616ee32e66481cf9b9f1a6466" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "project_key" ADD CONSTRAINT "FK_81cdb3a41d55b5ed081446fda05" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "team" ADD CONSTRAINT "FK_b71618cf6c9cf1d30ff71b0320a" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "team_member" ADD CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "team_member" ADD CONSTRAINT "FK_49bcde7eb9552e70745d8b8438d" FOREIGN KEY ("membership_id") REFERENCES "organization_member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "user_session" ADD CONSTRAINT "FK_13275383dcdf095ee29f2b3455a" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "FK_13275383dcdf095ee29f2b3455a"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_49bcde7eb9552e70745d8b8438d"`);
    await queryRunner.query(`ALTER TABLE "team_member" DROP CONSTRAINT "FK_a1b5b4f5fa1b7f890d0a278748b"`);
    await queryRunner.query(`ALTER TABLE "team" DROP CONSTRAINT "FK_b71618cf6c9cf1d30ff71b0320a"`);
    await queryRunner.query(`ALTER TABLE "project_key" DROP CONSTRAINT "FK_81cdb3a41d55b5ed081446fda05"`);
    await queryRunner.query(`ALTER TABLE "project" DROP CONSTRAINT "FK_e4616ee32e66481cf9b9f1a6466"`);
    await queryRunner.query(`ALTER TABLE "organization_member" DROP CONSTRAINT "FK_273aa659a4afdcb614cdecbd667"`);
    await queryRunner.query(`ALTER TABLE "organization_member" DROP CONSTRAINT "FK_ce08825728e5afefdc6e682b8d7"`);
    await queryRunner.query(`ALTER TABLE "api_token" DROP CONSTRAINT "FK_1725c5ea908ff009f6ab3fa34fd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_13275383dcdf095ee29f2b3455"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_49bcde7eb9552e70745d8b8438"`);
    await queryRunner.query(`DROP TABLE "team_member"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_086a72ab41c99c898d78d46186"`);
    await queryRunner.query(`DROP TABLE "team"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_81cdb3a41d55b5ed081446fda0"`);
    await queryRunner.query(`DROP TABLE "project_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_caf6c5024f44499f3dd5ac9b09"`);
    await queryRunner.query(`DROP TABLE "project"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ade1a22b88a5464464fe520d07"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_273aa659a4afdcb614cdecbd66"`);
    await queryRunner.query(`DROP TABLE "organization_member"`);
    await queryRunner.query(`DROP TABLE "organization"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1725c5ea908ff009f6ab3fa34f"`);
    await queryRunner.query(`DROP TABLE "api_token"`);
    await queryRunner.query(`DROP TABLE "users"`);
  }
}

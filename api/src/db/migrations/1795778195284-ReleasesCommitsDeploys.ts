import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReleasesCommitsDeploys1795778195284 implements MigrationInterface {
  name = 'ReleasesCommitsDeploys1795778195284';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "repository" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "name" text NOT NULL, "provider" text NOT NULL, "url" text, "webhook_secret" text, "status" text NOT NULL DEFAULT 'active', "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b842c26651c6fc0b9ccd1c530e2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_bb882e918007bb7f000cf3e749" ON "repository" ("organization_id", "name") `);
    await queryRunner.query(`CREATE TABLE "commit" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "repository_id" integer NOT NULL, "key" text NOT NULL, "parent_key" text, "message" text NOT NULL DEFAULT '', "author_name" text, "author_email" text, "date_added" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_98f1c01f7e878fc55476f332c4e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_f1d0082d0538e44e5f86e2e76e" ON "commit" ("organization_id", "author_email") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_2459461274a194cb5750a65a80" ON "commit" ("repository_id", "key") `);
    await queryRunner.query(`CREATE TABLE "commit_file_change" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "commit_id" integer NOT NULL, "filename" text NOT NULL, "type" character(1) NOT NULL, CONSTRAINT "PK_cc9cd506baf803e83e034f203d7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_64f89fbc7b670c30a8a2e26989" ON "commit_file_change" ("organization_id", "filename") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_c8ac544aa854499c0e2906490c" ON "commit_file_change" ("commit_id", "filename") `);
    await queryRunner.query(`CREATE TABLE "deploy" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "release_id" integer NOT NULL, "environment" text NOT NULL, "name" text, "url" text, "date_started" TIMESTAMP WITH TIME ZONE, "date_finished" TIMESTAMP WITH TIME ZONE NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e515d996a39c08335939905ca2b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a507b3af475075230de114428c" ON "deploy" ("release_id", "environment") `);
    await queryRunner.query(`CREATE TABLE "heroku_integration" ("project_id" integer NOT NULL, "repository_id" integer NOT NULL, "environment" text NOT NULL DEFAULT 'production', "webhook_secret" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0096a37635c55eaab9ce3a6441b" PRIMARY KEY ("project_id"))`);
    await queryRunner.query(`CREATE TABLE "issue_commit" ("issue_id" integer NOT NULL, "commit_id" integer NOT NULL, "date_added" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_186296523b70afd0a8a8da4468e" PRIMARY KEY ("issue_id", "commit_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_87e1056b4aeb3bc9559bd700b9" ON "issue_commit" ("commit_id") `);
    await queryRunner.query(`CREATE TABLE "release_commit" ("release_id" integer NOT NULL, "commit_id" integer NOT NULL, "order" integer NOT NULL, CONSTRAINT "PK_60abf4e76dc6dfc6686f62903fb" PRIMARY KEY ("release_id", "commit_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4f2a12d7d12f1ae9fd330699a2" ON "release_commit" ("commit_id") `);
    await queryRunner.query(`ALTER TABLE "release" ADD "status" text NOT NULL DEFAULT 'open'`);
    await queryRunner.query(`ALTER TABLE "release" ADD "ref" text`);
    await queryRunner.query(`ALTER TABLE "release" ADD "url" text`);
    await queryRunner.query(`ALTER TABLE "release" ADD "refs" jsonb`);
    await queryRunner.query(`ALTER TABLE "users" ADD "deploy_emails" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "repository" ADD CONSTRAINT "FK_defde5786c8e724ae6c223e847c" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commit" ADD CONSTRAINT "FK_8046198d7115b252bb07066ffbb" FOREIGN KEY ("repository_id") REFERENCES "repository"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "commit_file_change" ADD CONSTRAINT "FK_c35bdb239069ae65e96caa7a6e9" FOREIGN KEY ("commit_id") REFERENCES "commit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "deploy" ADD CONSTRAINT "FK_d0fcc7f2752ebe57ef2ed564d44" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "heroku_integration" ADD CONSTRAINT "FK_0096a37635c55eaab9ce3a6441b" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "issue_commit" ADD CONSTRAINT "FK_3aa1292d0f7ea9dac8799f20170" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "issue_commit" ADD CONSTRAINT "FK_87e1056b4aeb3bc9559bd700b97" FOREIGN KEY ("commit_id") REFERENCES "commit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "release_commit" ADD CONSTRAINT "FK_2d136f20f6d5546aad0d626ff89" FOREIGN KEY ("release_id") REFERENCES "release"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "release_commit" ADD CONSTRAINT "FK_4f2a12d7d12f1ae9fd330699a20" FOREIGN KEY ("commit_id") REFERENCES "commit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "release_commit" DROP CONSTRAINT "FK_4f2a12d7d12f1ae9fd330699a20"`);
    await queryRunner.query(`ALTER TABLE "release_commit" DROP CONSTRAINT "FK_2d136f20f6d5546aad0d626ff89"`);
    await queryRunner.query(`ALTER TABLE "issue_commit" DROP CONSTRAINT "FK_87e1056b4aeb3bc9559bd700b97"`);
    await queryRunner.query(`ALTER TABLE "issue_commit" DROP CONSTRAINT "FK_3aa1292d0f7ea9dac8799f20170"`);
    await queryRunner.query(`ALTER TABLE "heroku_integration" DROP CONSTRAINT "FK_0096a37635c55eaab9ce3a6441b"`);
    await queryRunner.query(`ALTER TABLE "deploy" DROP CONSTRAINT "FK_d0fcc7f2752ebe57ef2ed564d44"`);
    await queryRunner.query(`ALTER TABLE "commit_file_change" DROP CONSTRAINT "FK_c35bdb239069ae65e96caa7a6e9"`);
    await queryRunner.query(`ALTER TABLE "commit" DROP CONSTRAINT "FK_8046198d7115b252bb07066ffbb"`);
    await queryRunner.query(`ALTER TABLE "repository" DROP CONSTRAINT "FK_defde5786c8e724ae6c223e847c"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "deploy_emails"`);
    await queryRunner.query(`ALTER TABLE "release" DROP COLUMN "refs"`);
    await queryRunner.query(`ALTER TABLE "release" DROP COLUMN "url"`);
    await queryRunner.query(`ALTER TABLE "release" DROP COLUMN "ref"`);
    await queryRunner.query(`ALTER TABLE "release" DROP COLUMN "status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4f2a12d7d12f1ae9fd330699a2"`);
    await queryRunner.query(`DROP TABLE "release_commit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_87e1056b4aeb3bc9559bd700b9"`);
    await queryRunner.query(`DROP TABLE "issue_commit"`);
    await queryRunner.query(`DROP TABLE "heroku_integration"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a507b3af475075230de114428c"`);
    await queryRunner.query(`DROP TABLE "deploy"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c8ac544aa854499c0e2906490c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_64f89fbc7b670c30a8a2e26989"`);
    await queryRunner.query(`DROP TABLE "commit_file_change"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_2459461274a194cb5750a65a80"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f1d0082d0538e44e5f86e2e76e"`);
    await queryRunner.query(`DROP TABLE "commit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bb882e918007bb7f000cf3e749"`);
    await queryRunner.query(`DROP TABLE "repository"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SlackApp1796166471277 implements MigrationInterface {
  name = 'SlackApp1796166471277';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "slack_identity" ("id" SERIAL NOT NULL, "team_id" text NOT NULL, "slack_user_id" text NOT NULL, "slack_name" text NOT NULL DEFAULT '', "user_id" integer, "linked_by" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_775f2958ccdba0b4c94f42c2017" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e8b0f55a74ee03b511d3beb325" ON "slack_identity" ("user_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f3a316ae1febea7c4bef654465" ON "slack_identity" ("team_id", "slack_user_id") `);
    await queryRunner.query(`CREATE TABLE "slack_issue_message" ("id" SERIAL NOT NULL, "issue_id" integer NOT NULL, "channel" text NOT NULL, "ts" text NOT NULL, "rule_name" text, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_882bc4931531371b05b5c775842" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_e98e75ebc3c111ff88edffc9cc" ON "slack_issue_message" ("issue_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_fef5970acf131a0e162111412d" ON "slack_issue_message" ("channel", "ts") `);
    await queryRunner.query(`CREATE TABLE "slack_workspace" ("id" SERIAL NOT NULL, "team_id" text NOT NULL, "organization_id" integer NOT NULL, "linked_by" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7d42d927820a88ce25c39138ecc" UNIQUE ("team_id"), CONSTRAINT "UQ_a48a893730a634bcaf6b762a943" UNIQUE ("organization_id"), CONSTRAINT "PK_9d602f5f57ff152042f21d72336" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "slack_identity" ADD CONSTRAINT "FK_e8b0f55a74ee03b511d3beb3251" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "slack_issue_message" ADD CONSTRAINT "FK_e98e75ebc3c111ff88edffc9cc9" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "slack_workspace" ADD CONSTRAINT "FK_a48a893730a634bcaf6b762a943" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "slack_workspace" DROP CONSTRAINT "FK_a48a893730a634bcaf6b762a943"`);
    await queryRunner.query(`ALTER TABLE "slack_issue_message" DROP CONSTRAINT "FK_e98e75ebc3c111ff88edffc9cc9"`);
    await queryRunner.query(`ALTER TABLE "slack_identity" DROP CONSTRAINT "FK_e8b0f55a74ee03b511d3beb3251"`);
    await queryRunner.query(`DROP TABLE "slack_workspace"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fef5970acf131a0e162111412d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e98e75ebc3c111ff88edffc9cc"`);
    await queryRunner.query(`DROP TABLE "slack_issue_message"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f3a316ae1febea7c4bef654465"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e8b0f55a74ee03b511d3beb325"`);
    await queryRunner.query(`DROP TABLE "slack_identity"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertsAndServiceHooks1796166689601 implements MigrationInterface {
  name = 'AlertsAndServiceHooks1796166689601';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "service_hook" ("id" SERIAL NOT NULL, "guid" character(32) NOT NULL, "project_id" integer NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "status" text NOT NULL DEFAULT 'active', "secret_sealed" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_93278a555ec63b70ceb2904dd92" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_a289ddf3732986c9b9b4b16496" ON "service_hook" ("guid") `);
    await queryRunner.query(`CREATE INDEX "IDX_9b0f8ff726f5c56b24b342ef46" ON "service_hook" ("project_id") `);
    await queryRunner.query(`CREATE TABLE "service_hook_delivery" ("id" SERIAL NOT NULL, "hook_id" integer NOT NULL, "event" text NOT NULL, "subject" jsonb NOT NULL, "body" text, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "response_code" integer, "duration_ms" integer, "error" text, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_attempt_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0a77087e08f402a63a1be3c2b48" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_cd389a0c77b377126ad6994706" ON "service_hook_delivery" ("hook_id", "id") `);
    await queryRunner.query(`CREATE TABLE "alert_rule" ("id" SERIAL NOT NULL, "project_id" integer NOT NULL, "name" text NOT NULL, "conditions" jsonb NOT NULL, "condition_match" text NOT NULL DEFAULT 'ANY', "filters" jsonb NOT NULL DEFAULT '{}', "actions" jsonb NOT NULL, "frequency_minutes" integer NOT NULL, "is_active" boolean NOT NULL DEFAULT true, "created_by_user_id" integer, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e9bf555f33872d7b50eb2421a17" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_8c57307898f80a75e30d588ba6" ON "alert_rule" ("project_id", "id") `);
    await queryRunner.query(`CREATE TABLE "alert_rule_issue" ("rule_id" integer NOT NULL, "issue_id" integer NOT NULL, "last_fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fa7fa3cd916a8127a51978e81e3" PRIMARY KEY ("rule_id", "issue_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_47abb3fb771abd3e124fb90c41" ON "alert_rule_issue" ("issue_id") `);
    await queryRunner.query(`CREATE TABLE "alert_fire" ("id" SERIAL NOT NULL, "rule_id" integer NOT NULL, "issue_id" integer NOT NULL, "event_row_id" bigint, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actions" jsonb NOT NULL, "results" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_8693f1655ab8d46ebbd81e3ee28" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_59697c41020f2c8547de9688a3" ON "alert_fire" ("issue_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6b8df66a6a68c215769632b7dd" ON "alert_fire" ("rule_id", "fired_at", "id") `);
    await queryRunner.query(`ALTER TABLE "service_hook" ADD CONSTRAINT "FK_9b0f8ff726f5c56b24b342ef46c" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_hook_delivery" ADD CONSTRAINT "FK_52d327f54fad7b6aeb91e88996d" FOREIGN KEY ("hook_id") REFERENCES "service_hook"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_rule" ADD CONSTRAINT "FK_9991db6ad68c95b57dfd59dad97" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_rule_issue" ADD CONSTRAINT "FK_79e55c081118319c3d58b48077f" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_rule_issue" ADD CONSTRAINT "FK_47abb3fb771abd3e124fb90c416" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_fire" ADD CONSTRAINT "FK_1e6651a45ec3d1d47118bc84ef0" FOREIGN KEY ("rule_id") REFERENCES "alert_rule"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "alert_fire" ADD CONSTRAINT "FK_59697c41020f2c8547de9688a32" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alert_fire" DROP CONSTRAINT "FK_59697c41020f2c8547de9688a32"`);
    await queryRunner.query(`ALTER TABLE "alert_fire" DROP CONSTRAINT "FK_1e6651a45ec3d1d47118bc84ef0"`);
    await queryRunner.query(`ALTER TABLE "alert_rule_issue" DROP CONSTRAINT "FK_47abb3fb771abd3e124fb90c416"`);
    await queryRunner.query(`ALTER TABLE "alert_rule_issue" DROP CONSTRAINT "FK_79e55c081118319c3d58b48077f"`);
    await queryRunner.query(`ALTER TABLE "alert_rule" DROP CONSTRAINT "FK_9991db6ad68c95b57dfd59dad97"`);
    await queryRunner.query(`ALTER TABLE "service_hook_delivery" DROP CONSTRAINT "FK_52d327f54fad7b6aeb91e88996d"`);
    await queryRunner.query(`ALTER TABLE "service_hook" DROP CONSTRAINT "FK_9b0f8ff726f5c56b24b342ef46c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6b8df66a6a68c215769632b7dd"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_59697c41020f2c8547de9688a3"`);
    await queryRunner.query(`DROP TABLE "alert_fire"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_47abb3fb771abd3e124fb90c41"`);
    await queryRunner.query(`DROP TABLE "alert_rule_issue"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8c57307898f80a75e30d588ba6"`);
    await queryRunner.query(`DROP TABLE "alert_rule"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd389a0c77b377126ad6994706"`);
    await queryRunner.query(`DROP TABLE "service_hook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9b0f8ff726f5c56b24b342ef46"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a289ddf3732986c9b9b4b16496"`);
    await queryRunner.query(`DROP TABLE "service_hook"`);
  }
}

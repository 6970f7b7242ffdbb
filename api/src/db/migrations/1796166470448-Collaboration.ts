import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Collaboration1796166470448 implements MigrationInterface {
  name = 'Collaboration1796166470448';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mention" ("id" SERIAL NOT NULL, "activity_id" integer NOT NULL, "issue_id" integer NOT NULL, "user_id" integer NOT NULL, "team_id" integer, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9b02b76c4b65e3c35c1a545bf57" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_bc2721ba47307dd21157480877" ON "mention" ("user_id", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_0c38104d8ad180e514605ac3fe" ON "mention" ("activity_id", "user_id") `);
    await queryRunner.query(`CREATE TABLE "notification_delivery" ("activity_id" integer NOT NULL, "user_id" integer NOT NULL, "date_sent" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c89f60dce6077a6e1ae54fd4a9e" PRIMARY KEY ("activity_id", "user_id"))`);
    await queryRunner.query(`ALTER TABLE "users" ADD "comment_emails" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "users" ADD "assignment_emails" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "users" ADD "resolution_emails" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "users" ADD "regression_emails" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "users" ADD "mention_emails" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "users" ADD "own_activity_emails" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE TYPE "public"."subscription_reason" AS ENUM('commented', 'assigned', 'bookmarked', 'status_change', 'mentioned', 'team_mentioned', 'committed', 'deploy', 'explicit')`);
    // Edited by hand: the old free-text reasons keep their meaning ("subscribed" was a hand-made subscription).
    await queryRunner.query(
      `ALTER TABLE "issue_subscription" ALTER COLUMN "reason" TYPE "public"."subscription_reason" USING (
         CASE WHEN "reason" IN ('commented', 'assigned', 'bookmarked', 'status_change', 'mentioned', 'team_mentioned', 'committed', 'deploy')
              THEN "reason" ELSE 'explicit' END)::"public"."subscription_reason"`,
    );
    await queryRunner.query(`ALTER TABLE "mention" ADD CONSTRAINT "FK_152bd6e67d9b8c389542d85db65" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mention" ADD CONSTRAINT "FK_39e34a437ec84dd144a9562a948" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mention" ADD CONSTRAINT "FK_b891eacf9479367856b1fe5c04c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mention" ADD CONSTRAINT "FK_d430433d81928315f26d8aded8a" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD CONSTRAINT "FK_b4de0690a3d590a449eab8c1f9e" FOREIGN KEY ("activity_id") REFERENCES "activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" ADD CONSTRAINT "FK_ec0ae00b82685d300c8dad83cab" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP CONSTRAINT "FK_ec0ae00b82685d300c8dad83cab"`);
    await queryRunner.query(`ALTER TABLE "notification_delivery" DROP CONSTRAINT "FK_b4de0690a3d590a449eab8c1f9e"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP CONSTRAINT "FK_d430433d81928315f26d8aded8a"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP CONSTRAINT "FK_b891eacf9479367856b1fe5c04c"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP CONSTRAINT "FK_39e34a437ec84dd144a9562a948"`);
    await queryRunner.query(`ALTER TABLE "mention" DROP CONSTRAINT "FK_152bd6e67d9b8c389542d85db65"`);
    await queryRunner.query(
      `ALTER TABLE "issue_subscription" ALTER COLUMN "reason" TYPE text USING (CASE WHEN "reason" = 'explicit' THEN 'subscribed' ELSE "reason"::text END)`,
    );
    await queryRunner.query(`DROP TYPE "public"."subscription_reason"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "own_activity_emails"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "mention_emails"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "regression_emails"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "resolution_emails"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "assignment_emails"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "comment_emails"`);
    await queryRunner.query(`DROP TABLE "notification_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0c38104d8ad180e514605ac3fe"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bc2721ba47307dd21157480877"`);
    await queryRunner.query(`DROP TABLE "mention"`);
  }
}

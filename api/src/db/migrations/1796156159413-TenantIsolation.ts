import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TenantIsolation1796156159413 implements MigrationInterface {
  name = 'TenantIsolation1796156159413';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outbox_mail" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "file_name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_64eb9bb240a973bf7dc6b49b801" UNIQUE ("file_name"), CONSTRAINT "PK_d209706daddb0762c743fb58634" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_30faedbe01a8f43e552897e719" ON "outbox_mail" ("organization_id", "id") `);
    await queryRunner.query(`CREATE TABLE "github_credential" ("organization_id" integer NOT NULL, "token_sealed" text NOT NULL, "date_updated" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2f201031c8b87736d7fbaa682ad" PRIMARY KEY ("organization_id"))`);
    await queryRunner.query(`CREATE TABLE "webhook_delivery" ("provider" text NOT NULL, "delivery_id" text NOT NULL, "target_id" integer NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7d95fde472168f5a8f101da918" PRIMARY KEY ("provider", "delivery_id", "target_id"))`);
    await queryRunner.query(`CREATE TABLE "login_failure" ("id" BIGSERIAL NOT NULL, "email_hash" text NOT NULL, "client_ip" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5df78140d5d3f4afc249d879cdf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fad97cda8e16ba414ae679ccb5" ON "login_failure" ("at") `);
    await queryRunner.query(`CREATE INDEX "IDX_988735724b07e60c7bc10ef640" ON "login_failure" ("client_ip", "at") `);
    await queryRunner.query(`CREATE INDEX "IDX_54fe36046d5a96224201911fe3" ON "login_failure" ("email_hash", "at") `);
    await queryRunner.query(`ALTER TABLE "outbox_mail" ADD CONSTRAINT "FK_9176ce5795a5e2f7f0b64a22031" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "github_credential" ADD CONSTRAINT "FK_2f201031c8b87736d7fbaa682ad" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "github_credential" DROP CONSTRAINT "FK_2f201031c8b87736d7fbaa682ad"`);
    await queryRunner.query(`ALTER TABLE "outbox_mail" DROP CONSTRAINT "FK_9176ce5795a5e2f7f0b64a22031"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_54fe36046d5a96224201911fe3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_988735724b07e60c7bc10ef640"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fad97cda8e16ba414ae679ccb5"`);
    await queryRunner.query(`DROP TABLE "login_failure"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP TABLE "github_credential"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_30faedbe01a8f43e552897e719"`);
    await queryRunner.query(`DROP TABLE "outbox_mail"`);
  }
}

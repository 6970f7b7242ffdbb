import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvitesAndSharing1796166565143 implements MigrationInterface {
  name = 'InvitesAndSharing1796166565143';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organization_invite" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "email" text NOT NULL, "role" text NOT NULL, "nonce" text NOT NULL, "emailed_nonce" text, "invited_by_user_id" integer, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b36f8c9832b1a4b21118585f8b7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4d04402ce05a707f0503d5c5ce" ON "organization_invite" ("organization_id", "email") `);
    await queryRunner.query(`ALTER TABLE "issue" ADD "share_id" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7c1a3e738fdd5a7f449e9e3227" ON "issue" ("share_id") WHERE share_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "organization_invite" ADD CONSTRAINT "FK_026f7b81efdb07af5e1fafb4969" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organization_invite" ADD CONSTRAINT "FK_23789b3f50fef63f8c8675bb1ff" FOREIGN KEY ("invited_by_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization_invite" DROP CONSTRAINT "FK_23789b3f50fef63f8c8675bb1ff"`);
    await queryRunner.query(`ALTER TABLE "organization_invite" DROP CONSTRAINT "FK_026f7b81efdb07af5e1fafb4969"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7c1a3e738fdd5a7f449e9e3227"`);
    await queryRunner.query(`ALTER TABLE "issue" DROP COLUMN "share_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4d04402ce05a707f0503d5c5ce"`);
    await queryRunner.query(`DROP TABLE "organization_invite"`);
  }
}

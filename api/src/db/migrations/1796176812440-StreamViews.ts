import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StreamViews1796176812440 implements MigrationInterface {
  name = 'StreamViews1796176812440';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "issue_inbox" ("issue_id" integer NOT NULL, "reason" text NOT NULL, "date_added" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1648c781cabfc9a84d676ce2da0" PRIMARY KEY ("issue_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_aaee4c13fac737e06ae2570cba" ON "issue_inbox" ("date_added") `);
    await queryRunner.query(`CREATE TABLE "saved_search" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "owner_user_id" integer, "name" text NOT NULL, "query" text NOT NULL, "visibility" text NOT NULL, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_563b338d8b4878fa46697c8f3f2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_44762544e8a53edeb5793d25dc" ON "saved_search" ("organization_id", "visibility") `);
    await queryRunner.query(`ALTER TABLE "issue_inbox" ADD CONSTRAINT "FK_1648c781cabfc9a84d676ce2da0" FOREIGN KEY ("issue_id") REFERENCES "issue"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "saved_search" ADD CONSTRAINT "FK_bc0e245cfd40ba67aae578acfe6" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "saved_search" ADD CONSTRAINT "FK_a108449e3607e3b5e1abe018c0f" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "saved_search" DROP CONSTRAINT "FK_a108449e3607e3b5e1abe018c0f"`);
    await queryRunner.query(`ALTER TABLE "saved_search" DROP CONSTRAINT "FK_bc0e245cfd40ba67aae578acfe6"`);
    await queryRunner.query(`ALTER TABLE "issue_inbox" DROP CONSTRAINT "FK_1648c781cabfc9a84d676ce2da0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_44762544e8a53edeb5793d25dc"`);
    await queryRunner.query(`DROP TABLE "saved_search"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_aaee4c13fac737e06ae2570cba"`);
    await queryRunner.query(`DROP TABLE "issue_inbox"`);
  }
}

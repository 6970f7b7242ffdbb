import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IssueViewsEventSearch1796176870068 implements MigrationInterface {
  name = 'IssueViewsEventSearch1796176870068';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event" ADD "tags" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "event" ADD "message" text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event" DROP COLUMN "message"`);
    await queryRunner.query(`ALTER TABLE "event" DROP COLUMN "tags"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionDevices1796176911729 implements MigrationInterface {
  name = 'SessionDevices1796176911729';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_session" ADD "last_used_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "user_session" ADD "user_agent" text`);
    await queryRunner.query(`ALTER TABLE "user_session" ADD "ip_address" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_session" DROP COLUMN "ip_address"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP COLUMN "user_agent"`);
    await queryRunner.query(`ALTER TABLE "user_session" DROP COLUMN "last_used_at"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IngestQueueClaims1796155631166 implements MigrationInterface {
  name = 'IngestQueueClaims1796155631166';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ingest_queue" ADD "claimed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "ingest_queue" ADD "claimed_until" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ingest_queue" DROP COLUMN "claimed_until"`);
    await queryRunner.query(`ALTER TABLE "ingest_queue" DROP COLUMN "claimed_by"`);
  }
}

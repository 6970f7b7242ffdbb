import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventSearchBackfill1796191247063 implements MigrationInterface {
  name = 'EventSearchBackfill1796191247063';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "event_search_backfill" ON "event" ("id") WHERE message = ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."event_search_backfill"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage parameters of the two tables every ingested event writes to, which entities cannot
 * express (so `db:check` does not see them):
 * - `issue_tag_value` rows are updated for every event that carries their tag, about ten per event.
 *   Full pages forced each update to a new page and a new primary-key entry; with half of each page
 *   left free, updates stay on the page (HOT) and the index is not touched.
 * - A queued envelope is written once, read once and deleted within seconds: compressing it (TOAST's
 *   default for values over 2 KB) cost more CPU than the bytes it saved.
 */
export class IngestHotPathStorage1796212279411 implements MigrationInterface {
  name = 'IngestHotPathStorage1796212279411';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "issue_tag_value" SET (fillfactor = 50)`);
    await queryRunner.query(`ALTER TABLE "ingest_queue" ALTER COLUMN "envelope" SET STORAGE EXTERNAL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ingest_queue" ALTER COLUMN "envelope" SET STORAGE EXTENDED`);
    await queryRunner.query(`ALTER TABLE "issue_tag_value" RESET (fillfactor)`);
  }
}

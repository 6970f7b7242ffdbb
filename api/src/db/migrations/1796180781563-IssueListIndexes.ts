import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IssueListIndexes1796180781563 implements MigrationInterface {
  name = 'IssueListIndexes1796180781563';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_625c899a20295a43abae438d02"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c257f6e42bfb24122cb3522df3"`);
    await queryRunner.query(`CREATE INDEX "IDX_6f17a92e2ad92948fd4e00d6d1" ON "issue" ("project_id", "last_seen", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_761fcab287000642e690f4a0ba" ON "issue" ("project_id", "status", "last_seen", "id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_761fcab287000642e690f4a0ba"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6f17a92e2ad92948fd4e00d6d1"`);
    await queryRunner.query(`CREATE INDEX "IDX_c257f6e42bfb24122cb3522df3" ON "issue" ("last_seen", "project_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_625c899a20295a43abae438d02" ON "issue" ("last_seen", "project_id") `);
  }
}

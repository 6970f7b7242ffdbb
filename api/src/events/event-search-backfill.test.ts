import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { backfillSearchFields } from './event-search-backfill.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const searchFields = async (projectId: number) =>
  (await server.app.db.query('SELECT event_id, tags, message FROM event WHERE project_id = $1 ORDER BY event_id', [projectId])) as {
    event_id: string;
    tags: [string, string][];
    message: string;
  }[];

it('fills tags and message of events stored before those columns existed, as ingestion stores them, once', async () => {
  const { project } = await buildTenant(server.app);
  await buildIssue(server.app, project, {
    events: [
      { value: 'cart is empty', tags: { browser: 'Firefox 133', 'payment.kind': 'card' }, user: { id: '7', email: 'ada@example.com' } },
      { value: 'cart is empty', tags: { browser: 'Safari 18' } },
      { value: 'cart is empty' },
    ],
  });
  const stored = await searchFields(project.id);
  expect(stored.every((row) => row.message.startsWith('TypeError: cart is empty'))).toBe(true);
  expect(stored.flatMap((row) => row.tags)).toContainEqual(['user.email', 'ada@example.com']);

  // As the migration that added the columns left every older event.
  await server.app.db.query(`UPDATE event SET tags = '[]', message = '' WHERE project_id = $1`, [project.id]);
  expect(await backfillSearchFields(server.app.db, 2)).toBe(3);
  expect(await searchFields(project.id)).toEqual(stored);
  expect(await backfillSearchFields(server.app.db, 2)).toBe(0);
});

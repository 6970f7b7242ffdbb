import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { dsnOf, runSdkApp } from '../../../test/support/sdk.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

async function issuesOf(projectId: number) {
  return server.app.db.query(
    'SELECT id, short_id_number, title, culprit, level, times_seen, user_count, status FROM issue WHERE project_id = $1 ORDER BY short_id_number',
    [projectId],
  ) as Promise<{ id: number; short_id_number: number; title: string; culprit: string; level: string; times_seen: number; user_count: number }[]>;
}

describe('ingestion with the real @sentry/node SDK', () => {
  it('groups exceptions by call site into issues with short ids', async () => {
    const { project } = await buildTenant(server.app);
    const dsn = await dsnOf(server.app, project, server.url);
    const result = await runSdkApp(dsn, 'exceptions');
    expect(result.code).toBe(0);
    const issues = await waitFor(async () => {
      const rows = await issuesOf(project.id);
      return rows.reduce((n, r) => n + r.times_seen, 0) === 5 ? rows : null;
    }, { what: '5 events stored' });
    expect(issues).toHaveLength(2);
    expect(issues.map((i) => i.short_id_number).sort()).toEqual([1, 2]);
    const checkout = issues.find((i) => i.title.includes("reading 'price'"));
    const profile = issues.find((i) => i.culprit.includes('loadProfile'));
    expect(checkout).toMatchObject({ times_seen: 3, level: 'error', user_count: 1 });
    expect(profile).toMatchObject({ times_seen: 2, user_count: 1 });
  });
});

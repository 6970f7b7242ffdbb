import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { buildTenant } from '../../../test/support/factories.js';
import { publicKeyOf } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { processQueuedEnvelopes } from '../ingest/process-envelopes.js';

let server: TestServer;
// No workers: every envelope below is processed in one batch.
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const crash = (type: string) => ({
  platform: 'node',
  exception: { values: [{ type, value: 'boom', stacktrace: { frames: [{ filename: `/srv/${type}.js`, function: type, lineno: 1, in_app: true }] } }] },
});

describe('issues created by one batch', () => {
  it('get consecutive short ids per project in arrival order, one issue per hash, each in the inbox', async () => {
    const a = await buildTenant(server.app);
    const b = await buildTenant(server.app);
    const keyA = await publicKeyOf(server.app, a.project);
    const keyB = await publicKeyOf(server.app, b.project);
    const sends: [typeof a, string, string][] = [
      [a, keyA, 'FirstError'],
      [b, keyB, 'OtherError'],
      [a, keyA, 'SecondError'],
      [a, keyA, 'FirstError'],
      [a, keyA, 'ThirdError'],
      [b, keyB, 'FirstError'],
    ];
    for (const [tenant, key, type] of sends) expect((await postEnvelope(server.url, tenant.project.id, key, eventEnvelope(crash(type)))).status).toBe(200);
    expect(await processQueuedEnvelopes(server.app, 100)).toBe(sends.length);

    const issues = async (projectId: number) =>
      (await server.app.db.query(
        `SELECT i.short_id_number AS n, i.title, i.times_seen, x.reason, (SELECT count(*)::int FROM group_hash g WHERE g.issue_id = i.id) AS hashes
           FROM issue i LEFT JOIN issue_inbox x ON x.issue_id = i.id WHERE i.project_id = $1 ORDER BY i.short_id_number`,
        [projectId],
      )) as { n: number; title: string; times_seen: number; reason: string; hashes: number }[];
    expect(await issues(a.project.id)).toEqual([
      { n: 1, title: 'FirstError: boom', times_seen: 2, reason: 'new', hashes: 1 },
      { n: 2, title: 'SecondError: boom', times_seen: 1, reason: 'new', hashes: 1 },
      { n: 3, title: 'ThirdError: boom', times_seen: 1, reason: 'new', hashes: 1 },
    ]);
    expect(await issues(b.project.id)).toEqual([
      { n: 1, title: 'OtherError: boom', times_seen: 1, reason: 'new', hashes: 1 },
      { n: 2, title: 'FirstError: boom', times_seen: 1, reason: 'new', hashes: 1 },
    ]);
  });
});

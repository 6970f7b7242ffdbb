import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { claimBatch, lockClaimed, parkEnvelope, releaseClaims, requeueParked } from './ingest-queue.js';

// No workers: the tests below are the only ones claiming.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

/** Queues `n` envelopes of a fresh project through the real edge; returns their queue ids and sizes, oldest first. */
async function queueEnvelopes(n: number, padding = 0): Promise<{ id: string; size: number }[]> {
  const { project } = await buildTenant(server.app);
  const key = await publicKeyOf(server.app, project);
  for (let i = 0; i < n; i++) {
    expect((await postEnvelope(server.url, project.id, key, eventEnvelope({ message: `m${i}`, extra: { pad: 'x'.repeat(padding) } }))).status).toBe(200);
  }
  return server.app.db.query('SELECT id, octet_length(envelope) AS size FROM ingest_queue WHERE project_id = $1 ORDER BY id', [project.id]);
}

async function drain(): Promise<void> {
  await server.app.db.query('DELETE FROM ingest_queue');
}

describe('the ingest queue', () => {
  it('claims by a byte budget, and at least one envelope however large', async () => {
    await drain();
    const rows = await queueEnvelopes(4, 20_000);
    const owner = randomUUID();
    const two = await claimBatch(server.app.db, { owner, maxBytes: rows[0]!.size + rows[1]!.size });
    expect(two.map((c) => c.id)).toEqual([rows[0]!.id, rows[1]!.id]);
    const one = await claimBatch(server.app.db, { owner: randomUUID(), maxBytes: 1 });
    expect(one.map((c) => c.id)).toEqual([rows[2]!.id]);
  });

  it('counts the attempt in its own committed statement before any processing, and leaves claimed rows to their owner', async () => {
    await drain();
    const rows = await queueEnvelopes(2);
    const owner = randomUUID();
    const claims = await claimBatch(server.app.db, { owner });
    expect(claims).toEqual(rows.map((r) => ({ id: r.id, attempts: 1 })));
    // Another connection sees the attempts already: a process dying now still counted them.
    const other = new pg.Client({ connectionString: server.databaseUrl });
    await other.connect();
    try {
      const seen = await other.query('SELECT attempts, claimed_by FROM ingest_queue WHERE id = ANY($1) ORDER BY id', [rows.map((r) => r.id)]);
      expect(seen.rows).toEqual(rows.map(() => ({ attempts: 1, claimed_by: owner })));
    } finally {
      await other.end();
    }
    expect(await claimBatch(server.app.db, { owner: randomUUID() })).toEqual([]);
    // Only the owner's processing transaction gets to lock them.
    await server.app.db.transaction(async (tx) => {
      expect(await lockClaimed(tx, randomUUID(), rows.map((r) => r.id))).toEqual([]);
      expect((await lockClaimed(tx, owner, rows.map((r) => r.id))).map((q) => q.id)).toEqual(rows.map((r) => r.id));
    });
  });

  it('claims an envelope tried before on its own, so a failed batch does not fail its neighbours again', async () => {
    await drain();
    const rows = await queueEnvelopes(3);
    const first = randomUUID();
    await claimBatch(server.app.db, { owner: first });
    await releaseClaims(server.app.db, first, { refund: false });
    for (const row of rows) {
      expect(await claimBatch(server.app.db, { owner: randomUUID() })).toEqual([{ id: row.id, attempts: 2 }]);
    }
  });

  it('hands claims back with the attempt refunded after a database failure, and takes over claims that ran out', async () => {
    await drain();
    const [row] = await queueEnvelopes(1);
    const owner = randomUUID();
    await claimBatch(server.app.db, { owner });
    await releaseClaims(server.app.db, owner, { refund: true });
    expect(await claimBatch(server.app.db, { owner: randomUUID(), claimSeconds: 0 })).toEqual([{ id: row!.id, attempts: 1 }]);
    // That claim ran out at once (a dead process): the next claimer takes it, counting again.
    expect(await claimBatch(server.app.db, { owner: randomUUID() })).toEqual([{ id: row!.id, attempts: 2 }]);
  });

  it('parks an envelope with its reason and moves parked envelopes back as new', async () => {
    await drain();
    const [row] = await queueEnvelopes(1);
    const [{ project_id: projectId }] = (await server.app.db.query('SELECT project_id FROM ingest_queue WHERE id = $1', [row!.id])) as [{ project_id: number }];
    await claimBatch(server.app.db, { owner: randomUUID() });
    expect(await parkEnvelope(server.app.db, row!.id, 'it broke')).toBe(true);
    expect(await parkEnvelope(server.app.db, row!.id, 'again')).toBe(false);
    expect(await server.app.db.query('SELECT error FROM ingest_failed WHERE project_id = $1', [projectId])).toEqual([{ error: 'it broke' }]);
    expect(await server.app.db.transaction((tx) => requeueParked(tx, projectId))).toBe(1);
    expect(await server.app.db.query('SELECT attempts, claimed_by FROM ingest_queue WHERE project_id = $1', [projectId])).toEqual([{ attempts: 0, claimed_by: null }]);
    expect(await server.app.db.query('SELECT 1 FROM ingest_failed WHERE project_id = $1', [projectId])).toEqual([]);
  });
});

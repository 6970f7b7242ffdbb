import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { ProjectKey } from '../projects/project-key.entity.js';
import { QueueFullError, QueueWriter } from './queue-writer.js';

// No workers: queued rows stay where the writer put them.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: false });
});
afterAll(async () => server?.close());

async function rowFor(size: number) {
  const { project } = await buildTenant(server.app);
  const key = await server.app.db.getRepository(ProjectKey).findOneByOrFail({ projectId: project.id });
  return { project, row: () => ({ projectId: project.id, keyId: key.id, clientIp: null, userAgent: null, envelope: Buffer.alloc(size, 0x61) }) };
}

/** Rows written by one INSERT share its transaction id. */
async function inserts(projectId: number): Promise<number> {
  const [row] = (await server.app.db.query('SELECT count(DISTINCT xmin::text)::int AS n FROM ingest_queue WHERE project_id = $1', [projectId])) as { n: number }[];
  return row!.n;
}

describe('QueueWriter', () => {
  it('batches by bytes: envelopes waiting together share an INSERT up to 8 MiB', async () => {
    const w = new QueueWriter(server.app.db, server.app.pubsub, { maxQueueBytes: 1e12, maxPendingBytes: 1e12 });
    // The first envelope goes alone (nothing to wait for), the others join the next INSERT…
    const small = await rowFor(1024);
    await Promise.all(Array.from({ length: 10 }, () => w.enqueue(small.row())));
    expect(await inserts(small.project.id)).toBe(2);
    // …unless together they pass 8 MiB: 2 × 5 MiB go one by one.
    const large = await rowFor(5 * 1024 * 1024);
    await Promise.all([w.enqueue(large.row()), w.enqueue(large.row()), w.enqueue(large.row())]);
    w.close();
    expect(await inserts(large.project.id)).toBe(3);
  });

  it('stores each envelope of a shared INSERT byte for byte, in arrival order', async () => {
    const { row, project } = await rowFor(0);
    const w = new QueueWriter(server.app.db, server.app.pubsub, { maxQueueBytes: 1e12, maxPendingBytes: 1e12 });
    // Binary bytes, NULs and an empty envelope: the INSERT cuts them out of one parameter by offset.
    const envelopes = [Buffer.from('first'), Buffer.from([0, 255, 0, 10, 13]), Buffer.alloc(0), Buffer.from('{"type":"event"}\n'), Buffer.alloc(70_000, 0x7a)];
    await Promise.all(envelopes.map((envelope) => w.enqueue({ ...row(), envelope })));
    w.close();
    expect(await inserts(project.id)).toBe(2);
    const stored = (await server.app.db.query('SELECT envelope FROM ingest_queue WHERE project_id = $1 ORDER BY id', [project.id])) as { envelope: Buffer }[];
    expect(stored.map((r) => r.envelope.toString('hex'))).toEqual(envelopes.map((e) => e.toString('hex')));
  });

  it('bounds what it holds in memory: past maxPendingBytes it refuses instead of buffering', async () => {
    const { row, project } = await rowFor(600);
    const w = new QueueWriter(server.app.db, server.app.pubsub, { maxQueueBytes: 1e12, maxPendingBytes: 1000 });
    const results = await Promise.allSettled([w.enqueue(row()), w.enqueue(row())]);
    w.close();
    expect(results[0].status).toBe('fulfilled');
    expect(results[1].status === 'rejected' && results[1].reason).toBeInstanceOf(QueueFullError);
    expect(await inserts(project.id)).toBe(1);
    expect(w.usage.pendingBytes).toBe(0);
  });
});

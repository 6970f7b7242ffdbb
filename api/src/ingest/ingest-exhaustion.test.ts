import { randomBytes } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, newEventId, postEnvelope } from '../../../test/support/envelopes.js';
import { outcomeTotal, publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { IngestKeyCache } from './ingest-key.js';
import { INGEST_LIMITS } from './limits.js';
import { OutcomeRecorder } from './outcome-recorder.js';

// No anonymous exhaustion: what a request can make the edge hold, decode or write is bounded.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

async function tenant() {
  const t = await buildTenant(server.app);
  return { ...t, key: await publicKeyOf(server.app, t.project) };
}

const queued = async (projectId: number) =>
  ((await server.app.db.query('SELECT count(*)::int AS n FROM ingest_queue WHERE project_id = $1', [projectId])) as { n: number }[])[0]!.n;

const outcomeOf = (projectId: number, outcome: string, reason: string, atLeast: number) =>
  waitFor(async () => ((await outcomeTotal(server.app, projectId, outcome, reason)) >= atLeast ? true : null), { what: `${outcome}/${reason}` });

describe('DSN keys', () => {
  it('refuses a malformed key before any lookup, and unknown keys do not grow the cache', async () => {
    const { project } = await tenant();
    for (const bad of ['ABCDEF'.repeat(6).slice(0, 32), 'x'.repeat(32), 'f'.repeat(31), `${'a'.repeat(32)}'--`]) {
      const response = await fetch(`${server.url}/api/${project.id}/envelope/?sentry_key=${encodeURIComponent(bad)}`, { method: 'POST', body: '{}\n' });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/^Invalid DSN key/);
    }
    const cache = new IngestKeyCache(server.app.db);
    for (let i = 0; i < 200; i++) expect(await cache.get(randomBytes(16).toString('hex'))).toBeNull();
    expect(cache.usage).toEqual({ entries: 0, bytes: 0 });
  });

  it('bounds the key cache in bytes', async () => {
    const tenants = await Promise.all([1, 2, 3, 4, 5].map(() => tenant()));
    const cache = new IngestKeyCache(server.app.db, 2000);
    for (const t of tenants) expect((await cache.get(t.key))?.projectId).toBe(t.project.id);
    expect(cache.usage.bytes).toBeLessThanOrEqual(2000);
    expect(cache.usage.entries).toBeGreaterThan(0);
    expect(cache.usage.entries).toBeLessThan(5);
  });
});

describe('bodies', () => {
  it('refuses stacked or unknown Content-Encodings with 415 and a clear message', async () => {
    const { project, key } = await tenant();
    const twice = brotliCompressSync(gzipSync(eventEnvelope({ message: 'twice' })));
    const stacked = await postEnvelope(server.url, project.id, key, twice, { 'content-encoding': 'gzip, br' });
    expect(stacked.status).toBe(415);
    expect(stacked.body.detail).toBe('Only one Content-Encoding is supported, got "gzip, br"');
    const unknown = await postEnvelope(server.url, project.id, key, 'x', { 'content-encoding': 'compress' });
    expect(unknown.status).toBe(415);
    expect(String(unknown.body.detail)).toMatch(/Unsupported Content-Encoding "compress"/);
    expect(await queued(project.id)).toBe(0);
    await outcomeOf(project.id, 'invalid', 'unsupported_encoding', 2);
  });

  it(`caps envelopes at ${INGEST_LIMITS.maxItems} items`, async () => {
    const { project, key } = await tenant();
    const sessions = (n: number) => `{}\n${'{"type":"client_report"}\n{}\n'.repeat(n)}`;
    expect((await postEnvelope(server.url, project.id, key, sessions(INGEST_LIMITS.maxItems))).status).toBe(200);
    const tooMany = await postEnvelope(server.url, project.id, key, sessions(INGEST_LIMITS.maxItems + 1));
    expect(tooMany.status).toBe(413);
    expect(String(tooMany.body.detail)).toMatch(/more than 100 items/);
    await outcomeOf(project.id, 'invalid', 'too_many_items', 1);
  });

  it('authenticates from the envelope header line before decoding or parsing the rest', async () => {
    const { project, key } = await tenant();
    const stranger = `{"dsn":"http://${'0'.repeat(32)}@127.0.0.1/${project.id}"}\n`;
    const junk = await postEnvelope(server.url, project.id, null, `${stranger}{not json at all\n`);
    expect(junk.status).toBe(401);
    // The header line is read alone: an unauthenticated bomb behind it is never inflated.
    const bomb = gzipSync(Buffer.concat([Buffer.from(stranger), Buffer.alloc(100 * 1024 * 1024)]));
    const exploded = await postEnvelope(server.url, project.id, null, bomb, { 'content-encoding': 'gzip' });
    expect(exploded.status).toBe(401);
    expect(exploded.body.detail).toBe('Unknown DSN key');
    const own = gzipSync(`{"dsn":"http://${key}@127.0.0.1/${project.id}"}\n{"type":"event"}\n{"message":"mine"}\n`);
    expect((await postEnvelope(server.url, project.id, null, own, { 'content-encoding': 'gzip' })).status).toBe(200);
    await waitForEvents(server.app, project.id, 1);
  });
});

describe('outcomes', () => {
  it('takes only integer quantities and known reasons from client reports; one bad report drops no one else’s outcomes', async () => {
    const a = await tenant();
    const b = await tenant();
    const report = (discarded: unknown[]) => `{}\n{"type":"client_report"}\n${JSON.stringify({ discarded_events: discarded })}\n`;
    const reasons = Array.from({ length: 1500 }, (_, i) => ({ reason: `made-up-${i}`, category: 'error', quantity: 1 }));
    const [good, bad] = await Promise.all([
      postEnvelope(server.url, a.project.id, a.key, report([{ reason: 'queue_overflow', category: 'error', quantity: 3 }])),
      postEnvelope(
        server.url,
        b.project.id,
        b.key,
        report([
          { reason: 'sample_rate', category: 'error', quantity: 1e300 },
          { reason: 'sample_rate', category: 'error', quantity: -1 },
          { reason: 'sample_rate', category: 'error', quantity: 1.5 },
          { reason: 'sample_rate', category: 'error\u0000', quantity: 2 },
          ...reasons,
        ]),
      ),
    ]);
    expect([good.status, bad.status]).toEqual([200, 200]);
    await outcomeOf(a.project.id, 'client_discard', 'queue_overflow', 3);
    await outcomeOf(b.project.id, 'client_discard', 'unknown', 1500);
    // Unknown categories are counted as "unknown"; bad quantities are refused and counted.
    expect(await outcomeTotal(server.app, b.project.id, 'client_discard', 'sample_rate')).toBe(2);
    expect(await outcomeTotal(server.app, b.project.id, 'invalid', 'invalid_client_report')).toBe(3);
    const rows: { reason: string; category: string }[] = await server.app.db.query(
      'SELECT DISTINCT reason, category FROM outcome WHERE project_id = $1 ORDER BY reason',
      [b.project.id],
    );
    expect(rows).toEqual([
      { reason: 'invalid_client_report', category: 'internal' },
      { reason: 'sample_rate', category: 'unknown' },
      { reason: 'unknown', category: 'error' },
    ]);
  });

  it('writes many counters in chunks, and a row PostgreSQL refuses costs only itself', async () => {
    const { project } = await tenant();
    const recorder = new OutcomeRecorder(server.app.db, server.app.log);
    for (let i = 0; i < 12_000; i++) recorder.record({ projectId: project.id, outcome: 'filtered', reason: `r${i}`, category: 'error', quantity: 1 });
    recorder.record({ projectId: 2 ** 31 - 1, outcome: 'filtered', reason: 'gone', category: 'error', quantity: 1 }); // no such project
    recorder.record({ projectId: project.id, outcome: 'filtered', reason: 'bad', category: 'error', quantity: Number.NaN });
    await recorder.close();
    const [row] = (await server.app.db.query('SELECT count(*)::int AS keys, sum(quantity)::int AS n FROM outcome WHERE project_id = $1', [project.id])) as {
      keys: number;
      n: number;
    }[];
    expect(row).toEqual({ keys: 12_000, n: 12_000 });
  });
});

describe('the ingest queue budget', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ workers: false, env: { VIGIL_INGEST_QUEUE_MAX_BYTES: '6000' } });
  });
  afterAll(async () => small?.close());

  it('answers 429 with Retry-After once the queue is over budget, and accepts again when it drains', async () => {
    const { project } = await buildTenant(small.app);
    const key = await publicKeyOf(small.app, project);
    const event = () => eventEnvelope({ event_id: newEventId(), message: 'x'.repeat(1500) });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof postEnvelope>> | undefined;
    for (let i = 0; i < 6; i++) {
      last = await postEnvelope(small.url, project.id, key, event());
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    expect(last!.headers.get('retry-after')).toBe('10');
    expect(String(last!.body.detail)).toMatch(/ingest queue is full/);
    const [row] = (await small.app.db.query('SELECT count(*)::int AS n, sum(octet_length(envelope))::int AS bytes FROM ingest_queue')) as { n: number; bytes: number }[];
    expect(row!.n).toBe(3);
    expect(row!.bytes).toBeLessThanOrEqual(6000);

    // Workers deleting rows is seen at the next measurement.
    await small.app.db.query('DELETE FROM ingest_queue');
    await waitFor(async () => ((await postEnvelope(small.url, project.id, key, event())).status === 200 ? true : null), { what: 'the budget to free up' });
  });
});

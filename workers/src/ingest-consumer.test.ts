import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../test/support/factories.js';
import { eventEnvelope, newEventId, postEnvelope } from '../../test/support/envelopes.js';
import { eventCount, outcomeTotal, publicKeyOf, waitForEvents } from '../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { waitFor } from '../../test/support/wait.js';
import { claimBatch, MAX_ATTEMPTS, releaseClaims } from '../../api/src/ingest/ingest-queue.js';
import { QueueWriter } from '../../api/src/ingest/queue-writer.js';
import { IngestConsumer } from './ingest-consumer.js';

// No workers: envelopes stay queued until a test starts its own consumer.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function tenantWithKey() {
  const tenant = await buildTenant(server.app);
  return { ...tenant, key: await publicKeyOf(server.app, tenant.project) };
}

async function send(projectId: number, key: string, event: Record<string, unknown> = {}): Promise<string> {
  const eventId = newEventId();
  const response = await postEnvelope(server.url, projectId, key, eventEnvelope({ event_id: eventId, message: `hello ${eventId}`, ...event }));
  expect(response.status).toBe(200);
  return eventId;
}

/**
 * Queues `body` through the real queue writer, past the edge's checks: what an older or broken
 * edge may have written (today's edge makes such strings storable before it answers 200).
 */
async function queueDirectly(projectId: number, body: string): Promise<void> {
  const [{ id: keyId }] = (await server.app.db.query('SELECT id FROM project_key WHERE project_id = $1', [projectId])) as [{ id: number }];
  const writer = new QueueWriter(server.app.db, server.app.pubsub, { maxQueueBytes: 1 << 30, maxPendingBytes: 1 << 30 });
  try {
    await writer.enqueue({ projectId, keyId, clientIp: null, userAgent: null, envelope: Buffer.from(body) });
  } finally {
    writer.close();
  }
}

/** A queue row the processing cannot read. */
const queueCorrupt = (projectId: number) => queueDirectly(projectId, '{"event_id":"not json\n{"type":"event","length":999}\n{}\n');

/** An event queued past the edge; returns its id. */
async function queueEvent(projectId: number, event: Record<string, unknown>): Promise<string> {
  const eventId = newEventId();
  await queueDirectly(projectId, eventEnvelope({ event_id: eventId, message: `hello ${eventId}`, ...event }));
  return eventId;
}

async function parked(projectId: number): Promise<{ error: string }[]> {
  return server.app.db.query('SELECT error FROM ingest_failed WHERE project_id = $1', [projectId]);
}

async function queued(projectId: number): Promise<number> {
  const [row] = (await server.app.db.query('SELECT count(*)::int AS n FROM ingest_queue WHERE project_id = $1', [projectId])) as { n: number }[];
  return row!.n;
}

async function withConsumer<T>(work: (consumer: IngestConsumer) => Promise<T>): Promise<T> {
  const consumer = new IngestConsumer(server.app, { concurrency: 1 });
  consumer.start();
  try {
    return await work(consumer);
  } finally {
    await consumer.stop();
  }
}

describe('the ingest consumer', () => {
  it('parks a poisoned envelope after its attempts, with the error as reason, stores the rest of its batch, and keeps going', async () => {
    const { project, key } = await tenantWithKey();
    await send(project.id, key);
    await send(project.id, key);
    await queueCorrupt(project.id);
    await send(project.id, key);
    await withConsumer(async () => {
      await waitFor(async () => (await parked(project.id)).length === 1 && (await queued(project.id)) === 0, { what: 'the bad envelope parked' });
      expect(await eventCount(server.app, project.id)).toBe(3);
      const [row] = await parked(project.id);
      // The message, not a stack trace.
      expect(row!.error).toMatch(/envelope|JSON|length/i);
      expect(row!.error).not.toMatch(/\n|\bat .*\.js:\d+/);
      expect(row!.error.length).toBeLessThanOrEqual(500);
      // Still running: a new envelope is stored.
      await send(project.id, key);
      await waitForEvents(server.app, project.id, 4);
    });
  });

  it('parks an envelope whose processing never finished (its process died each time) instead of trying it again', async () => {
    const { project, key } = await tenantWithKey();
    const eventId = await send(project.id, key);
    // Three workers each claimed it (counting an attempt first) and died before finishing.
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const claims = await claimBatch(server.app.db, { owner: crypto.randomUUID(), claimSeconds: 0 });
      expect(claims.map((c) => c.attempts)).toEqual([i + 1]);
    }
    await withConsumer(async () => {
      await waitFor(async () => (await parked(project.id)).length === 1, { what: 'the envelope parked' });
    });
    expect((await parked(project.id))[0]!.error).toMatch(/did not finish in 3 attempts/);
    expect(await eventCount(server.app, project.id)).toBe(0);
    expect(eventId).toBeTruthy();
  });

  it('stores the rest of a batch when PostgreSQL cannot store a value of one event, and counts that event as invalid', async () => {
    const { project, key } = await tenantWithKey();
    const good = [await send(project.id, key), await send(project.id, key)];
    // A lone surrogate survives JSON parsing and scrubbing, but jsonb refuses it.
    const bad = await queueEvent(project.id, { message: 'broken \ud800 text', extra: { note: 'x\ud800y' } });
    good.push(await send(project.id, key));
    await withConsumer(async () => {
      await waitFor(async () => (await queued(project.id)) === 0, { what: 'the queue drained' });
    });
    const stored: { event_id: string }[] = await server.app.db.query('SELECT event_id FROM event WHERE project_id = $1', [project.id]);
    expect(stored.map((s) => s.event_id).sort()).toEqual([...good].sort());
    expect(stored.map((s) => s.event_id)).not.toContain(bad);
    expect(await parked(project.id)).toEqual([]);
    expect(await outcomeTotal(server.app, project.id, 'invalid', 'unstorable_value')).toBe(1);
    expect(await outcomeTotal(server.app, project.id, 'accepted')).toBeGreaterThanOrEqual(3);
    // No issue was left behind for the refused event.
    const issues: { times_seen: number }[] = await server.app.db.query('SELECT times_seen FROM issue WHERE project_id = $1', [project.id]);
    expect(issues.every((i) => i.times_seen > 0)).toBe(true);
  });

  it('refuses only the event whose release or tags PostgreSQL cannot store, and stores its batch-mates', async () => {
    const { project, key } = await tenantWithKey();
    const good = [await send(project.id, key, { release: 'web@1.0' })];
    const bad = [await queueEvent(project.id, { release: 'web@\ud800' }), await queueEvent(project.id, { message: 'nul \u0000 byte' })];
    // A tag value travels as text, where an unpaired surrogate becomes U+FFFD (as the edge does);
    // the payload (bytea) holds the event as it came.
    good.push(await queueEvent(project.id, { tags: { region: 'eu\ud800' } }));
    good.push(await send(project.id, key));
    await withConsumer(async () => {
      await waitFor(async () => (await queued(project.id)) === 0, { what: 'the queue drained' });
    });
    const stored: { event_id: string }[] = await server.app.db.query('SELECT event_id FROM event WHERE project_id = $1', [project.id]);
    expect(await parked(project.id)).toEqual([]);
    expect(stored.map((s) => s.event_id).sort()).toEqual([...good].sort());
    expect(await outcomeTotal(server.app, project.id, 'invalid', 'unstorable_value')).toBe(bad.length);
    const regions: { value: string }[] = await server.app.db.query(
      "SELECT t.value FROM issue_tag_value t JOIN issue i ON i.id = t.issue_id WHERE i.project_id = $1 AND t.key = 'region'",
      [project.id],
    );
    expect(regions).toEqual([{ value: 'eu\ufffd' }]);
  });

  it('refuses a session PostgreSQL cannot store without failing the envelope that carries it', async () => {
    const { project } = await tenantWithKey();
    const eventId = newEventId();
    const session = (release: string) => `{"type":"session"}\n${JSON.stringify({ sid: crypto.randomUUID(), status: 'ok', started: new Date().toISOString(), attrs: { release } })}\n`;
    const body = `${eventEnvelope({ event_id: eventId, message: 'with sessions' })}${session('web\u0000@1')}${session('web@1')}`;
    await queueDirectly(project.id, body);
    await withConsumer(async () => {
      await waitForEvents(server.app, project.id, 1);
    });
    expect(await parked(project.id)).toEqual([]);
    expect(await outcomeTotal(server.app, project.id, 'invalid', 'unstorable_value')).toBe(1);
    expect(await server.app.db.query('SELECT release FROM release_session WHERE project_id = $1', [project.id])).toEqual([{ release: 'web@1' }]);
  });

  it('does not count an attempt that the database cut short (57P01): the envelope on its last attempt is stored, not parked', async () => {
    const { project, key } = await tenantWithKey();
    const eventId = await send(project.id, key, { fingerprint: [`new-issue-${newEventId()}`] });
    // Two earlier batches failed: this is its last attempt.
    for (let i = 0; i < MAX_ATTEMPTS - 1; i++) {
      const owner = crypto.randomUUID();
      await claimBatch(server.app.db, { owner });
      await releaseClaims(server.app.db, owner, { refund: false });
    }
    // Hold the project row, so the consumer waits where it numbers the new issue.
    const blocker = new pg.Client({ connectionString: server.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM project WHERE id = $1 FOR UPDATE', [project.id]);
      await withConsumer(async () => {
        try {
          const waiting = await waitFor(
            async () =>
              // (Not on the blocker: inside its transaction the activity view would stay as first read.)
              (
                (await server.app.db.query(
                  `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM project%FOR NO KEY UPDATE%'`,
                )) as { pid: number }[]
              )[0],
            { what: 'the consumer waiting for the project row' },
          );
          // What an operator's restart or pg_terminate_backend does to the consumer's session.
          await blocker.query('SELECT pg_terminate_backend($1)', [waiting.pid]);
        } finally {
          await blocker.query('COMMIT');
        }
        await waitForEvents(server.app, project.id, 1);
      });
    } finally {
      await blocker.end();
    }
    expect(await parked(project.id)).toEqual([]);
    expect((await server.app.db.query('SELECT event_id FROM event WHERE project_id = $1', [project.id])) as unknown[]).toEqual([{ event_id: eventId }]);
  });
});

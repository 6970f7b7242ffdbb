import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, newEventId, postEnvelope } from '../../../test/support/envelopes.js';
import { buildTenant } from '../../../test/support/factories.js';
import { eventCount, publicKeyOf } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { processQueuedEnvelopes } from '../ingest/process-envelopes.js';
import { eventPayload } from './event-payload.js';
import { eventPartitions, maintainEventPartitions, partitionName, WEEKS_AHEAD, weekStart } from './event-partitions.js';

const DAY_MS = 24 * 3600 * 1000;
let server: TestServer;

beforeAll(async () => {
  // No workers: the test decides when envelopes are processed and partitions maintained.
  server = await startTestServer();
});
afterAll(() => server.close());

/** Queues one event (with an attachment) through the real edge and stores it. */
async function storeOne(projectId: number, key: string, message: string): Promise<string> {
  const eventId = newEventId();
  const body = `${eventEnvelope({ event_id: eventId, message }).trimEnd()}\n{"type":"attachment","length":5,"filename":"a.txt"}\nhello\n`;
  expect((await postEnvelope(server.url, projectId, key, body)).status).toBe(200);
  await processQueuedEnvelopes(server.app, 100);
  return eventId;
}

async function partitionOf(eventId: string): Promise<string | undefined> {
  const [row] = (await server.app.db.query('SELECT tableoid::regclass::text AS part FROM event WHERE event_id = $1', [eventId])) as { part: string }[];
  return row?.part;
}

async function dropAllPartitions(): Promise<void> {
  for (const { name } of await eventPartitions(server.app.db)) {
    await server.app.db.query(`ALTER TABLE event DETACH PARTITION "${name}"`);
    await server.app.db.query(`DROP TABLE "${name}"`);
  }
}

describe('event partitions', () => {
  it('has this week and the weeks ahead ready once the app has started', async () => {
    const thisWeek = weekStart(new Date());
    const names = (await eventPartitions(server.app.db)).map((p) => p.name);
    expect(names).toEqual(Array.from({ length: WEEKS_AHEAD + 1 }, (_, i) => partitionName(new Date(thisWeek.getTime() + i * 7 * DAY_MS))));
  });

  it('keeps the weeks ahead ready, moving what the default partition held into its week', async () => {
    // As after an upgrade from an unpartitioned table: every event sits in the default partition.
    await dropAllPartitions();
    const { project } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    const before = await storeOne(project.id, key, 'before any partition');
    expect(await partitionOf(before)).toBe('event_default');

    const thisWeek = partitionName(weekStart(new Date()));
    const { created } = await maintainEventPartitions(server.app.db, { retentionDays: 90 });
    expect(created[0]).toBe(thisWeek);
    expect(created).toHaveLength(WEEKS_AHEAD + 1);
    expect(await partitionOf(before)).toBe(thisWeek);
    expect(await partitionOf(await storeOne(project.id, key, 'after'))).toBe(thisWeek);
    // Run again (as every worker does): nothing left to do.
    expect(await maintainEventPartitions(server.app.db, { retentionDays: 90 })).toEqual({ created: [], dropped: [] });
  });

  it('never hides moved events from queries running while they move', async () => {
    const { project } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    for (let round = 0; round < 5; round++) {
      await dropAllPartitions();
      await storeOne(project.id, key, `round ${round}`);
      const expected = await eventCount(server.app, project.id);
      const seen: number[] = [];
      let moving = true;
      const readers = Array.from({ length: 4 }, async () => {
        while (moving) seen.push(await eventCount(server.app, project.id));
      });
      await maintainEventPartitions(server.app.db, { retentionDays: 90 });
      moving = false;
      await Promise.all(readers);
      expect(Math.min(...seen)).toBe(expected);
    }
  });

  it('stores the payload deflated and reads it back whole, as it reads plain JSON of migrated rows', async () => {
    const { project } = await buildTenant(server.app);
    const eventId = await storeOne(project.id, await publicKeyOf(server.app, project), 'x'.repeat(2000));
    const [row] = (await server.app.db.query('SELECT payload FROM event WHERE event_id = $1', [eventId])) as { payload: Buffer }[];
    expect(row!.payload[0]).toBe(0x78); // a zlib stream, not JSON text
    expect(row!.payload.length).toBeLessThan(1000);
    expect(eventPayload(row!)).toMatchObject({ eventId, message: 'x'.repeat(2000) });
    expect(eventPayload({ payload: Buffer.from('{"eventId":"abc"}') })).toEqual({ eventId: 'abc' });
  });

  it('drops whole weeks past VIGIL_RETENTION_DAYS with their attachments; issue counts stay', async () => {
    const { project } = await buildTenant(server.app);
    await maintainEventPartitions(server.app.db, { retentionDays: 90 });
    const eventId = await storeOne(project.id, await publicKeyOf(server.app, project), 'old news');
    const thisWeek = partitionName(weekStart(new Date()));
    expect(await partitionOf(eventId)).toBe(thisWeek);

    const later = new Date(Date.now() + 120 * DAY_MS);
    const { dropped } = await maintainEventPartitions(server.app.db, { retentionDays: 90, now: later });
    expect(dropped[0]).toBe(thisWeek);
    expect((await eventPartitions(server.app.db)).map((p) => p.name)).not.toContain(thisWeek);
    expect(await eventCount(server.app, project.id)).toBe(0);
    expect(await server.app.db.query('SELECT 1 FROM event_attachment WHERE project_id = $1', [project.id])).toEqual([]);
    const [issue] = (await server.app.db.query('SELECT times_seen FROM issue WHERE project_id = $1', [project.id])) as { times_seen: number }[];
    expect(issue!.times_seen).toBe(1);
  });
});

describe('VIGIL_MAX_EVENTS_PER_ISSUE', () => {
  let capped: TestServer;
  beforeAll(async () => {
    capped = await startTestServer({ env: { VIGIL_MAX_EVENTS_PER_ISSUE: '2' } });
  });
  afterAll(() => capped.close());

  it('keeps the newest events of an issue and exact counts', async () => {
    const { project } = await buildTenant(capped.app);
    const key = await publicKeyOf(capped.app, project);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const eventId = newEventId();
      ids.push(eventId);
      const body = `${eventEnvelope({ event_id: eventId, message: 'same', timestamp: Date.now() / 1000 + i }).trimEnd()}\n{"type":"attachment","length":2,"filename":"a.txt"}\nhi\n`;
      expect((await postEnvelope(capped.url, project.id, key, body)).status).toBe(200);
      // One batch per event, so the cap applies across batches too.
      await processQueuedEnvelopes(capped.app, 100);
    }
    const kept = (await capped.app.db.query('SELECT event_id FROM event WHERE project_id = $1 ORDER BY timestamp', [project.id])) as { event_id: string }[];
    expect(kept.map((k) => k.event_id)).toEqual(ids.slice(3));
    const attachments = (await capped.app.db.query('SELECT event_id FROM event_attachment WHERE project_id = $1 ORDER BY event_id', [project.id])) as {
      event_id: string;
    }[];
    expect(attachments.map((a) => a.event_id)).toEqual(ids.slice(3).sort());
    const [issue] = (await capped.app.db.query(
      'SELECT i.times_seen, (SELECT sum(count)::int FROM issue_hourly_count h WHERE h.issue_id = i.id) AS hourly FROM issue i WHERE project_id = $1',
      [project.id],
    )) as { times_seen: number; hourly: number }[];
    expect(issue).toEqual({ times_seen: 5, hourly: 5 });
  });
});

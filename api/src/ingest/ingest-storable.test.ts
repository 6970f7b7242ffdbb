import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { newEventId, postEnvelope } from '../../../test/support/envelopes.js';
import { eventCount, outcomeTotal, publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { dsnOf, runSdkApp } from '../../../test/support/sdk.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';

// Accepted means stored: whatever the edge answers 200 for reaches its table, never ingest_failed.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

const REPLACEMENT = '\uFFFD';

async function tenant() {
  const t = await buildTenant(server.app);
  return { ...t, key: await publicKeyOf(server.app, t.project) };
}

async function parked(projectId: number): Promise<string[]> {
  const rows: { error: string }[] = await server.app.db.query('SELECT error FROM ingest_failed WHERE project_id = $1', [projectId]);
  return rows.map((r) => r.error);
}

async function queueDrained(projectId: number): Promise<void> {
  await waitFor(async () => (await server.app.db.query('SELECT 1 FROM ingest_queue WHERE project_id = $1', [projectId])).length === 0, {
    what: 'the queue to drain',
  });
}

/** Edge outcomes are written once a second. */
const outcomeOf = (projectId: number, outcome: string, reason: string, at_least = 1) =>
  waitFor(async () => ((await outcomeTotal(server.app, projectId, outcome, reason)) >= at_least ? true : null), { what: `${outcome}/${reason}` });

const EVENT_QUERY = `query($org: String!, $eventId: String!) { organization(slug: $org) { event(eventId: $eventId) {
  title message extra exception { values { value } } attachments { name contentType size } } } }`;

interface EventView {
  title: string;
  extra: Record<string, unknown>;
  exception: { values: { value: string }[] };
  attachments: { name: string; contentType: string; size: number }[];
}

describe('strings PostgreSQL cannot store are made storable at the edge', () => {
  it('stores what the real @sentry/node SDK sends with NUL, lone surrogates and long emoji text, with U+FFFD in place', async () => {
    const { project, organization, token } = await tenant();
    const run = await runSdkApp(await dsnOf(server.app, project, server.url), 'unstorable');
    expect(run.code, run.stderr).toBe(0);
    const [nulId, emojiId] = run.stdout.trim().split('\n');
    await waitForEvents(server.app, project.id, 2);
    expect(await parked(project.id)).toEqual([]);

    const client = server.client({ token });
    const { organization: org } = await client.data<{ organization: { event: EventView } }>(EVENT_QUERY, { org: organization.slug, eventId: nulId });
    expect(org.event.title).toBe(`Error: bad ${REPLACEMENT} byte`);
    expect(org.event.exception.values[0]!.value).toBe(`bad ${REPLACEMENT} byte`);
    expect(org.event.extra.blob).toBe(`a${REPLACEMENT}b`);
    expect(org.event.extra[`key${REPLACEMENT}with-nul`]).toBe(`half ${REPLACEMENT} pair`);
    expect(org.event.attachments).toEqual([{ name: `dump${REPLACEMENT}.txt`, contentType: `text/pl${REPLACEMENT}ain`, size: 9 }]);

    const emoji = await client.data<{ organization: { event: EventView } }>(EVENT_QUERY, { org: organization.slug, eventId: emojiId });
    expect(emoji.organization.event.title).toMatch(/^Error: y\u{1F600}+\.\.\.$/u);
    // Every cut keeps whole characters.
    expect(JSON.stringify(emoji.organization.event)).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i);
  });

  it('makes envelope and item headers and sessions storable; refuses an invalid session release with an outcome, not a park', async () => {
    const { project, key } = await tenant();
    const eventId = newEventId();
    const session = (release: string, environment: string) =>
      JSON.stringify({ sid: newEventId(), status: 'ok', started: new Date().toISOString(), attrs: { release, environment } });
    const eventPayload = JSON.stringify({ message: 'm\u0000', release: 'r\ud800' }); // JSON.stringify escapes both
    const body = [
      JSON.stringify({ event_id: eventId, sdk: { name: 'x\u0000y' } }),
      JSON.stringify({ type: 'event', length: Buffer.byteLength(eventPayload), note: '\u0000' }),
      eventPayload,
      '{"type":"session"}',
      session('web@1\n2', 'production'),
      '{"type":"session"}',
      session('web@1.0', 'prod\u0000uction'),
      '{"type":"sessions"}',
      JSON.stringify({ attrs: { release: '' }, aggregates: [{ started: new Date().toISOString(), exited: 1 }] }),
      '',
    ].join('\n');
    const response = await postEnvelope(server.url, project.id, key, body);
    expect(response.status).toBe(200);
    await waitForEvents(server.app, project.id, 1);
    await queueDrained(project.id);
    expect(await parked(project.id)).toEqual([]);

    const [event]: { release: string }[] = await server.app.db.query('SELECT release FROM event WHERE project_id = $1', [project.id]);
    expect(event!.release).toBe(`r${REPLACEMENT}`);
    const sessions: { release: string; environment: string }[] = await server.app.db.query('SELECT release, environment FROM release_session WHERE project_id = $1', [
      project.id,
    ]);
    expect(sessions).toEqual([{ release: 'web@1.0', environment: `prod${REPLACEMENT}uction` }]);
    await outcomeOf(project.id, 'invalid', 'invalid_release', 2);
  });

  it('clamps session numbers and dates PostgreSQL would refuse', async () => {
    const { project, key } = await tenant();
    const started = new Date().toISOString();
    const body = [
      '{}',
      '{"type":"session"}',
      JSON.stringify({ sid: newEventId(), errors: 1e20, duration: -5, started: -8.64e15, timestamp: started, attrs: { release: 'web@2' } }),
      '{"type":"sessions"}',
      JSON.stringify({ attrs: { release: 'web@2' }, aggregates: [{ started, exited: 1e15, crashed: 2 ** 31 }] }),
      '',
    ].join('\n');
    expect((await postEnvelope(server.url, project.id, key, body)).status).toBe(200);
    // The whole suite shares two cores in CI: give the consumer more than the default 10 s.
    await waitFor(async () => (await server.app.db.query('SELECT 1 FROM session_aggregate WHERE project_id = $1', [project.id])).length === 1, {
      what: 'the aggregate',
      timeoutMs: 30_000,
    });
    await queueDrained(project.id);
    expect(await parked(project.id)).toEqual([]);
    const [session]: { errors: number }[] = await server.app.db.query('SELECT errors FROM release_session WHERE project_id = $1', [project.id]);
    expect(session!.errors).toBe(2 ** 31 - 1);
  });
});

describe('an attachment belongs to the event of its own envelope', () => {
  it('never attaches to an event another envelope names, and counts the refusal', async () => {
    const { project, key } = await tenant();
    const victim = newEventId();
    await postEnvelope(server.url, project.id, key, `{"event_id":"${victim}"}\n{"type":"event"}\n{"event_id":"${victim}","message":"victim"}\n`);
    await waitForEvents(server.app, project.id, 1);

    const standalone = `{"event_id":"${victim}"}\n{"type":"attachment","length":5,"filename":"evil.txt"}\nevil!\n`;
    expect((await postEnvelope(server.url, project.id, key, standalone)).status).toBe(200);
    const twoEvents = `{}\n{"type":"event"}\n{"message":"one"}\n{"type":"attachment","length":2,"filename":"a.txt"}\nab\n{"type":"event"}\n{"event_id":"${victim}","message":"two"}\n`;
    const refused = await postEnvelope(server.url, project.id, key, twoEvents);
    expect(refused.status).toBe(400);
    expect(String(refused.body.detail)).toMatch(/more than one event/);
    await queueDrained(project.id);
    expect(await server.app.db.query('SELECT 1 FROM event_attachment WHERE project_id = $1', [project.id])).toEqual([]);
    expect(await eventCount(server.app, project.id)).toBe(1);
    await outcomeOf(project.id, 'invalid', 'no_event', 5); // attachment outcomes count bytes
  });

  it('drops the attachments of a rate-limited event as rate limited (bytes) and tells SDKs to hold attachments back', async () => {
    const { project, key } = await tenant();
    await server.app.db.query('UPDATE project SET rate_limit_count = 1, rate_limit_window = 3600 WHERE id = $1', [project.id]);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the edge caches keys for 2 s
    const withAttachment = () => `{}\n{"type":"event"}\n{"message":"m"}\n{"type":"attachment","length":4,"filename":"a.txt"}\nabcd\n`;
    expect((await postEnvelope(server.url, project.id, key, withAttachment())).status).toBe(200);
    const limited = await postEnvelope(server.url, project.id, key, withAttachment());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-sentry-rate-limits')).toMatch(/^\d+:error;default;attachment:project:project_quota$/);
    await outcomeOf(project.id, 'rate_limited', 'project_quota', 5);
    expect(await outcomeTotal(server.app, project.id, 'rate_limited', 'project_quota')).toBe(1 + 4);
  });
});

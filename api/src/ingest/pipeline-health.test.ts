import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, tokenFor } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { IngestConsumer } from '../../../workers/src/ingest-consumer.js';
import { processQueuedEnvelopes } from './process-envelopes.js';

const METRICS_TOKEN = 'scrape-secret-for-tests';

// No workers: the test decides when the queue is processed, so a backlog can be observed.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { VIGIL_METRICS_TOKEN: METRICS_TOKEN } });
});
afterAll(async () => server?.close());

async function scrape(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample (`name` or `name{labels}`) in a Prometheus text exposition. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`No sample ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
}

const HEALTH = `query($org: String!) { organization(slug: $org) { pipelineHealth {
  queuedEnvelopes oldestQueuedSeconds parkedEnvelopes processedLastHour filteredLastHour rateLimitedLastHour invalidLastHour degraded } } }`;

async function healthOf(tenant: { organization: { slug: string }; token: string }) {
  const data = await server.client({ token: tenant.token }).data<{ organization: { pipelineHealth: Record<string, number | boolean> } }>(HEALTH, {
    org: tenant.organization.slug,
  });
  return data.organization.pipelineHealth;
}

describe('GET /metrics', () => {
  it('wants the bearer token when VIGIL_METRICS_TOKEN is set', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: METRICS_TOKEN }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/VIGIL_METRICS_TOKEN/);
    }
  });

  it('is not the dashboard: unknown paths below it are 404, not index.html', async () => {
    const response = await fetch(`${server.url}/metrics/nothing`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/<html/i);
  });
});

describe('the pipeline shows its health', () => {
  it('backlog, its age, processing, parked envelopes and jobs, in /metrics and per organization in GraphQL', async () => {
    const a = await buildTenant(server.app);
    const b = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, a.project);

    for (let i = 0; i < 3; i++) {
      expect((await postEnvelope(server.url, a.project.id, key, eventEnvelope({ message: `queued ${i}` }))).status).toBe(200);
    }
    let text = await scrape();
    expect(sample(text, 'vigil_ingest_envelopes_accepted_total')).toBe(3);
    expect(sample(text, 'vigil_ingest_queue_envelopes')).toBe(3);
    expect(sample(text, 'vigil_ingest_events_processed_total')).toBe(0);
    expect(sample(text, 'vigil_ingest_envelopes_failed_total')).toBe(0);
    expect(await healthOf(a)).toMatchObject({ queuedEnvelopes: 3, parkedEnvelopes: 0, processedLastHour: 0, degraded: false });

    // The workers fell behind by five minutes.
    await server.app.db.query("UPDATE ingest_queue SET received_at = now() - interval '5 minutes' WHERE project_id = $1", [a.project.id]);
    text = await scrape();
    expect(sample(text, 'vigil_ingest_queue_oldest_seconds')).toBeGreaterThanOrEqual(300);
    const lagging = await healthOf(a);
    expect(lagging.oldestQueuedSeconds).toBeGreaterThanOrEqual(300);
    expect(lagging.degraded).toBe(true);
    // Another organization sees only its own (empty) pipeline.
    expect(await healthOf(b)).toMatchObject({ queuedEnvelopes: 0, oldestQueuedSeconds: 0, parkedEnvelopes: 0, degraded: false });

    expect(await processQueuedEnvelopes(server.app, 100)).toBe(3);
    text = await scrape();
    expect(sample(text, 'vigil_ingest_queue_envelopes')).toBe(0);
    expect(sample(text, 'vigil_ingest_queue_oldest_seconds')).toBe(0);
    expect(sample(text, 'vigil_ingest_events_processed_total')).toBe(3);
    expect(sample(text, 'vigil_ingest_outcomes_total{outcome="accepted",category="error"}')).toBe(3);
    expect(await healthOf(a)).toMatchObject({ queuedEnvelopes: 0, processedLastHour: 3, degraded: false });

    // An envelope that cannot be processed (corrupt bytes) is retried, then parked.
    await server.app.db.query('INSERT INTO ingest_queue (project_id, key_id, received_at, envelope) VALUES ($1, NULL, now(), $2)', [
      a.project.id,
      Buffer.from([0xff, 0xfe, 0x00]),
    ]);
    const consumer = new IngestConsumer(server.app, { concurrency: 1 });
    consumer.start();
    try {
      await waitFor(async () => (await healthOf(a)).parkedEnvelopes === 1, { what: 'a parked envelope' });
    } finally {
      await consumer.stop();
    }
    text = await scrape();
    expect(sample(text, 'vigil_ingest_envelopes_failed_total')).toBe(1);
    expect(await healthOf(a)).toMatchObject({ queuedEnvelopes: 0, parkedEnvelopes: 1, degraded: true });
    expect(await healthOf(b)).toMatchObject({ parkedEnvelopes: 0, degraded: false });

    // Job queue depth by name, every known job listed.
    await server.app.queue.add('release.fetch-commits', { releaseId: 1 });
    text = await scrape();
    expect(sample(text, 'vigil_jobs_queued{name="release.fetch-commits"}')).toBe(1);
    expect(sample(text, 'vigil_jobs_queued{name="deploy.notify"}')).toBe(0);
  });

  it('pipelineHealth of another organization is NOT_FOUND; a token without project:read is FORBIDDEN', async () => {
    const a = await buildTenant(server.app);
    const b = await buildTenant(server.app);
    expect(await server.client({ token: b.token }).errorCode(HEALTH, { org: a.organization.slug })).toBe('NOT_FOUND');
    const narrow = await tokenFor(server.app, a.owner, ['org:read']);
    expect(await server.client({ token: narrow }).errorCode(HEALTH, { org: a.organization.slug })).toBe('FORBIDDEN');
  });
});

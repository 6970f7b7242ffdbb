import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../api/src/server/app.js';
import { loadConfig } from '../../api/src/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../api/src/db/embedded-postgres.js';
import { startHttpServer, type HttpServer } from '../../api/src/server/http-server.js';
import { createLogger } from '../../api/src/logger.js';
import { IngestConsumer } from '../../workers/src/ingest-consumer.js';
import { buildTenant } from '../support/factories.js';
import { eventEnvelope, newEventId } from '../support/envelopes.js';
import { outcomeTotal, publicKeyOf } from '../support/ingest.js';
import { waitFor } from '../support/wait.js';

/**
 * A cluster of this file's own (not the shared one of test/global-setup.ts), so stopping it
 * hurts no other test file.
 */
const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let dataDir: string;
let cluster: EmbeddedDatabase;
let app: App;
let http: HttpServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-restart-'));
  await fs.chmod(dataDir, 0o755);
  cluster = await startEmbeddedPostgres(dataDir, log);
  app = await openApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' }), log, { databaseUrl: cluster.url });
  http = await startHttpServer(app);
  app.config.publicUrl = http.url;
});

afterAll(async () => {
  await http?.close();
  await app?.close();
  await cluster?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  process.off('unhandledRejection', onUnhandled);
});

/** Stops the cluster the way an operator's restart does (a fast shutdown: sessions get 57P01). */
async function restartDatabase(downMs: number): Promise<void> {
  const url = cluster.url;
  await cluster.stop();
  await new Promise((resolve) => setTimeout(resolve, downMs));
  cluster = await startEmbeddedPostgres(dataDir, log);
  // Same data directory, same port: every connection string still points at it.
  expect(cluster.url).toBe(url);
}

/** Posts envelopes back to back until `until` resolves; returns the event ids the server accepted (200). */
async function sendUntil(projectId: number, key: string, until: Promise<unknown>): Promise<{ accepted: string[]; refused: number }> {
  let done = false;
  void until.finally(() => (done = true));
  const accepted: string[] = [];
  let refused = 0;
  const sender = async () => {
    while (!done) {
      const eventId = newEventId();
      const body = eventEnvelope({ event_id: eventId, message: `load ${eventId}`, exception: { values: [{ type: 'Error', value: `boom ${accepted.length % 5}` }] } });
      try {
        const response = await fetch(`${http.url}/api/${projectId}/envelope/?sentry_key=${key}`, { method: 'POST', body });
        await response.text();
        if (response.status === 200) accepted.push(eventId);
        else refused++;
      } catch {
        refused++;
      }
    }
  };
  await Promise.all([sender(), sender(), sender()]);
  return { accepted, refused };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Two restarts, and claims a stopped consumer could not hand back run out after CLAIM_SECONDS. */
const RESTART_TEST_TIMEOUT_MS = 90_000;

describe('the ingest consumer and a PostgreSQL restart', () => {
  it('backs off, resumes, and stores every accepted event exactly once; nothing is parked', async () => {
    const { project } = await buildTenant(app);
    const key = await publicKeyOf(app, project);
    const consumer = new IngestConsumer(app, { concurrency: 2 });
    consumer.start();
    try {
      const load = sendUntil(
        project.id,
        key,
        (async () => {
          await pause(1500);
          await restartDatabase(1500);
          await pause(1500);
        })(),
      );
      const { accepted, refused } = await load;
      expect(accepted.length).toBeGreaterThan(20);
      // The outage really happened under load: the edge refused what it could not queue.
      expect(refused).toBeGreaterThan(0);
      await waitFor(
        async () => {
          try {
            const [row] = (await app.db.query(
              'SELECT (SELECT count(*)::int FROM ingest_queue) AS queued, (SELECT count(*)::int FROM event WHERE project_id = $1) AS stored',
              [project.id],
            )) as { queued: number; stored: number }[];
            return row!.queued === 0 && row!.stored >= accepted.length;
          } catch {
            return false;
          }
        },
        { timeoutMs: 60_000, what: 'every accepted event stored' },
      );
      const stored: { event_id: string; n: number }[] = await app.db.query(
        'SELECT event_id, count(*)::int AS n FROM event WHERE project_id = $1 GROUP BY event_id',
        [project.id],
      );
      const storedIds = new Set(stored.map((s) => s.event_id));
      expect(accepted.filter((id) => !storedIds.has(id))).toEqual([]);
      expect(stored.filter((s) => s.n > 1)).toEqual([]);
      // Processed once each: one accepted outcome per stored event, no resend dropped as a duplicate.
      expect(await outcomeTotal(app, project.id, 'accepted')).toBe(stored.length);
      expect(await outcomeTotal(app, project.id, 'invalid', 'duplicate')).toBe(0);
      // Failures of the database did not use up the envelopes' attempts.
      expect(await app.db.query('SELECT error FROM ingest_failed')).toEqual([]);
      // The issue counters agree with the events.
      const [{ times }] = (await app.db.query('SELECT coalesce(sum(times_seen), 0)::int AS times FROM issue WHERE project_id = $1', [project.id])) as [{ times: number }];
      expect(times).toBe(stored.length);
      expect(unhandled).toEqual([]);
    } finally {
      await consumer.stop();
    }
  }, RESTART_TEST_TIMEOUT_MS);

  it('stops cleanly while the database is going away: no unhandled rejection, stop() resolves', async () => {
    const { project } = await buildTenant(app);
    const key = await publicKeyOf(app, project);
    const consumer = new IngestConsumer(app, { concurrency: 2 });
    consumer.start();
    const load = sendUntil(project.id, key, pause(1000));
    await load;
    // The database goes away while the consumer works, and the consumer is stopped meanwhile.
    const stopping = cluster.stop();
    await pause(50);
    await consumer.stop();
    await stopping;
    await pause(500);
    expect(unhandled).toEqual([]);
    cluster = await startEmbeddedPostgres(dataDir, log);
    // The data is intact and a new consumer takes over what was left, once the claims the
    // stopped consumer could not hand back (its database was gone) have run out.
    const next = new IngestConsumer(app, { concurrency: 1 });
    next.start();
    try {
      await waitFor(
        async () => {
          try {
            return ((await app.db.query('SELECT 1 FROM ingest_queue LIMIT 1')) as unknown[]).length === 0;
          } catch {
            return false;
          }
        },
        { timeoutMs: 60_000, what: 'the queue drained after the restart' },
      );
    } finally {
      await next.stop();
    }
    expect(unhandled).toEqual([]);
  }, RESTART_TEST_TIMEOUT_MS);
});

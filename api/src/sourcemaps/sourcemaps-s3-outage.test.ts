import { eventPayload } from '../events/event-payload.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NormalizedEvent } from '../events/event.types.js';
import { buildTenant } from '../../../test/support/factories.js';
import { buildMinifiedApp, runBundledApp, type BuiltBundle } from '../../../test/support/js-bundle.js';
import { startTestS3, type TestS3 } from '../../../test/support/s3.js';
import { dsnOf } from '../../../test/support/sdk.js';
import { runSentryCli, sentryCliOk } from '../../../test/support/sentry-cli.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { sharedSourceMapCache } from './source-map-cache.js';

let s3: TestS3;
let server: TestServer;
let cacheDir: string;
const bundles: BuiltBundle[] = [];
beforeAll(async () => {
  s3 = await startTestS3();
  cacheDir = await mkdtemp(path.join(tmpdir(), 'vigil-s3-cache-'));
  // Fresh for 0 s: every read asks S3 first, so the outage is felt on every read.
  server = await startTestServer({ workers: true, env: s3.env(cacheDir, { VIGIL_STORAGE_CACHE_FRESH_SECONDS: '0', VIGIL_STORAGE_TIMEOUT_MS: '1000' }) });
});
afterAll(async () => {
  await server?.close();
  await s3?.close();
  await rm(cacheDir, { recursive: true, force: true });
  await Promise.all(bundles.map((b) => b.remove()));
});

async function capture(built: BuiltBundle, projectId: number, dsn: string): Promise<NormalizedEvent> {
  const counted: { n: number }[] = await server.app.db.query('SELECT count(*)::int AS n FROM event WHERE project_id = $1', [projectId]);
  const n = counted[0]!.n;
  await runBundledApp(built, { SENTRY_DSN: dsn });
  return waitFor(
    async () => {
      const [row] = (await server.app.db.query('SELECT payload FROM event WHERE project_id = $1 ORDER BY id OFFSET $2 LIMIT 1', [projectId, n])) as { payload: Buffer }[];
      return row ? eventPayload(row) : undefined;
    },
    { timeoutMs: 20_000, what: 'the event' },
  );
}

const crashFrame = (event: NormalizedEvent) => event.exceptions.at(-1)!.frames.filter((f) => f.inApp).at(-1);

it('keeps un-minifying from the local cache while S3 is down, and refuses uploads cleanly', async () => {
  const t = await buildTenant(server.app);
  const dsn = await dsnOf(server.app, t.project, server.url);
  const cli = (cwd: string) => ({ url: server.url, token: t.token, org: t.organization.slug, project: t.project.slug, cwd });
  const built = await buildMinifiedApp('esbuild');
  bundles.push(built);
  await sentryCliOk(cli(built.dir), ['sourcemaps', 'inject', built.dir]);
  await sentryCliOk(cli(built.dir), ['sourcemaps', 'upload', built.dir, '--wait']);
  expect(crashFrame(await capture(built, t.project.id, dsn))).toMatchObject({ function: 'priceOf', filename: 'src/checkout.js', lineno: 8 });

  // The parsed map is dropped from memory: the next event must read the map's bytes from storage.
  sharedSourceMapCache(server.app.config.sourceMapCacheBytes).clear();
  await s3.stop();
  try {
    const during = await capture(built, t.project.id, dsn);
    expect(crashFrame(during)).toMatchObject({ function: 'priceOf', filename: 'src/checkout.js', lineno: 8, contextLine: expect.stringContaining('throw new TypeError') });
    expect(during.processingErrors ?? []).toEqual([]);
    expect(server.app.storageCache?.counters.stale).toBeGreaterThan(0);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/vigil_storage_cache_requests_total\{result="stale"\} [1-9]/);

    // A new upload fails with a clear error and leaves nothing behind.
    const other = await buildMinifiedApp('terser');
    bundles.push(other);
    await sentryCliOk(cli(other.dir), ['sourcemaps', 'inject', other.dir]);
    const [counted]: { chunks: number }[] = await server.app.db.query('SELECT count(*)::int AS chunks FROM file_chunk WHERE organization_id = $1', [t.organization.id]);
    const failed = await runSentryCli(cli(other.dir), ['sourcemaps', 'upload', other.dir, '--wait']);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/Artifact storage is unavailable/);
    const after: { chunks: number; bundles: number }[] = await server.app.db.query(
      'SELECT (SELECT count(*)::int FROM file_chunk WHERE organization_id = $1) AS chunks, (SELECT count(*)::int FROM artifact_bundle WHERE organization_id = $1) AS bundles',
      [t.organization.id],
    );
    expect(after[0]).toEqual({ chunks: counted!.chunks, bundles: 1 });
  } finally {
    await s3.start();
  }
  // Back up: the same upload goes through.
  const retried = bundles.at(-1)!;
  await sentryCliOk(cli(retried.dir), ['sourcemaps', 'upload', retried.dir, '--wait']);
  const states: { state: string }[] = await server.app.db.query('SELECT state FROM artifact_bundle WHERE organization_id = $1 ORDER BY id', [t.organization.id]);
  expect(states.map((s) => s.state)).toEqual(['ok', 'ok']);
});

import { eventPayload } from '../events/event-payload.js';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedEvent, StackFrame } from '../events/event.types.js';
import { buildTenant } from '../../../test/support/factories.js';
import { buildMinifiedApp, runBundledApp, type BuiltBundle } from '../../../test/support/js-bundle.js';
import { dsnOf } from '../../../test/support/sdk.js';
import { runSentryCli, sentryCliOk, type SentryCliTarget } from '../../../test/support/sentry-cli.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';

let server: TestServer;
const bundles: BuiltBundle[] = [];
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => {
  await server?.close();
  await Promise.all(bundles.map((b) => b.remove()));
});

async function bundle(minifier: 'esbuild' | 'terser', options: { sourcesContent?: boolean } = {}): Promise<BuiltBundle> {
  const built = await buildMinifiedApp(minifier, options);
  bundles.push(built);
  return built;
}

async function tenant() {
  const t = await buildTenant(server.app);
  const cli = (cwd: string): SentryCliTarget => ({ url: server.url, token: t.token, org: t.organization.slug, project: t.project.slug, cwd });
  return { ...t, cli, dsn: await dsnOf(server.app, t.project, server.url) };
}

/** Runs the app and waits for its event to be stored. */
async function capture(built: BuiltBundle, projectId: number, dsn: string, env: Record<string, string> = {}): Promise<{ data: NormalizedEvent; issueId: string }> {
  const before: { n: number }[] = await server.app.db.query('SELECT count(*)::int AS n FROM event WHERE project_id = $1', [projectId]);
  await runBundledApp(built, { SENTRY_DSN: dsn, ...env });
  return waitFor(
    async () => {
      const rows: { payload: Buffer; issue_id: string }[] = await server.app.db.query(
        'SELECT payload, issue_id FROM event WHERE project_id = $1 ORDER BY id OFFSET $2 LIMIT 1',
        [projectId, before[0]!.n],
      );
      return rows[0] ? { data: eventPayload(rows[0]), issueId: rows[0].issue_id } : null;
    },
    { timeoutMs: 20_000, what: 'the event' },
  );
}

const inApp = (frames: StackFrame[]) => frames.filter((f) => f.inApp);

/** The original frames of the fixture (test/fixtures/sourcemaps/src), newest last. */
function expectOriginalFrames(data: NormalizedEvent): void {
  const exception = data.exceptions.at(-1)!;
  const frames = inApp(exception.frames);
  const crash = frames.at(-1)!;
  expect(crash).toMatchObject({
    function: 'priceOf',
    filename: 'src/checkout.js',
    lineno: 8,
    contextLine: '    throw new TypeError(`Item ${item.name} has no price`);',
    preContext: expect.arrayContaining(['function priceOf(item) {', '  if (item.price === undefined) {']),
    postContext: expect.arrayContaining(['  return item.price * item.quantity;']),
  });
  expect(frames.map((f) => [f.function, f.filename, f.lineno])).toEqual(
    expect.arrayContaining([
      ['computeTotal', 'src/checkout.js', 3],
      ['runCheckout', 'src/app.js', 15],
    ]),
  );
  // The SDK's minified frames are kept.
  const raw = exception.rawFrames!;
  expect(raw.at(-1)!.filename).toMatch(/app\.min\.js$/);
  expect(raw.at(-1)!.function).not.toBe('priceOf');
  expect(data.processingErrors ?? []).toEqual([]);
  expect(data.culprit).toContain('priceOf');
}

describe('sentry-cli sourcemaps inject + upload, then events from the minified app', () => {
  it('maps frames by debug id (upload without --release, with --wait)', async () => {
    const t = await tenant();
    const built = await bundle('esbuild');
    const minified = await readFile(built.file, 'utf8');
    expect(minified).not.toContain('function priceOf');
    await sentryCliOk(t.cli(built.dir), ['sourcemaps', 'inject', built.dir]);
    expect(await readFile(built.file, 'utf8')).toMatch(/\/\/# debugId=[0-9a-f-]{36}/);
    const upload = await sentryCliOk(t.cli(built.dir), ['sourcemaps', 'upload', built.dir, '--wait']);
    expect(upload).not.toMatch(/error/i);
    const bundles: { state: string; release: string | null; file_count: number }[] = await server.app.db.query(
      'SELECT state, release, file_count FROM artifact_bundle WHERE organization_id = $1',
      [t.organization.id],
    );
    expect(bundles).toEqual([{ state: 'ok', release: null, file_count: 2 }]);

    // Same bundle again: nothing new to upload.
    expect(await sentryCliOk(t.cli(built.dir), ['sourcemaps', 'upload', built.dir, '--wait'])).toMatch(/Nothing to upload|all files are on the server|already/i);

    const { data } = await capture(built, t.project.id, t.dsn);
    expect(data.debugMeta?.images).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'sourcemap' })]));
    expectOriginalFrames(data);
  });

  it('maps frames by URL among the release artifacts (upload with --release, no debug ids, without --wait)', async () => {
    const t = await tenant();
    const built = await bundle('esbuild');
    await sentryCliOk(t.cli(built.dir), ['releases', 'new', 'shop@1.0.0']);
    const upload = await runSentryCli(t.cli(built.dir), ['sourcemaps', 'upload', built.dir, '--release', 'shop@1.0.0']);
    expect(upload.code, upload.stderr).toBe(0);
    await waitFor(async () => {
      const rows: { state: string }[] = await server.app.db.query('SELECT state FROM artifact_bundle WHERE organization_id = $1', [t.organization.id]);
      return rows[0]?.state === 'ok';
    }, { timeoutMs: 20_000, what: 'the bundle to be assembled' });
    const { data } = await capture(built, t.project.id, t.dsn, { SENTRY_RELEASE: 'shop@1.0.0' });
    expect(data.debugMeta).toBeUndefined();
    expectOriginalFrames(data);
  });

  it('groups two minifications of the same code into one issue', async () => {
    const t = await tenant();
    const first = await bundle('esbuild');
    const second = await bundle('terser');
    expect(await readFile(first.file, 'utf8')).not.toEqual(await readFile(second.file, 'utf8'));
    for (const built of [first, second]) {
      await sentryCliOk(t.cli(built.dir), ['sourcemaps', 'inject', built.dir]);
      await sentryCliOk(t.cli(built.dir), ['sourcemaps', 'upload', built.dir, '--release', 'shop@2.0.0', '--wait']);
    }
    const one = await capture(first, t.project.id, t.dsn, { SENTRY_RELEASE: 'shop@2.0.0' });
    const two = await capture(second, t.project.id, t.dsn, { SENTRY_RELEASE: 'shop@2.0.0' });
    expectOriginalFrames(one.data);
    expectOriginalFrames(two.data);
    expect(two.data.exceptions.at(-1)!.rawFrames!.map((f) => f.colno)).not.toEqual(one.data.exceptions.at(-1)!.rawFrames!.map((f) => f.colno));
    expect(two.issueId).toBe(one.issueId);
  });
});

describe('legacy release files', () => {
  async function postFile(t: Awaited<ReturnType<typeof tenant>>, version: string, name: string, file: string, level: 'project' | 'organization' = 'project') {
    const form = new FormData();
    form.append('name', name);
    form.append('file', new Blob([await readFile(file)]), name.split('/').pop());
    const base = level === 'project' ? `projects/${t.organization.slug}/${t.project.slug}` : `organizations/${t.organization.slug}`;
    return fetch(`${server.url}/api/0/${base}/releases/${encodeURIComponent(version)}/files/`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` }, body: form });
  }

  it('uploads, lists, downloads and deletes release files, and events of the release use them', async () => {
    const t = await tenant();
    const built = await bundle('terser');
    await sentryCliOk(t.cli(built.dir), ['releases', 'new', 'legacy@1.0.0']);
    const js = await postFile(t, 'legacy@1.0.0', '~/app.min.js', built.file);
    expect(js.status).toBe(201);
    const map = await postFile(t, 'legacy@1.0.0', '~/app.min.js.map', built.mapFile, 'organization');
    expect(map.status).toBe(201);
    const mapJson = (await map.json()) as { id: string; name: string; size: number; sha1: string };
    expect(mapJson).toMatchObject({ name: '~/app.min.js.map', size: (await readFile(built.mapFile)).length });
    const again = await postFile(t, 'legacy@1.0.0', '~/app.min.js', built.file);
    expect(again.status).toBe(409);

    const auth = { headers: { authorization: `Bearer ${t.token}` } };
    const base = `${server.url}/api/0/projects/${t.organization.slug}/${t.project.slug}/releases/legacy@1.0.0/files/`;
    const list = (await (await fetch(base, auth)).json()) as { name: string }[];
    expect(list.map((f) => f.name)).toEqual(['~/app.min.js', '~/app.min.js.map']);
    const download = await fetch(`${base}${mapJson.id}/?download=1`, auth);
    expect(Buffer.from(await download.arrayBuffer()).equals(await readFile(built.mapFile))).toBe(true);

    const { data } = await capture(built, t.project.id, t.dsn, { SENTRY_RELEASE: 'legacy@1.0.0' });
    expectOriginalFrames(data);

    expect((await fetch(`${base}${mapJson.id}/`, { method: 'DELETE', ...auth })).status).toBe(204);
    expect(((await (await fetch(base, auth)).json()) as unknown[]).length).toBe(1);
    // Without its map the release's minified file is reported, with what to upload.
    const after = await capture(built, t.project.id, t.dsn, { SENTRY_RELEASE: 'legacy@1.0.0' });
    expect(after.data.processingErrors).toEqual([expect.objectContaining({ type: 'js_no_source', file: '~/app.min.js.map' })]);
    // Uploaded again: the very next event finds it (the upload drops what the lookups remembered).
    expect((await postFile(t, 'legacy@1.0.0', '~/app.min.js.map', built.mapFile)).status).toBe(201);
    expectOriginalFrames((await capture(built, t.project.id, t.dsn, { SENTRY_RELEASE: 'legacy@1.0.0' })).data);
  });

  it('reports broken maps and maps without sources content, and still stores the event', async () => {
    const t = await tenant();
    const withoutContent = await bundle('esbuild', { sourcesContent: false });
    await sentryCliOk(t.cli(withoutContent.dir), ['releases', 'new', 'broken@1.0.0']);
    expect((await postFile(t, 'broken@1.0.0', '~/app.min.js', withoutContent.file)).status).toBe(201);
    expect((await postFile(t, 'broken@1.0.0', '~/app.min.js.map', withoutContent.mapFile)).status).toBe(201);
    const missing = await capture(withoutContent, t.project.id, t.dsn, { SENTRY_RELEASE: 'broken@1.0.0' });
    expect(inApp(missing.data.exceptions.at(-1)!.frames).at(-1)).toMatchObject({ function: 'priceOf', filename: 'src/checkout.js', lineno: 8 });
    expect(missing.data.processingErrors).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'js_missing_sources_content', file: '~/src/checkout.js' })]));
    // The original source uploaded on its own: context and the scope-based name come from it.
    expect((await postFile(t, 'broken@1.0.0', '~/src/checkout.js', fileURLToPath(new URL('../../../test/fixtures/sourcemaps/src/checkout.js', import.meta.url)))).status).toBe(201);
    const withSource = await capture(withoutContent, t.project.id, t.dsn, { SENTRY_RELEASE: 'broken@1.0.0' });
    expect(inApp(withSource.data.exceptions.at(-1)!.frames).at(-1)).toMatchObject({
      function: 'priceOf',
      filename: 'src/checkout.js',
      lineno: 8,
      contextLine: '    throw new TypeError(`Item ${item.name} has no price`);',
    });
    expect(withSource.data.processingErrors ?? []).not.toEqual(expect.arrayContaining([expect.objectContaining({ file: '~/src/checkout.js' })]));

    await sentryCliOk(t.cli(withoutContent.dir), ['releases', 'new', 'broken@2.0.0']);
    expect((await postFile(t, 'broken@2.0.0', '~/app.min.js', withoutContent.file)).status).toBe(201);
    const garbage = `${withoutContent.mapFile}.broken`;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(garbage, '{"version":3,"sources":["a.js"],"mappings":"@@@@"');
    expect((await postFile(t, 'broken@2.0.0', '~/app.min.js.map', garbage)).status).toBe(201);
    const broken = await capture(withoutContent, t.project.id, t.dsn, { SENTRY_RELEASE: 'broken@2.0.0' });
    expect(broken.data.processingErrors).toEqual([expect.objectContaining({ type: 'js_invalid_source', file: '~/app.min.js.map' })]);
    expect(broken.data.exceptions.at(-1)!.rawFrames).toBeUndefined();
  });
});

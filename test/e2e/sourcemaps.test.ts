import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Issue } from '../../api/src/issues/issue.entity.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { buildOrganization, buildProject, buildUser, TEST_PASSWORD, tokenFor, unique } from '../support/factories.js';
import { buildMinifiedApp, runBundledApp, type BuiltBundle } from '../support/js-bundle.js';
import { dsnOf } from '../support/sdk.js';
import { sentryCliOk } from '../support/sentry-cli.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * Source maps in the dashboard: an issue from a minified app shows its original frames, the
 * minified ones behind a toggle, the processing errors of an event whose map is missing, and the
 * release's uploaded files.
 */
let server: TestServer;
let browser: TestBrowser;
let built: BuiltBundle;

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  browser = await launchBrowser();
}, 120_000);

screenshotFailures('sourcemaps', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await built?.remove();
});

it('shows original frames, the minified toggle, processing errors and release files', async () => {
  const { app } = server;
  const owner = await buildUser(app, { password: true });
  const organization = await buildOrganization(app, owner);
  const project = await buildProject(app, organization, owner);
  const token = await tokenFor(app, owner);
  const dsn = await dsnOf(app, project, server.url);
  const version = unique('shop@3.0');
  built = await buildMinifiedApp('esbuild');
  const cli = { url: server.url, token, org: organization.slug, project: project.slug, cwd: built.dir };
  await sentryCliOk(cli, ['releases', 'new', version]);
  const upload = async (name: string, file: string) => {
    const form = new FormData();
    form.append('name', name);
    form.append('file', new Blob([await readFile(file)]), path.basename(file));
    const response = await fetch(`${server.url}/api/0/projects/${organization.slug}/${project.slug}/releases/${encodeURIComponent(version)}/files/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
  };
  await upload('~/app.min.js', built.file);
  await upload('~/app.min.js.map', built.mapFile);
  await runBundledApp(built, { SENTRY_DSN: dsn, SENTRY_RELEASE: version });
  const issue = await waitFor(() => app.db.getRepository(Issue).findOneBy({ projectId: project.id }), { timeoutMs: 20_000, what: 'the issue' });

  const { page } = browser;
  await signIn(page, server.url, owner.email, TEST_PASSWORD);
  await page.goto(`${server.url}/organizations/${organization.slug}/issues/${project.slug.toUpperCase()}-${issue.shortIdNumber}/`);
  const exception = page.getByRole('region', { name: 'Exception' });
  await exception.getByText('src/checkout.js').first().waitFor();
  expect(await exception.getByText('priceOf').count()).toBeGreaterThan(0);
  await exception.getByText('throw new TypeError', { exact: false }).first().waitFor();
  await exception.getByRole('button', { name: 'Minified' }).click();
  await exception.getByText('app.min.js', { exact: false }).first().waitFor();
  expect(await exception.getByText('src/checkout.js').count()).toBe(0);
  await exception.getByRole('button', { name: 'Original' }).click();
  await exception.getByText('src/checkout.js').first().waitFor();

  await page.goto(`${server.url}/organizations/${organization.slug}/releases/${encodeURIComponent(version)}/?tab=artifacts`);
  const files = page.getByRole('table', { name: 'Release files' });
  await files.getByText('~/app.min.js.map').waitFor();
  await files.getByText('source_map').waitFor();

  // Without the map, the next event says what to upload.
  const mapId: { id: number }[] = await app.db.query("SELECT id FROM artifact_file WHERE release = $1 AND url = '~/app.min.js.map'", [version]);
  const removed = await fetch(`${server.url}/api/0/organizations/${organization.slug}/releases/${encodeURIComponent(version)}/files/${mapId[0]!.id}/`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(removed.status).toBe(204);
  await runBundledApp(built, { SENTRY_DSN: dsn, SENTRY_RELEASE: version });
  await waitFor(async () => ((await app.db.query('SELECT count(*)::int AS n FROM event WHERE project_id = $1', [project.id])) as { n: number }[])[0]!.n === 2, {
    timeoutMs: 20_000,
    what: 'the second event',
  });
  // Its frames stay minified, so it groups apart from the original-frame issue: open its own issue.
  const latest: { issue_id: string }[] = await app.db.query('SELECT issue_id FROM event WHERE project_id = $1 ORDER BY id DESC LIMIT 1', [project.id]);
  const other = await app.db.getRepository(Issue).findOneByOrFail({ id: Number(latest[0]!.issue_id) });
  await page.goto(`${server.url}/organizations/${organization.slug}/issues/${project.slug.toUpperCase()}-${other.shortIdNumber}/`);
  const errors = page.getByRole('region', { name: 'Processing errors' });
  await errors.getByText('js_no_source').waitFor();
  await errors.getByText('sentry-cli sourcemaps', { exact: false }).waitFor();
}, 120_000);

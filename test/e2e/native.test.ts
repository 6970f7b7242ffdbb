import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { eventEnvelope, postEnvelope } from '../support/envelopes.js';
import { buildOrganization, buildProject, buildUser, TEST_PASSWORD, tokenFor } from '../support/factories.js';
import { publicKeyOf } from '../support/ingest.js';
import { cocoaCrash, FIXTURES, LINUX_CRASH, MACOS_CRASH, nativeSdkCrash } from '../support/native-events.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * Native crashes in the dashboard (Chromium): a symbolicated Cocoa crash with its inlined frames, a
 * system frame folded and an unsymbolicated one with its status; the image list with statuses; and
 * a held crash shown as a processing issue with its count until its debug file is uploaded.
 */
let server: TestServer;
let browser: TestBrowser;
let owner: User;
let organization: Organization;
let project: Project;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  owner = await buildUser(server.app, { password: true });
  organization = await buildOrganization(server.app, owner);
  project = await buildProject(server.app, organization, owner, 'cocoa');
  token = await tokenFor(server.app, owner);
  browser = await launchBrowser();
}, 120_000);

screenshotFailures('native', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function upload(file: string) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path.join(FIXTURES, file))]), 'crash.sym');
  const response = await fetch(`${server.url}/api/0/projects/${organization.slug}/${project.slug}/files/dsyms/`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status).toBe(201);
}

async function send(event: Record<string, unknown>) {
  expect((await postEnvelope(server.url, project.id, await publicKeyOf(server.app, project), eventEnvelope(event))).status).toBe(200);
}

describe('native crashes in the dashboard', () => {
  it('shows symbolicated and unsymbolicated frames, image statuses, processing issues and held counts', async () => {
    const { page } = browser;
    await upload('macos/crash.inlines.sym');
    const crash = cocoaCrash([{ rel: 0xdba0 + 0x10 }, { rel: 0x10, image: { imageAddr: 0x7fff20000000n } }, { rel: 0xdc15 }], {
      extraImages: [{ type: 'macho', debug_id: '84a04d24-0e60-3810-a8c0-90a65e2df61a', code_file: '/usr/lib/libSystem.B.dylib', image_addr: '0x7fff20000000', image_size: 8192, arch: 'x86_64' }],
    });
    await send(crash);
    const [issue] = await waitFor(async () => {
      const rows = (await server.app.db.query('SELECT i.short_id_number FROM event e JOIN issue i ON i.id = e.issue_id WHERE e.event_id = $1', [crash.event_id])) as { short_id_number: number }[];
      return rows.length ? rows : null;
    }, { timeoutMs: 20_000, what: 'the crash stored' });

    await signIn(page, server.url, owner.email, TEST_PASSWORD);
    await page.goto(`${server.url}/organizations/${organization.slug}/issues/${project.slug.toUpperCase()}-${issue!.short_id_number}/`);
    const exception = page.getByRole('region', { name: 'Exception' });
    // Inlined frames, newest first: crash() inlined into start() into main.
    await exception.getByText('(anonymous namespace)::crash()').waitFor({ timeout: 20_000 });
    const names = await exception.locator('.frame .fn').allTextContents();
    expect(names.slice(0, 3)).toEqual(['(anonymous namespace)::crash()', '(anonymous namespace)::start()', 'main']);
    expect(await exception.locator('.frame.in-app .file').first().textContent()).toBe('main.cpp');
    // The system frame is folded, and says why it has no name when shown.
    const toggle = exception.getByRole('button', { name: 'Show 1 system frame' });
    await toggle.click();
    await exception.locator('.frame.system').getByText('debug file missing').waitFor();
    expect(await exception.locator('.frame.system .file').textContent()).toBe('libSystem.B.dylib 0x7fff20000010');

    const images = page.getByRole('region', { name: 'Images' });
    await images.waitFor();
    expect(await images.locator('tr[data-status="found"] code').first().textContent()).toBe('crash');
    expect(await images.locator('tr[data-status="missing"] code').first().textContent()).toBe('libSystem.B.dylib');

    // Reprocessing on: a Linux crash without its debug file is held and shown as a processing issue.
    await page.goto(`${server.url}/organizations/${organization.slug}/settings/projects/${project.slug}/debug-files/`);
    const reprocessing = page.getByRole('region', { name: 'Reprocessing' });
    // The box follows the server's answer (a controlled input), so it is clicked, not `check()`ed.
    await reprocessing.getByRole('checkbox').click();
    await waitFor(async () => ((await server.app.db.query('SELECT reprocessing_active FROM project WHERE id = $1', [project.id])) as { reprocessing_active: boolean }[])[0]!.reprocessing_active || null, { what: 'reprocessing on' });
    await send(nativeSdkCrash([{ rel: 0x1c74 }, { rel: 0x43c0 }]));
    await waitFor(async () => ((await server.app.db.query('SELECT count(*)::int AS n FROM held_event WHERE project_id = $1', [project.id])) as { n: number }[])[0]!.n === 1 || null, { timeoutMs: 20_000, what: 'a held event' });

    await page.goto(`${server.url}/organizations/${organization.slug}/issues/?project=${project.slug}`);
    const banner = page.locator('.processing-issues-banner');
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toContain(`1 event held until 1 debug file is uploaded: crash (${LINUX_CRASH.debugId})`);

    await page.goto(`${server.url}/organizations/${organization.slug}/settings/projects/${project.slug}/debug-files/`);
    await waitFor(async () => (await page.getByTestId('held-events').textContent()) === '1' || null, { what: 'held count 1' });
    const issues = page.getByRole('region', { name: 'Processing issues' });
    expect(await issues.locator('tbody tr').first().textContent()).toContain(LINUX_CRASH.codeFile);
    const files = page.getByRole('region', { name: 'Debug files' });
    expect(await files.locator('tbody tr').first().textContent()).toContain(MACOS_CRASH.debugId);

    // The upload resolves it: nothing held, the issue list empties.
    await upload('linux/crash.sym');
    await waitFor(async () => ((await server.app.db.query('SELECT count(*)::int AS n FROM held_event WHERE project_id = $1', [project.id])) as { n: number }[])[0]!.n === 0 || null, { timeoutMs: 20_000, what: 'released' });
    await page.reload();
    await waitFor(async () => (await page.getByTestId('held-events').textContent()) === '0' || null, { what: 'held count 0' });
    await issues.getByText('Nothing is waiting for a debug file.').waitFor();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Issue } from '../../api/src/issues/issue.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { seriousViolations } from '../support/axe.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { buildOrganization, buildProject, buildUser, TEST_PASSWORD, unique } from '../support/factories.js';
import { dsnOf, runSdkApp } from '../support/sdk.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * Issue 14's stream views in Chromium, with real @sentry/node events and sessions: the stream tabs
 * and their counts, For review and Mark reviewed, saved searches, project badges, deleting issues,
 * and the release list's new issues, adoption, environment filter and events chart; axe-core on
 * each new view at 1440×900 and 390×844.
 */
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: TestBrowser;
let owner: User;
let organization: Organization;
let web: Project;
let api: Project;
const current = unique('web@2.0');
const previous = unique('web@1.9');
const backend = unique('api@5.0');

async function sdk(project: Project, scenario: string, env: Record<string, string>): Promise<void> {
  const sent = await runSdkApp(await dsnOf(server.app, project, server.url), scenario, { env });
  expect(sent.code, sent.stderr).toBe(0);
}
const sessionsOf = async (project: Project): Promise<{ release: string; distinct_id: string | null }[]> =>
  server.app.db.query('SELECT release, distinct_id FROM release_session WHERE project_id = $1', [project.id]);
const issueCount = async () => server.app.db.getRepository(Issue).count({ where: [{ projectId: web.id }, { projectId: api.id }] });

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const { app } = server;
  owner = await buildUser(app, { password: true });
  organization = await buildOrganization(app, owner);
  web = await buildProject(app, organization, owner);
  api = await buildProject(app, organization, owner);
  // Two issues in web (checkoutTotal, loadProfile) from `current`, one in api from `backend`.
  await sdk(web, 'exceptions', { SENTRY_RELEASE: current, SENTRY_ENVIRONMENT: 'production' });
  await sdk(api, 'message', { SENTRY_RELEASE: backend, SENTRY_ENVIRONMENT: 'staging' });
  // Release health: every SDK run is a session (the SDK starts one at init); one more of `previous`.
  await sdk(web, 'session', { SENTRY_RELEASE: current, SENTRY_ENVIRONMENT: 'production', SESSION_USER: 'ada' });
  await sdk(web, 'session', { SENTRY_RELEASE: previous, SENTRY_ENVIRONMENT: 'production', SESSION_USER: 'bob' });
  await waitFor(async () => (await issueCount()) === 3, { timeoutMs: 30_000, what: 'three issues' });
  await waitFor(async () => (await sessionsOf(web)).length === 3, { timeoutMs: 30_000, what: 'three sessions' });

  browser = await launchBrowser({ viewport: DESKTOP });
  await signIn(browser.page, server.url, owner.email, TEST_PASSWORD);
}, 180_000);

screenshotFailures('stream-views', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const orgUrl = (rest: string) => `${server.url}/organizations/${organization.slug}/${rest}`;
const rows = (page: Page) => page.locator('.issue-row');
const tabCount = async (page: Page, id: string) => (await page.getByTestId(`tab-${id}`).locator('.tab-count').textContent())?.trim();
const counts = async (page: Page) => [await tabCount(page, 'unresolved'), await tabCount(page, 'for-review'), await tabCount(page, 'ignored'), await tabCount(page, 'resolved')].join(' ');
const row = (page: Page, text: string) => page.locator('.issue-row', { hasText: text });

describe('stream views, in Chromium', () => {
  it('tabs show their counts; New issues wait in For review with their reason; each row names its project', async () => {
    const { page } = browser;
    await page.goto(orgUrl('issues/'));
    await waitFor(async () => (await rows(page).count()) === 3, { what: 'three rows' });
    await waitFor(async () => (await counts(page)) === '3 3 0 0', { what: 'tab counts 3 3 0 0' });
    expect(await page.getByRole('tab', { name: /Unresolved/ }).getAttribute('aria-selected')).toBe('true');
    // Several projects show: every row carries its project's badge.
    expect(await row(page, "reading 'price'").locator('.project-badge').textContent()).toBe(web.slug);
    expect(await row(page, 'Payment provider').locator('.project-badge').textContent()).toBe(api.slug);
    expect(await page.locator('.inbox-badge', { hasText: 'New' }).count()).toBe(3);

    await page.getByRole('tab', { name: /For review/ }).click();
    await page.waitForURL((url) => url.searchParams.get('query') === 'is:unresolved is:for_review');
    await waitFor(async () => (await page.getByRole('tab', { name: /For review/ }).getAttribute('aria-selected')) === 'true', { what: 'For review selected' });
    expect(await page.getByRole('tabpanel').count()).toBe(1);
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('Mark reviewed takes the selected issue out of For review; resolving moves the counts live', async () => {
    const { page } = browser;
    await page.goto(orgUrl('issues/?query=is%3Aunresolved%20is%3Afor_review'));
    await waitFor(async () => (await rows(page).count()) === 3, { what: 'three issues for review' });
    await row(page, 'Payment provider').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await page.getByRole('status').getByText('Marked 1 issue reviewed.').waitFor();
    await waitFor(async () => (await rows(page).count()) === 2, { what: 'the reviewed issue to leave' });
    expect(await page.getByText('1 selected').count()).toBe(0);
    await waitFor(async () => (await counts(page)) === '3 2 0 0', { what: 'tab counts 3 2 0 0' });

    await page.getByRole('tab', { name: /Unresolved/ }).click();
    await waitFor(async () => (await rows(page).count()) === 3, { what: 'three unresolved' });
    expect(await row(page, 'Payment provider').locator('.inbox-badge').count()).toBe(0);
    await row(page, 'Payment provider').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await waitFor(async () => (await counts(page)) === '2 2 0 1', { timeoutMs: 15_000, what: 'tab counts 2 2 0 1' });
    await page.getByRole('tab', { name: /^Resolved/ }).click();
    await waitFor(async () => (await rows(page).count()) === 1, { what: 'the resolved issue' });
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('saves the current search for the organization and applies it from the menu', async () => {
    const { page } = browser;
    const query = 'is:unresolved level:error';
    await page.goto(orgUrl(`issues/?query=${encodeURIComponent(query)}`));
    await rows(page).first().waitFor();
    await page.getByRole('button', { name: 'Save search…' }).click();
    const form = page.getByRole('region', { name: 'Save the current search' });
    const name = unique('Errors');
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Visible to').selectOption('ORGANIZATION');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: /Ignored/ }).click();
    await page.waitForURL((url) => url.searchParams.get('query') === 'is:ignored');
    await page.getByRole('button', { name: 'Saved searches ▾' }).click();
    await page.getByRole('menuitem', { name: new RegExp(name) }).click();
    await page.waitForURL((url) => url.searchParams.get('query') === query);
    await waitFor(async () => (await rows(page).count()) === 2, { what: 'the saved search\'s two errors' });
    const saved = await server.app.db.query('SELECT name, query, visibility FROM saved_search WHERE organization_id = $1', [organization.id]);
    expect(saved).toEqual([{ name, query, visibility: 'organization' }]);
  }, 60_000);

  it('deletes an issue after a confirmation; the same error later starts a new issue', async () => {
    const { page } = browser;
    await page.goto(orgUrl('issues/'));
    await waitFor(async () => (await rows(page).count()) === 2, { what: 'two unresolved' });
    const target = row(page, "reading 'name'");
    const shortId = await target.getAttribute('data-short-id');
    await target.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 1 issue?' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Cancel keeps it; confirming deletes it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await rows(page).count()).toBe(2);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete for good' }).click();
    await page.getByRole('status').getByText('Deleted 1 issue.').waitFor();
    await waitFor(async () => (await rows(page).count()) === 1, { what: 'the deleted row to go' });
    expect(await issueCount()).toBe(2);
    expect(Number((await server.app.db.query('SELECT count(*) AS n FROM event WHERE project_id = $1', [web.id]))[0].n)).toBe(3);

    await sdk(web, 'exceptions', { SENTRY_RELEASE: current, SENTRY_ENVIRONMENT: 'production' });
    await waitFor(async () => (await rows(page).count()) === 2, { timeoutMs: 20_000, what: 'the error to come back as a new issue' });
    const reborn = await row(page, "reading 'name'").getAttribute('data-short-id');
    expect(reborn).not.toBe(shortId);
    expect(await row(page, "reading 'name'").locator('.inbox-badge', { hasText: 'New' }).count()).toBe(1);
    expect(browser.pageErrors).toEqual([]);
  }, 90_000);

  it('the release list shows new issues, adoption and events per release, filtered by environment', async () => {
    const { page } = browser;
    await page.goto(orgUrl('releases/'));
    const table = page.getByRole('table', { name: 'Releases' });
    const currentRow = table.getByRole('row', { name: new RegExp(current.replace(/[.@]/g, '\\$&')) });
    await currentRow.waitFor();
    // Two issues first seen in `current` (one deleted, then reborn).
    await waitFor(async () => (await currentRow.getByRole('cell').nth(4).textContent()) === '2', { what: 'two new issues' });
    // Adoption: `current`'s share of the project's sessions and distinct users, counted here from the stored sessions.
    const sessions = await sessionsOf(web);
    const ours = sessions.filter((x) => x.release === current);
    const users = (list: typeof sessions) => new Set(list.map((x) => x.distinct_id).filter(Boolean)).size;
    const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.length).toBeLessThan(sessions.length);
    expect(await currentRow.getByTestId('adoption').textContent()).toBe(
      `${percent(ours.length, sessions.length)} (${percent(users(ours), users(sessions))} users)`,
    );
    const chart = page.getByRole('region', { name: /Events per release/ });
    await chart.waitFor();
    expect(await chart.getByRole('img').getAttribute('aria-label')).toContain(`${current}: 8 events`);

    await page.getByLabel('Environment').selectOption('staging');
    await page.waitForURL((url) => url.searchParams.get('environment') === 'staging');
    await waitFor(async () => (await table.locator('tbody tr').count()) === 1, { what: 'only the staging release' });
    expect(await table.getByRole('link', { name: backend }).count()).toBe(1);
    expect(await chart.getByRole('img').getAttribute('aria-label')).toContain(`${backend}: 2 events`);
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it.each([
    ['1440×900', DESKTOP],
    ['390×844', PHONE],
  ])('the new views pass axe-core at %s', async (_label, viewport) => {
    const { page } = browser;
    await page.setViewportSize(viewport);
    const found: string[] = [];
    try {
      await page.goto(orgUrl('issues/?query=is%3Aunresolved%20is%3Afor_review'));
      await page.getByRole('tablist', { name: 'Issue views' }).waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await seriousViolations(page)).map((v) => `for review: ${v}`));
      await page.getByRole('button', { name: 'Save search…' }).click();
      await page.getByRole('region', { name: 'Save the current search' }).waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `save search: ${v}`));
      await page.getByRole('button', { name: 'Saved searches ▾' }).click();
      await page.getByRole('menu').waitFor();
      found.push(...(await seriousViolations(page)).map((v) => `saved searches menu: ${v}`));
      await page.goto(orgUrl('releases/'));
      await page.getByRole('region', { name: /Events per release/ }).waitFor();
      await page.waitForLoadState('networkidle');
      found.push(...(await seriousViolations(page)).map((v) => `releases: ${v}`));
    } finally {
      await page.setViewportSize(DESKTOP);
    }
    expect(found).toEqual([]);
  }, 120_000);
});

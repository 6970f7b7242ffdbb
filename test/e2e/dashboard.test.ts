import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Issue } from '../../api/src/issues/issue.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { buildOrganization, buildProject, buildUser, TEST_PASSWORD, unique } from '../support/factories.js';
import { buildCommit, buildProjectRelease, buildRepository } from '../support/release-factories.js';
import { dsnOf, runSdkApp } from '../support/sdk.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * The dashboard in a real browser (Debian's Chromium) against a real Vigil with workers: a person
 * signs in, an app using the real @sentry/node SDK sends errors, and they are triaged without a
 * single page load after sign-in.
 */
let server: TestServer;
let browser: TestBrowser;
let owner: User;
let organization: Organization;
let project: Project;
let dsn: string;
const version = unique('shop@2.4');
const COMMIT_MESSAGE = 'Guard checkout totals against empty cart items';

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const { app } = server;
  owner = await buildUser(app, { password: true });
  organization = await buildOrganization(app, owner);
  project = await buildProject(app, organization, owner);
  dsn = await dsnOf(app, project, server.url);
  const repository = await buildRepository(app, organization, unique('acme/shop'));
  const commits = [
    await buildCommit(app, repository, { message: `${COMMIT_MESSAGE}\n\nNull items come from the legacy cart API.`, authorName: 'Ada Lovelace', authorEmail: 'ada@example.com', files: ['src/cart.js'] }),
    await buildCommit(app, repository, { message: 'Show profile names in the header', authorName: 'Grace Hopper', authorEmail: 'grace@example.com', files: ['A src/header.js'] }),
  ];
  await buildProjectRelease(app, [project], { version, commits });
  browser = await launchBrowser();
}, 120_000);

screenshotFailures('dashboard', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const row = (page: Page, text: string) => page.locator('.issue-row', { hasText: text });

/** Marks the document; if the page ever reloads, the mark is gone. */
const markDocument = (page: Page) => page.evaluate(() => void Object.assign(globalThis, { vigilTestMark: 'still here' }));
const documentMark = (page: Page) => page.evaluate(() => (globalThis as { vigilTestMark?: string }).vigilTestMark);

/** Starts adding up layout shifts not caused by input (Chromium's Layout Instability API). */
const startShiftMeter = (page: Page) =>
  page.evaluate(() => {
    const state = globalThis as { vigilShift?: number };
    state.vigilShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) state.vigilShift = (state.vigilShift ?? 0) + entry.value;
      }
    }).observe({ type: 'layout-shift' } as never);
    return (PerformanceObserver as unknown as { supportedEntryTypes: string[] }).supportedEntryTypes.includes('layout-shift');
  });
const layoutShift = (page: Page) => page.evaluate(() => (globalThis as { vigilShift?: number }).vigilShift);

async function issueOf(title: string): Promise<Issue> {
  return waitFor(() => server.app.db.getRepository(Issue).createQueryBuilder('i').where('i.project_id = :id', { id: project.id }).andWhere('i.title LIKE :t', { t: `%${title}%` }).getOne(), {
    timeoutMs: 20_000,
    what: `issue "${title}"`,
  });
}

describe('the dashboard, in Chromium', () => {
  it('signs in, shows the first-run page, gets errors from the real SDK live, searches, opens, resolves, shows the release', async () => {
    const { page } = browser;

    // Sign in: nothing has arrived yet, so the first-run page shows the DSN and Sentry.init.
    await signIn(page, server.url, owner.email, TEST_PASSWORD);
    await page.getByRole('heading', { name: `Send errors from ${project.name}` }).waitFor();
    expect(await page.getByLabel('DSN', { exact: true }).textContent()).toBe(dsn);
    expect(await page.locator('.snippet code').nth(1).textContent()).toContain(`dsn: '${dsn}'`);

    // The stream, empty, listening.
    await page.getByRole('link', { name: 'Go to issues →' }).click();
    await page.getByText('No issues yet').waitFor();
    await page.getByText('Live: new issues and counts update here').waitFor();
    await markDocument(page);

    // A real app with the real SDK sends errors; they appear without a reload.
    const sent = await runSdkApp(dsn, 'exceptions', { env: { SENTRY_RELEASE: version, SENTRY_ENVIRONMENT: 'production' } });
    expect(sent.code, sent.stderr).toBe(0);
    const priceRow = row(page, "reading 'price'");
    await priceRow.waitFor({ timeout: 20_000 });
    await row(page, "reading 'name'").waitFor({ timeout: 20_000 });
    await waitFor(async () => (await priceRow.getByTestId('event-count').textContent()) === '3', { timeoutMs: 20_000, what: 'three events' });

    // More of the same: the count changes in place, live, and nothing on the page moves.
    expect(await startShiftMeter(page)).toBe(true);
    const again = await runSdkApp(dsn, 'exceptions', { env: { SENTRY_RELEASE: version, SENTRY_ENVIRONMENT: 'production' } });
    expect(again.code, again.stderr).toBe(0);
    await waitFor(async () => (await priceRow.getByTestId('event-count').textContent()) === '6', { timeoutMs: 20_000, what: 'the count to reach 6' });
    expect(await page.locator('.issue-row').count()).toBe(2);
    expect(await layoutShift(page)).toBe(0);
    expect(await documentMark(page)).toBe('still here');

    // Search, with the search language: suggestions, then the query in the URL.
    const search = page.getByLabel('Search issues');
    await search.fill('is:unresolved rel');
    await page.getByRole('option', { name: /^release:/ }).waitFor();
    await search.fill("is:unresolved price");
    await search.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('query') === 'is:unresolved price');
    await waitFor(async () => (await page.locator('.issue-row').count()) === 1, { what: 'one search result' });
    expect(await priceRow.count()).toBe(1);

    // A parse error is explained, not sent.
    await search.fill('is:open');
    await search.press('Enter');
    expect(await page.getByRole('alert').textContent()).toContain('Unknown value "open" for is:');
    await search.fill("is:unresolved price");

    // Open it: header, the exception with its in-app frame, the release.
    await priceRow.getByRole('link').click();
    const issue = await issueOf("reading 'price'");
    await page.getByTestId('short-id').getByText(`${project.slug.toUpperCase()}-${issue.shortIdNumber}`).waitFor();
    expect(await page.getByTestId('issue-count').textContent()).toBe('6');
    await page.locator('.frame.in-app', { hasText: 'checkoutTotal' }).first().waitFor();
    expect(await page.locator('.context .line.current').first().textContent()).toContain('item.price');
    await page.getByRole('link', { name: version }).first().waitFor();

    // Resolve it.
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByTestId('issue-status').getByText('Resolved').waitFor();
    await waitFor(async () => (await server.app.db.getRepository(Issue).findOneByOrFail({ id: issue.id })).status === 'resolved', { what: 'the issue to be resolved' });

    // Back: the search is still there, and the resolved issue has left "is:unresolved".
    await page.goBack();
    await page.waitForURL((url) => url.pathname.endsWith('/issues/') && url.searchParams.get('query') === 'is:unresolved price');
    await page.getByText('No issues match your search').waitFor();
    expect(await documentMark(page)).toBe('still here');

    // The release, with its commits.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Releases' }).click();
    await page.getByRole('link', { name: version }).click();
    const commits = page.getByRole('table', { name: 'Commits' });
    await commits.getByText(COMMIT_MESSAGE).waitFor();
    expect(await commits.getByText('Ada Lovelace').count()).toBe(1);
    expect(await commits.getByText('Show profile names in the header').count()).toBe(1);
    expect(await documentMark(page)).toBe('still here');

    // Sign out.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('sends a test event from the first-run page and shows it arriving', async () => {
    const { page } = browser;
    const sandbox = await buildProject(server.app, organization, owner, 'javascript');
    await signIn(page, server.url, owner.email, TEST_PASSWORD);
    await page.goto(`${server.url}/organizations/${organization.slug}/projects/${sandbox.slug}/getting-started/?platform=browser`);
    expect(await page.locator('.snippet code').nth(1).textContent()).toContain("import * as Sentry from '@sentry/browser';");
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await page.getByText('It arrived:').waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: `${sandbox.slug.toUpperCase()}-1` }).click();
    await page.getByText('This is a test event sent from the Vigil dashboard').first().waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('serves index.html for dashboard URLs and keeps API 404s', async () => {
    const html = await fetch(`${server.url}/organizations/${organization.slug}/issues/WEB-1/`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root"></div>');
    expect((await fetch(`${server.url}/api/0/no-such-endpoint/`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/no-such-file.js`)).status).toBe(404);
  });
});

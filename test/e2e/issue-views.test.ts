import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Issue } from '../../api/src/issues/issue.entity.js';
import { formatShortId } from '../../api/src/issues/short-id.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { seriousViolations } from '../support/axe.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { buildOrganization, buildProject, buildUser, TEST_PASSWORD } from '../support/factories.js';
import { waitForEvents } from '../support/ingest.js';
import { dsnOf, runSdkApp } from '../support/sdk.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * The issue page as a Sentry user reaches for it (issue 14, "What a Sentry user reaches for"):
 * raw event JSON, the Events and Tags tabs, merge and unmerge, copy link, the environment
 * filter; fed by the real @sentry/node SDK, in Chromium at 1440×900 and 390×844, with axe-core.
 */
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: TestBrowser;
let owner: User;
let organization: Organization;
let web: Project;
/** checkoutTotal's TypeError: 3 events in production, 3 in staging. */
let checkout: Issue;

async function issueWhere(projectId: number, titleLike: string): Promise<Issue> {
  return server.app.db.getRepository(Issue).createQueryBuilder('i').where('i.project_id = :projectId AND i.title LIKE :titleLike', { projectId, titleLike }).getOneOrFail();
}

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const { app } = server;
  owner = await buildUser(app, { password: true });
  organization = await buildOrganization(app, owner);
  web = await buildProject(app, organization, owner);
  const dsn = await dsnOf(app, web, server.url);
  // `exceptions`: 3 checkoutTotal and 2 loadProfile errors, the later ones with a user; `message`: two timeouts.
  for (const environment of ['production', 'staging']) {
    const run = await runSdkApp(dsn, 'exceptions', { env: { SENTRY_ENVIRONMENT: environment, SENTRY_RELEASE: 'web@4.0.0' } });
    expect(run.code, run.stderr).toBe(0);
  }
  expect((await runSdkApp(dsn, 'message', { env: { SENTRY_ENVIRONMENT: 'production' } })).code).toBe(0);
  await waitForEvents(app, web.id, 12, 30_000);
  checkout = await issueWhere(web.id, "%reading 'price'%");

  browser = await launchBrowser({ viewport: DESKTOP });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await signIn(browser.page, server.url, owner.email, TEST_PASSWORD);
}, 180_000);

screenshotFailures('issue-views', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const orgUrl = (rest: string) => `${server.url}/organizations/${organization.slug}/${rest}`;
const shortIdOf = (issue: Issue) => formatShortId(web.slug, issue.shortIdNumber);
const issueUrl = (issue: Issue, search = '') => orgUrl(`issues/${shortIdOf(issue)}/${search}`);

const eventCount = (page: Page) => page.getByTestId('event-count');

describe('the issue page, in Chromium', () => {
  it('shows the raw event JSON pretty-printed and downloads it from the REST API', async () => {
    const { page } = browser;
    await page.goto(issueUrl(checkout));
    await page.getByRole('button', { name: 'View JSON' }).click();
    const json = page.getByTestId('raw-json');
    await json.waitFor();
    const shown = JSON.parse(await json.innerText()) as { eventId: string; title: string; environment: string; sdk: { name: string } };
    expect(shown.title).toBe(checkout.title);
    expect(shown.sdk.name).toBe('sentry.javascript.node');
    // Pretty-printed: one key per line.
    expect((await json.innerText()).split('\n').length).toBeGreaterThan(20);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download JSON' }).click()]);
    expect(download.suggestedFilename()).toBe(`${shown.eventId}.json`);
    const saved = JSON.parse(await fs.readFile((await download.path())!, 'utf8')) as { eventId: string };
    expect(saved.eventId).toBe(shown.eventId);
    await page.getByRole('button', { name: 'Hide JSON' }).click();
    await json.waitFor({ state: 'detached' });
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('lists every event on the Events tab, searchable, each row opening that event', async () => {
    const { page } = browser;
    await page.goto(issueUrl(checkout));
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => eventCount(page).innerText()).toBe('6 events');
    expect(await page.locator('.events-table tbody tr').count()).toBe(6);
    // Newest first: the second run (staging) comes before the first.
    expect(await page.locator('.events-table tbody tr').first().locator('td').nth(2).innerText()).toBe('staging');

    const search = page.getByLabel('Search events');
    await search.fill('environment:production');
    await search.press('Enter');
    await expect.poll(() => eventCount(page).innerText()).toBe('3 events matching environment:production');
    await search.fill('user.email:jane@example.com');
    await search.press('Enter');
    await expect.poll(() => eventCount(page).innerText()).toBe('2 events matching user.email:jane@example.com');
    expect(await page.locator('.events-table tbody tr td:nth-child(5)').allInnerTexts()).toEqual(['jane@example.com', 'jane@example.com']);
    await search.fill('is:unresolved');
    await search.press('Enter');
    await page.getByText(/filters issues, not events/).first().waitFor();

    await search.fill('environment:staging');
    await search.press('Enter');
    await expect.poll(() => eventCount(page).innerText()).toBe('3 events matching environment:staging');
    const first = page.locator('.events-table tbody tr').first().getByRole('link');
    const prefix = await first.innerText();
    await first.click();
    await page.waitForURL((url) => url.pathname.includes(`/events/${prefix}`));
    await page.getByTestId('short-id').waitFor();
    expect(page.url()).not.toContain('tab=events');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('pages through a long Events list with cursors', async () => {
    const { page } = browser;
    const dsn = await dsnOf(server.app, web, server.url);
    expect((await runSdkApp(dsn, 'burst', { args: ['27'], env: { SENTRY_ENVIRONMENT: 'production' } })).code).toBe(0);
    await waitForEvents(server.app, web.id, 12 + 27, 60_000);
    const burst = await issueWhere(web.id, '%Burst error%');
    expect(burst.timesSeen).toBe(27);
    await page.goto(issueUrl(burst, '?tab=events'));
    await expect.poll(() => eventCount(page).innerText()).toBe('27 events');
    const rows = page.locator('.events-table tbody tr');
    expect(await rows.count()).toBe(25);
    const firstPage = await rows.allInnerTexts();
    await page.getByRole('button', { name: 'Older' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    const secondPage = await rows.allInnerTexts();
    expect(secondPage.filter((row) => firstPage.includes(row))).toEqual([]);
    expect(page.url()).toContain('cursor=');
    expect(await page.getByRole('button', { name: 'Older' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Newest' }).click();
    await expect.poll(() => rows.count()).toBe(25);
  }, 90_000);

  it('shows every tag with its values, counts and shares on the Tags tab; a value filters the Events tab', async () => {
    const { page } = browser;
    await page.goto(issueUrl(checkout, '?tab=tags'));
    const environment = page.getByTestId('tag-environment');
    await environment.waitFor();
    const texts = (await environment.locator('tbody tr').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
    expect(texts.sort()).toEqual(['production 3 50%', 'staging 3 50%']);
    const user = page.getByTestId('tag-user');
    expect(await user.locator('tbody tr').count()).toBe(1);
    await environment.getByRole('link', { name: 'staging' }).click();
    await page.getByRole('tab', { name: 'Events', selected: true }).waitFor();
    await expect.poll(() => eventCount(page).innerText()).toBe('3 events matching environment:staging');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('filters counts, chart, tags, events and the latest event by environment (?environment=)', async () => {
    const { page } = browser;
    await page.goto(issueUrl(checkout));
    await expect.poll(() => page.getByTestId('issue-count').innerText()).toBe('6');
    const select = page.getByLabel('Environment');
    await waitFor(async () => (await select.locator('option').allTextContents()).includes('staging'), { what: 'the environments list' });
    await select.selectOption('staging');
    await page.waitForURL((url) => url.searchParams.get('environment') === 'staging');
    await expect.poll(() => page.getByTestId('issue-count').innerText()).toBe('3');
    await page.getByText('Events in staging').first().waitFor();
    // The sidebar's tags count staging only.
    const tags = page.getByRole('region', { name: 'Tags' });
    await expect.poll(() => tags.getByRole('link').allInnerTexts()).toContain('staging');
    expect(await tags.getByRole('link', { name: 'production' }).count()).toBe(0);
    // The event shown is staging's newest.
    await page.getByRole('button', { name: 'View JSON' }).click();
    await expect.poll(async () => (JSON.parse(await page.getByTestId('raw-json').innerText()) as { environment: string }).environment).toBe('staging');
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect.poll(() => eventCount(page).innerText()).toBe('3 events in staging');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('copies the issue link and says so to screen readers', async () => {
    const { page } = browser;
    await page.goto(issueUrl(checkout, '?tab=tags&environment=staging'));
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('status').getByText('Link copied').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(
      issueUrl(checkout),
    );
  }, 30_000);

  it('merges issues from the stream, lists the merged hashes, and unmerges them into a new issue', async () => {
    const { page } = browser;
    // checkoutTotal (6 events) and loadProfile (4 events): a grouping fix by hand.
    const profile = await issueWhere(web.id, "%reading 'name'%");
    await page.goto(orgUrl('issues/'));
    const rows = page.locator('.issue-row');
    await page.getByLabel(`Select ${shortIdOf(profile)}`).waitFor();
    const before = await rows.count();
    await page.getByLabel(`Select ${shortIdOf(profile)}`).check();
    await page.getByLabel(`Select ${shortIdOf(checkout)}`).check();
    await page.getByRole('button', { name: 'Merge' }).click();
    // Into the issue with the most events.
    await page.getByRole('status').getByText(`Merged 2 issues into ${shortIdOf(checkout)}.`).waitFor();
    await expect.poll(() => rows.count()).toBe(before - 1);
    expect(await page.getByText('2 selected').count()).toBe(0);

    await page.goto(issueUrl(checkout, '?tab=merged'));
    const hashes = page.getByTestId('group-hash');
    await expect.poll(() => hashes.count()).toBe(2);
    const profileRow = hashes.filter({ hasText: "reading 'name'" });
    expect(await profileRow.locator('td').last().innerText()).toBe('4');
    await page.getByRole('tab', { name: 'Details' }).click();
    await expect.poll(() => page.getByTestId('issue-count').innerText()).toBe('10');
    await page.getByText(`merged ${shortIdOf(profile)} into this issue`).waitFor();

    await page.getByRole('tab', { name: 'Merged issues' }).click();
    await profileRow.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Unmerge 1 hash' }).click();
    const done = page.getByRole('status').getByText(/^Unmerged into /);
    await done.waitFor();
    const newShortId = (await done.getByRole('link').innerText()).trim();
    await expect.poll(() => hashes.count()).toBe(1);
    await page.goto(orgUrl(`issues/${newShortId}/`));
    await expect.poll(() => page.getByTestId('issue-count').innerText()).toBe('4');
    await page.getByText(`split 1 hash off ${shortIdOf(checkout)} into this issue`).waitFor();
    await page.goto(issueUrl(checkout));
    await expect.poll(() => page.getByTestId('issue-count').innerText()).toBe('6');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it.each([
    ['1440×900', DESKTOP],
    ['390×844', PHONE],
  ])('the new tabs pass axe-core at %s with nothing serious or critical, and fit the screen', async (_label, viewport) => {
    const { page } = browser;
    await page.setViewportSize(viewport);
    const found: string[] = [];
    const views: [string, string, (page: Page) => Promise<unknown>][] = [
      ['events', '?tab=events', (p) => eventCount(p).waitFor()],
      ['tags', '?tab=tags', (p) => p.getByTestId('tag-environment').waitFor()],
      ['merged', '?tab=merged', (p) => p.getByTestId('group-hash').first().waitFor()],
      ['raw json', '', async (p) => {
        await p.getByRole('button', { name: 'View JSON' }).click();
        await p.getByTestId('raw-json').waitFor();
      }],
    ];
    try {
      for (const [name, search, ready] of views) {
        await page.goto(issueUrl(checkout, search));
        await ready(page);
        await page.waitForLoadState('networkidle');
        found.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
        const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
        if (width > viewport.width) found.push(`${name}: the page is ${width}px wide`);
      }
    } finally {
      await page.setViewportSize(DESKTOP);
    }
    expect(found).toEqual([]);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MemberRole } from '../../api/src/auth/scopes.js';
import type { Issue } from '../../api/src/issues/issue.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { seriousViolations } from '../support/axe.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { buildMember, buildOrganization, buildProject, buildUser, TEST_PASSWORD, unique } from '../support/factories.js';
import { Project as ProjectRow } from '../../api/src/projects/project.entity.js';
import { formatShortId } from '../../api/src/issues/short-id.js';
import { buildIssue } from '../support/issue-factories.js';
import { buildCommit, buildProjectRelease, buildRepository } from '../support/release-factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * Issue 14 in a real browser: the defects a Sentry user hits first, the phone layout, and axe-core
 * over every screen at 1440×900 and 390×844. One browser and one seeded server for the whole file.
 */
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: TestBrowser;
let owner: User;
let organization: Organization;
let web: Project;
let api: Project;
let cart: Issue;
let cartEventId: string;
let price: Issue;
const version = unique('web@3.0');

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const { app } = server;
  owner = await buildUser(app, { password: true });
  organization = await buildOrganization(app, owner);
  web = await buildProject(app, organization, owner, 'other');
  api = await buildProject(app, organization, owner);
  await buildMember(app, organization, owner, MemberRole.ADMIN);
  // The release (with a commit that fixes the project's first issue) exists before its events arrive.
  const repository = await buildRepository(app, organization, unique('acme/shop'));
  await buildProjectRelease(app, [web], { version, commits: [await buildCommit(app, repository, { message: `Guard empty carts\n\nFixes ${formatShortId(web.slug, 1)}` })] });
  const built = await buildIssue(app, web, { events: [{ type: 'CartError', value: 'Cart is empty', environment: 'staging', release: version }, { type: 'CartError', value: 'Cart is empty', environment: 'production', release: version }] });
  cart = built.issue;
  cartEventId = built.events[0]!.eventId;
  price = (await buildIssue(app, api, { events: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading 'price')", environment: 'qa' }] })).issue;

  browser = await launchBrowser({ viewport: DESKTOP });
  await signIn(browser.page, server.url, owner.email, TEST_PASSWORD);
}, 120_000);

screenshotFailures('usability', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const orgUrl = (rest: string) => `${server.url}/organizations/${organization.slug}/${rest}`;
const shortIdOf = (issue: Issue, project: Project) => formatShortId(project.slug, issue.shortIdNumber);
const rows = (page: Page) => page.locator('.issue-row');

/** The screens a user reaches, each checked with axe at both widths. */
function screens(): { name: string; url: string; ready: (page: Page) => Promise<unknown> }[] {
  return [
    { name: 'stream', url: orgUrl('issues/'), ready: (page) => rows(page).first().waitFor() },
    { name: 'issue', url: orgUrl(`issues/${shortIdOf(cart, web)}/`), ready: (page) => page.getByTestId('short-id').waitFor() },
    { name: 'releases', url: orgUrl('releases/'), ready: (page) => page.getByRole('link', { name: version }).first().waitFor() },
    { name: 'release', url: orgUrl(`releases/${encodeURIComponent(version)}/`), ready: (page) => page.getByRole('table', { name: 'Commits' }).waitFor() },
    { name: 'release issues', url: orgUrl(`releases/${encodeURIComponent(version)}/?tab=issues`), ready: (page) => page.getByRole('heading', { name: 'New in this release' }).waitFor() },
    { name: 'members', url: orgUrl('settings/members'), ready: (page) => page.getByRole('table', { name: 'Members' }).waitFor() },
    { name: 'project settings', url: orgUrl(`settings/projects/${web.slug}/`), ready: (page) => page.getByRole('heading').first().waitFor() },
    { name: 'api tokens', url: orgUrl('settings/api-tokens'), ready: (page) => page.getByRole('heading').first().waitFor() },
    { name: 'getting started', url: orgUrl(`projects/${web.slug}/getting-started/`), ready: (page) => page.getByRole('heading').first().waitFor() },
    { name: 'unknown organization', url: `${server.url}/organizations/${unique('nowhere')}/issues/`, ready: (page) => page.getByRole('heading', { name: /No organization/ }).waitFor() },
  ];
}

describe('issue 14, in Chromium', () => {
  it('Settings → Members loads, and inviting a member says so', async () => {
    const { page } = browser;
    await page.goto(orgUrl('settings/members'));
    const table = page.getByRole('table', { name: 'Members' });
    await table.getByText(owner.email).first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    const newcomer = await buildUser(server.app);
    await page.getByLabel('Invite by email').fill(newcomer.email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').getByText(`Invitation sent to ${newcomer.email}`).waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('lists environments from the API before any search, and filters by them', async () => {
    const { page } = browser;
    await page.goto(orgUrl('issues/'));
    await rows(page).first().waitFor();
    const environment = page.getByLabel('Environment');
    await waitForOptions(environment, ['All environments', 'production', 'qa', 'staging']);
    await environment.selectOption('qa');
    await page.waitForURL((url) => url.searchParams.get('environment') === 'qa');
    await waitFor(async () => (await rows(page).count()) === 1, { what: 'only the qa issue' });
    expect(await rows(page).first().textContent()).toContain('price');
  }, 60_000);

  it('jumps to an issue by short id or event id, and matches message:"…"', async () => {
    const { page } = browser;
    await page.goto(orgUrl('issues/'));
    const search = page.getByLabel('Search issues');
    await search.fill(shortIdOf(price, api));
    await search.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith(`/issues/${shortIdOf(price, api)}/`));
    await page.goto(orgUrl('issues/'));
    await search.fill(cartEventId);
    await search.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith(`/issues/${shortIdOf(cart, web)}/`));
    await page.goto(orgUrl('issues/?query=message%3A%22Cart%22'));
    await waitFor(async () => (await rows(page).count()) === 1 && ((await rows(page).first().textContent()) ?? '').includes('Cart is empty'), { what: 'the cart issue alone' });
  }, 60_000);

  it('clears the selection after a bulk change, confirms it with undo, and marks rows of a rejected query stale', async () => {
    const { page } = browser;
    await page.goto(orgUrl('issues/'));
    await rows(page).first().waitFor();
    expect(await rows(page).count()).toBe(2);
    await page.getByLabel(`Select ${shortIdOf(cart, web)}`).check();
    // Shortcuts still work after clicking a checkbox.
    await page.keyboard.press('j');
    await page.locator('.issue-row.cursor').waitFor();
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByRole('status').getByText(`Resolved ${shortIdOf(cart, web)}.`).waitFor();
    await waitFor(async () => (await rows(page).count()) === 1, { what: 'the resolved issue to leave' });
    expect(await page.getByText('1 selected').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await waitFor(async () => (await rows(page).count()) === 2, { what: 'undo to bring it back' });

    const search = page.getByLabel('Search issues');
    await search.fill('is:unresolved times-seen:>x');
    await search.press('Enter');
    await page.getByText('Not searched: fix the query above.').waitFor();
    expect(await page.locator('.stream.stale').count()).toBe(1);
    await search.fill('is:unresolved');
    await search.press('Enter');
    await waitFor(async () => (await page.locator('.stream.stale').count()) === 0, { what: 'the stale mark to go' });
  }, 60_000);

  it('fixes the smaller defects: frames, platform, switcher, commit links, release issues, unknown organization', async () => {
    const { page } = browser;
    await page.goto(orgUrl(`issues/${shortIdOf(cart, web)}/`));
    await page.getByTestId('short-id').waitFor();
    // The crashing frame is open, the rest folded.
    await page.locator('.frame.in-app').first().waitFor();
    expect(await page.locator('.frame-header[aria-expanded="true"]').count()).toBe(1);
    expect(await page.getByLabel('Project', { exact: true }).inputValue()).toBe(web.slug);
    expect((await server.app.db.getRepository(ProjectRow).findOneByOrFail({ id: web.id })).platform).toBe('node');

    await page.goto(orgUrl(`releases/${encodeURIComponent(version)}/`));
    await page.getByRole('table', { name: 'Commits' }).getByRole('link', { name: shortIdOf(cart, web) }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/issues/${shortIdOf(cart, web)}/`));
    await page.goto(orgUrl(`releases/${encodeURIComponent(version)}/`));
    await page.getByRole('tab', { name: 'Issues' }).click();
    const newIssues = page.getByRole('region', { name: 'New issues' });
    await newIssues.getByText('2 events').waitFor();
    expect(await newIssues.getByRole('link').first().textContent()).toBe('CartError Cart is empty');

    await page.goto(`${server.url}/organizations/${unique('nowhere')}/issues/`);
    await page.getByRole('link', { name: 'Go to your organizations' }).click();
    await page.waitForURL((url) => !url.pathname.includes('nowhere'));
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('works on a phone: a menu button opens the navigation, rows keep their titles, nothing overflows', async () => {
    const { page } = browser;
    await page.setViewportSize(PHONE);
    try {
      await page.goto(orgUrl('issues/'));
      await rows(page).first().waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.isVisible()).toBe(false);
      const title = rows(page).first().locator('.title');
      expect((await title.boundingBox())!.width).toBeGreaterThan(150);
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.getByRole('button', { name: 'Menu' }).click();
      await nav.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL((url) => url.pathname.includes('/settings/'));
      // The drawer closes on the render after the navigation, not with it.
      await nav.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await page.setViewportSize(DESKTOP);
    }
  }, 60_000);

  it.each([
    ['1440×900', DESKTOP],
    ['390×844', PHONE],
  ])('every screen passes axe-core at %s with nothing serious or critical', async (_label, viewport) => {
    const { page } = browser;
    await page.setViewportSize(viewport);
    const found: string[] = [];
    try {
      for (const screen of screens()) {
        await page.goto(screen.url);
        await screen.ready(page);
        await page.waitForLoadState('networkidle');
        found.push(...(await seriousViolations(page)).map((v) => `${screen.name}: ${v}`));
      }
    } finally {
      await page.setViewportSize(DESKTOP);
    }
    expect(found).toEqual([]);
  }, 120_000);
});

async function waitForOptions(select: ReturnType<Page['getByLabel']>, expected: string[]): Promise<void> {
  await waitFor(async () => JSON.stringify(await select.locator('option').allTextContents()) === JSON.stringify(expected), { what: `options ${expected.join(', ')}` });
}

import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { MemberRole } from '../../api/src/auth/scopes.js';
import type { Issue } from '../../api/src/issues/issue.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { launchBrowser, signIn, type TestBrowser } from '../support/browser.js';
import { buildMember, buildOrganization, buildProject, buildUser, TEST_PASSWORD, unique } from '../support/factories.js';
import { buildIssue } from '../support/issue-factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

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

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const { app } = server;
  owner = await buildUser(app, { password: true });
  organization = await buildOrganization(app, owner);
  web = await buildProject(app, organization, owner, 'other');
  api = await buildProject(app, organization, owner);
  await buildMember(app, organization, owner, MemberRole.ADMIN);
  cart = (await buildIssue(app, web, { events: [{ type: 'CartError', value: 'Cart is empty', environment: 'staging' }, { type: 'CartError', value: 'Cart is empty', environment: 'production' }] })).issue;
  await buildIssue(app, api, { events: [{ type: 'TypeError', value: "Cannot read properties of undefined (reading 'price')", environment: 'production' }] });
  browser = await launchBrowser({ viewport: DESKTOP });
  await signIn(browser.page, server.url, owner.email, TEST_PASSWORD);
}, 120_000);

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !browser) return;
  const file = path.join(os.tmpdir(), `vigil-e2e-usability-${Date.now()}.png`);
  await browser.page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  process.stderr.write(`Browser at ${browser.page.url()}; screenshot: ${file}; page errors: ${JSON.stringify(browser.pageErrors)}\n`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** axe-core's findings at "serious" or "critical", as `rule: target` lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`));
}

const orgUrl = (rest: string) => `${server.url}/organizations/${organization.slug}/${rest}`;

describe('issue 14, in Chromium', () => {
  it('Settings → Members loads, and adding a member says so', async () => {
    const { page } = browser;
    await page.goto(orgUrl('settings/members'));
    const table = page.getByRole('table', { name: 'Members' });
    await table.getByText(owner.email).first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    const newcomer = await buildUser(server.app);
    await page.getByLabel('Add a member by email').fill(newcomer.email);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('status').getByText(`${newcomer.email} was added`).waitFor();
    await table.getByText(newcomer.email).first().waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildOrganization, buildUser, TEST_PASSWORD } from '../support/factories.js';
import { launchBrowser, screenshotFailures, type TestBrowser } from '../support/browser.js';
import { runSlashCommand, SLACK_TEST_ENV, slackId, startFakeSlack, type FakeSlack } from '../support/fake-slack.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { connectSlackWorkspace } from '../../api/src/slack/slack-workspace.service.js';
import { SlackIdentity } from '../../api/src/slack/slack-identity.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { User } from '../../api/src/users/user.entity.js';

/**
 * Slack linking in the dashboard, in a real browser: `/vigil link` (a request signed as Slack
 * signs it) gives a link; opening it signed out asks to sign in and then links; the account page
 * shows the linked Slack identity and unlinks it; the organization page shows the workspace.
 */
let slack: FakeSlack;
let server: TestServer;
let browser: TestBrowser;
let owner: User;
let organization: Organization;
const teamId = slackId('T');
const slackUserId = slackId('U');

beforeAll(async () => {
  slack = await startFakeSlack();
  server = await startTestServer({ env: { ...SLACK_TEST_ENV, SLACK_API_URL: slack.apiUrl } });
  owner = await buildUser(server.app, { password: true });
  organization = await buildOrganization(server.app, owner);
  await connectSlackWorkspace(server.app.db, await accessFor(server.app, owner, organization), teamId);
  browser = await launchBrowser();
}, 120_000);

screenshotFailures('slack', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await slack?.close();
});

describe('Slack linking in the dashboard', () => {
  it('links through /vigil link after signing in, shows the linked identity on the account page and unlinks it', async () => {
    const { page } = browser;
    // Slack knows this person by another email, so only the link can link them.
    slack.addUser({ id: slackUserId, teamId, name: 'ada.slack', email: 'ada@elsewhere.example' });
    const { answer } = await runSlashCommand(server.url, slack, { teamId, userId: slackUserId, userName: 'ada.slack', text: 'link' });
    const linkUrl = /<(http[^|>]+)\|/.exec(answer.text)?.[1];
    expect(linkUrl).toBeTruthy();

    // Signed out: the link asks to sign in first, then comes back and links.
    await page.goto(linkUrl!);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`now acts as you in Vigil`).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain(teamId);

    await page.getByRole('link', { name: 'Back to Vigil' }).click();
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Slack account' }).click();
    const table = page.getByRole('table', { name: 'Linked Slack accounts' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /ada\.slack/ });
    await expect(row.textContent()).resolves.toContain(slackUserId);
    await expect(row.textContent()).resolves.toContain(teamId);
    await expect(row.textContent()).resolves.toContain('/vigil link');

    await row.getByRole('button', { name: 'Unlink' }).click();
    await page.getByText('No Slack account is linked to you.').waitFor();
    const stored = await server.app.db.getRepository(SlackIdentity).findOneByOrFail({ teamId, slackUserId });
    expect(stored.userId).toBeNull();
    // Slack now tells them they are not linked.
    const after = await runSlashCommand(server.url, slack, { teamId, userId: slackUserId, text: 'search is:unresolved' });
    expect(after.answer.text).toMatch(/not linked/);
    expect(browser.pageErrors).toEqual([]);
  });

  it('the organization page shows the Slack status and the connected workspace', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Slack', exact: true }).click();
    const status = page.getByRole('region', { name: 'Slack status' });
    await status.waitFor();
    await expect(status.textContent()).resolves.toContain('The Slack app is configured on this installation.');
    await expect(status.textContent()).resolves.toContain(`${server.url}/slack/events`);
    await expect(status.textContent()).resolves.toContain(`Connected workspace: ${teamId}`);
    expect(browser.pageErrors).toEqual([]);
  });
});

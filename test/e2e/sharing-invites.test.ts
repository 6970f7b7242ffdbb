import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizationInvite } from '../../api/src/invites/invite.entity.js';
import { inviteToken } from '../../api/src/invites/invite-link.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { formatShortId } from '../../api/src/issues/short-id.js';
import { launchBrowser, signIn, type TestBrowser } from '../support/browser.js';
import { buildOrganization, buildProject, buildUser, TEST_PASSWORD, unique } from '../support/factories.js';
import { buildIssue } from '../support/issue-factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/** Sharing an issue publicly, and inviting someone who signs up through the link, in Chromium. */
let server: TestServer;
let browser: TestBrowser;
let owner: User;
let organization: Organization;
let project: Project;

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  owner = await buildUser(server.app, { password: true });
  organization = await buildOrganization(server.app, owner);
  project = await buildProject(server.app, organization, owner);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('sharing and invites, in Chromium', () => {
  it('shares an issue, opens the public page signed out, then revokes it', { timeout: 120_000 }, async () => {
    const { page } = browser;
    const { issue } = await buildIssue(server.app, project, { events: [{ value: 'Coupon total went negative', user: { email: 'buyer@example.com' } }] });
    const shortId = formatShortId(project.slug, issue.shortIdNumber);
    await signIn(page, server.url, owner.email, TEST_PASSWORD);
    await page.goto(`${server.url}/organizations/${organization.slug}/issues/${shortId}/`);
    await page.getByRole('button', { name: 'Share ▾' }).click();
    await page.getByLabel(/Anyone with the link can see this issue/).click();
    const link = page.getByLabel('Share link');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/share\/issue\/[0-9a-f]{32}\/$/);
    await page.getByRole('button', { name: 'Shared ▾' }).waitFor();

    // Signed out, as anyone holding the link.
    await browser.context.clearCookies();
    await page.goto(url);
    await page.getByRole('heading', { name: 'TypeError: Coupon total went negative' }).waitFor();
    expect(await page.content()).not.toContain('buyer@example.com');

    await signIn(page, server.url, owner.email, TEST_PASSWORD);
    await page.goto(`${server.url}/organizations/${organization.slug}/issues/${shortId}/`);
    await page.getByRole('button', { name: 'Shared ▾' }).click();
    await page.getByLabel(/Anyone with the link can see this issue/).click();
    await page.getByRole('button', { name: 'Share ▾' }).waitFor();
    expect((await fetch(url)).status).toBe(404);
    expect(browser.pageErrors).toEqual([]);
  });

  it('invites by email with feedback, lists the pending invite, and the invitee signs up through the link', { timeout: 120_000 }, async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await signIn(page, server.url, owner.email, TEST_PASSWORD);
    const email = `${unique('newcomer')}@example.com`;
    await page.goto(`${server.url}/organizations/${organization.slug}/settings/members`);
    await page.getByLabel('Invite by email').fill(email);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').filter({ hasText: `Invitation sent to ${email}` }).waitFor();
    const pending = page.getByRole('table', { name: 'Pending invitations' });
    await pending.getByText(email).waitFor();

    const invite = await waitFor(() => server.app.db.getRepository(OrganizationInvite).findOneBy({ organizationId: organization.id, email }));
    const acceptUrl = `${server.url}/accept-invite/${invite.id}/${await inviteToken(server.app.config, invite)}`;
    await context.clearCookies();
    await page.goto(acceptUrl);
    await page.getByRole('heading', { name: `Join ${organization.name}` }).waitFor();
    await page.getByLabel('Your name').fill('New Comer');
    await page.getByLabel('Choose a password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.waitForURL((u) => u.pathname === `/organizations/${organization.slug}/issues/`);
    await page.locator('.issue-row, .empty-state, main').first().waitFor();
    expect(browser.pageErrors).toEqual([]);
  });
});

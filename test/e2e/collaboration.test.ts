import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShortId } from '../../api/src/issues/short-id.js';
import type { Issue } from '../../api/src/issues/issue.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import { User as UserEntity, type User } from '../../api/src/users/user.entity.js';
import { MemberRole } from '../../api/src/auth/scopes.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { buildMember, buildOrganization, buildProject, buildUser, TEST_PASSWORD } from '../support/factories.js';
import { buildIssue } from '../support/issue-factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { setPassword } from '../../api/src/users/user.service.js';
import { waitFor } from '../support/wait.js';

/**
 * Working an issue together, in two real browsers against a real Vigil: the owner comments with an
 * @mention picked from the autocomplete, the mentioned member sees it arrive live, finds it in
 * their mentions, sees why they are subscribed, unsubscribes, and turns comment emails off.
 */
let server: TestServer;
let ownerBrowser: TestBrowser;
let annBrowser: TestBrowser;
let owner: User;
let ann: User;
let organization: Organization;
let issue: Issue;
let shortId: string;

beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const { app } = server;
  owner = await buildUser(app, { password: true });
  await app.db.getRepository(UserEntity).update(owner.id, { name: 'Olive Owner' });
  organization = await buildOrganization(app, owner);
  const project = await buildProject(app, organization, owner);
  ann = (await buildMember(app, organization, owner, MemberRole.MEMBER)).user;
  await setPassword(app.db, ann, TEST_PASSWORD);
  await app.db.getRepository(UserEntity).update(ann.id, { name: 'Ann Lee' });
  issue = (await buildIssue(app, project, { events: [{ type: 'TypeError', value: 'checkout total is NaN' }] })).issue;
  shortId = formatShortId(project.slug, issue.shortIdNumber);
  [ownerBrowser, annBrowser] = [await launchBrowser(), await launchBrowser()];
}, 120_000);

screenshotFailures('collab', () => ({ owner: ownerBrowser, ann: annBrowser }));

afterAll(async () => {
  await ownerBrowser?.close();
  await annBrowser?.close();
  await server?.close();
});

const issueUrl = () => `${server.url}/organizations/${organization.slug}/issues/${shortId}/`;

describe('collaboration in the dashboard, in Chromium', () => {
  it('comments with an autocompleted @mention, live in a second page, in the mentions list, with the subscription reason and settings', async () => {
    const [o, a] = [ownerBrowser.page, annBrowser.page];
    await signIn(o, server.url, owner.email, TEST_PASSWORD);
    await signIn(a, server.url, ann.email, TEST_PASSWORD);
    await Promise.all([o.goto(issueUrl()), a.goto(issueUrl())]);
    const annActivity = a.getByRole('region', { name: 'Activity' });
    await annActivity.getByText('Nothing yet.').waitFor();
    await a.getByText("You're not subscribed to this issue.").waitFor();
    await a.evaluate(() => void Object.assign(globalThis, { vigilTestMark: 'still here' }));

    // The owner types "@an": the autocomplete offers Ann; Enter inserts her handle.
    const box = o.getByRole('combobox', { name: 'Comment' });
    await box.click();
    await box.pressSequentially('Checkout breaks for empty carts, @an');
    const options = o.getByRole('listbox', { name: 'Mention suggestions' });
    await options.getByRole('option', { name: /Ann Lee/ }).waitFor();
    await box.press('Enter');
    expect(await box.inputValue()).toBe(`Checkout breaks for empty carts, @${ann.email} `);
    await box.pressSequentially('can you take **this** one? <img src=x onerror=alert(1)>');
    await o.getByRole('button', { name: 'Comment', exact: true }).click();
    await waitFor(async () => (await box.inputValue()) === '', { what: 'the comment box to empty' });

    // The owner sees the comment rendered as markdown, safely (no raw HTML), and is subscribed for commenting.
    const ownComment = o.locator('.activity li.comment').first();
    await ownComment.getByText('Olive Owner', { exact: true }).waitFor();
    expect(await ownComment.locator('.markdown strong').textContent()).toBe('this');
    expect(await ownComment.locator('.markdown img').count()).toBe(0);
    await o.getByText("You're subscribed because you commented on this issue.").waitFor();

    // Ann's page shows it live, without a reload, and now says why she is subscribed.
    const annComment = a.locator('.activity li.comment').first();
    await annComment.waitFor({ timeout: 15_000 });
    expect(await annComment.locator('.markdown').textContent()).toContain(`Checkout breaks for empty carts, @${ann.email} can you take this one?`);
    await a.getByText("You're subscribed because you were mentioned.").waitFor({ timeout: 15_000 });
    expect(await a.evaluate(() => (globalThis as { vigilTestMark?: string }).vigilTestMark)).toBe('still here');

    // Her mentions list has it, with the issue.
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mentions' }).click();
    const mention = a.getByRole('list', { name: 'Mentions' }).getByRole('listitem').first();
    await mention.waitFor();
    expect(await mention.textContent()).toContain(`Olive Owner mentioned you on ${shortId}`);
    expect(await mention.textContent()).toContain('TypeError: checkout total is NaN');

    // Back on the issue: unsubscribe; it sticks.
    await mention.getByRole('link', { name: shortId }).click();
    const notifications = a.getByRole('region', { name: 'Notifications' });
    await notifications.getByText("You're subscribed because you were mentioned.").waitFor();
    await notifications.getByRole('button', { name: 'Unsubscribe' }).click();
    await notifications.getByText("You're not subscribed to this issue.").waitFor();
    await waitFor(
      async () => ((await server.app.db.query('SELECT is_active FROM issue_subscription WHERE issue_id = $1 AND user_id = $2', [issue.id, ann.id])) as { is_active: boolean }[])[0]?.is_active === false,
      { what: 'the subscription to be inactive' },
    );

    // Account settings: comment emails off, per kind.
    await a.goto(`${server.url}/organizations/${organization.slug}/settings/account/notifications/`);
    const comments = a.getByRole('checkbox', { name: /^Comments/ });
    expect(await comments.isChecked()).toBe(true);
    // A controlled checkbox: it shows the saved value once the server has answered.
    await comments.click();
    await waitFor(async () => !(await comments.isChecked()), { what: 'the checkbox to show the saved setting' });
    await waitFor(async () => (await server.app.db.getRepository(UserEntity).findOneByOrFail({ id: ann.id })).commentEmails === false, { what: 'comment emails off' });
    await a.reload();
    await a.getByRole('checkbox', { name: /^Comments/ }).waitFor();
    expect(await a.getByRole('checkbox', { name: /^Comments/ }).isChecked()).toBe(false);
    expect(await a.getByRole('checkbox', { name: /^Mentions/ }).isChecked()).toBe(true);

    expect(ownerBrowser.pageErrors).toEqual([]);
    expect(annBrowser.pageErrors).toEqual([]);
  }, 180_000);
});

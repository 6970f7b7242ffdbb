import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import {
  linkSharedBody,
  postToSlackEvents,
  sendClick,
  SLACK_TEST_ENV,
  slackId,
  startFakeSlack,
  type FakeSlack,
  type FakeSlackCall,
} from '../../../test/support/fake-slack.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import { Activity } from '../issues/activity.entity.js';
import { Issue } from '../issues/issue.entity.js';
import { formatShortId } from '../issues/short-id.js';
import { ACTION } from './issue-blocks.js';
import { postIssueAlert } from './issue-alerts.service.js';
import { SlackIssueMessage } from './slack-issue-message.entity.js';

let slack: FakeSlack;
let server: TestServer;
beforeAll(async () => {
  slack = await startFakeSlack();
  server = await startTestServer({ workers: true, env: { ...SLACK_TEST_ENV, SLACK_API_URL: slack.apiUrl, VIGIL_QUEUE_POLL_MS: '100' } });
  // Several organizations, so no workspace is mapped automatically.
  await buildTenant(server.app);
  await buildTenant(server.app);
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
});

/** A tenant connected to a workspace, an issue alerted into a channel, and the owner linked by verified email. */
async function alertedIssue() {
  const tenant = await buildTenant(server.app);
  const teamId = slackId('T');
  const ownerSlackId = slackId('U');
  const client = server.client({ token: tenant.token });
  await client.data('mutation($org: String!, $team: String!) { connectSlackWorkspace(organizationSlug: $org, teamId: $team) { teamId } }', {
    org: tenant.organization.slug,
    team: teamId,
  });
  slack.addUser({ id: ownerSlackId, teamId, name: 'owner', email: tenant.owner.email });
  const { issue } = await buildIssue(server.app, tenant.project, {
    events: [
      { value: 'cart is empty', environment: 'production', release: 'web@3.1.0', user: { id: 'a' }, functionName: 'checkout' },
      { value: 'cart is empty', environment: 'production', release: 'web@3.1.0', user: { id: 'b' }, functionName: 'checkout' },
    ],
  });
  const channel = slackId('C');
  const posted = await postIssueAlert(server.app, { organizationId: tenant.organization.id, issueId: issue.id, channel, ruleName: 'New issues in production' });
  const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
  const click = (actionId: string, value: string, userId = ownerSlackId, select = false) =>
    sendClick(server.url, slack, { teamId, userId, issueId: issue.id, actionId, value, select, message: posted });
  return { ...tenant, teamId, ownerSlackId, client, issue, shortId, channel, posted, click };
}

const issueRow = (id: number) => server.app.db.getRepository(Issue).findOneByOrFail({ id });
const fieldsOf = (call: FakeSlackCall) => JSON.stringify(call.args.blocks);
/** Waits until the latest chat.update of one message shows `text`. */
const updateShowing = (ts: string, text: string) =>
  waitFor(
    () => {
      const latest = slack.callsTo('chat.update').filter((call) => call.args.ts === ts).at(-1);
      return latest && fieldsOf(latest).includes(text) ? latest : null;
    },
    { what: `chat.update of ${ts} showing ${text}` },
  );
const responseAt = (url: string) => waitFor(() => slack.calls.find((call) => call.method === 'response' && call.args.url === url), { what: `a response at ${url}` });

describe('postIssueAlert', () => {
  it('posts the issue as Block Kit with its facts and controls, and stores the message', async () => {
    const alerted = await alertedIssue();
    const post = slack.callsTo('chat.postMessage').find((call) => call.args.channel === alerted.channel)!;
    expect(post.authorization).toBe('Bearer xoxb-test-token');
    expect(post.args.text).toBe(`${alerted.shortId}: TypeError: cart is empty (Unresolved)`);
    const blocks = fieldsOf(post);
    for (const fact of [
      `${alerted.shortId}: TypeError: cart is empty`,
      'checkout',
      alerted.project.name,
      '*Environment*\\nproduction',
      '*Events*\\n2',
      '*Users*\\n2',
      '*First seen*',
      '*Release*\\nweb@3.1.0',
      `${server.url}/organizations/${alerted.organization.slug}/issues/${alerted.shortId}/`,
      'Alert rule: New issues in production',
      ACTION.resolve,
      'Resolve in the next release',
      ACTION.ignore,
      ACTION.assign,
      alerted.owner.email,
    ]) {
      expect(blocks).toContain(fact);
    }
    const stored = await server.app.db.getRepository(SlackIssueMessage).findBy({ issueId: alerted.issue.id });
    expect(stored.map((m) => ({ channel: m.channel, ts: m.ts }))).toEqual([alerted.posted]);
  });

  it("refuses an issue of another organization and says when Slack is not configured", async () => {
    const alerted = await alertedIssue();
    const other = await buildTenant(server.app);
    await expect(postIssueAlert(server.app, { organizationId: other.organization.id, issueId: alerted.issue.id, channel: 'C1' })).rejects.toThrow('Issue not found');
    const unconfigured = { ...server.app, config: { ...server.app.config, slack: { ...server.app.config.slack, botToken: null } } };
    await expect(postIssueAlert(unconfigured, { organizationId: alerted.organization.id, issueId: alerted.issue.id, channel: 'C1' })).rejects.toThrow(
      'Slack is not configured: set SLACK_BOT_TOKEN',
    );
  });
});

describe('clicks on an alert', () => {
  it('Resolve acts as the linked member, records activity and updates the message in place', async () => {
    const alerted = await alertedIssue();
    const response = await alerted.click(ACTION.resolve, 'resolved', alerted.ownerSlackId, true);
    expect(response).toMatchObject({ status: 200, body: '' });
    const update = await updateShowing(alerted.posted.ts, '*Status*\\nResolved');
    expect(update.args.channel).toBe(alerted.posted.channel);
    expect(fieldsOf(update)).toContain(ACTION.unresolve);
    expect((await issueRow(alerted.issue.id)).status).toBe('resolved');
    const activity = await server.app.db.getRepository(Activity).findOneByOrFail({ issueId: alerted.issue.id, type: 'set_resolved' });
    expect(activity.userId).toBe(alerted.owner.id);

    await alerted.click(ACTION.unresolve, String(alerted.issue.id));
    await updateShowing(alerted.posted.ts, '*Status*\\nUnresolved');
    await alerted.click(ACTION.resolve, 'resolved_in_next_release', alerted.ownerSlackId, true);
    await updateShowing(alerted.posted.ts, 'Resolved in the next release');
    expect(await issueRow(alerted.issue.id)).toMatchObject({ status: 'resolved', resolution: 'in_next_release' });
  });

  it('Ignore and Assign act too; the member select lists the organization', async () => {
    const alerted = await alertedIssue();
    const { user: colleague } = await buildMember(server.app, alerted.organization, alerted.owner, MemberRole.MEMBER);
    await alerted.click(ACTION.ignore, String(alerted.issue.id));
    await updateShowing(alerted.posted.ts, '*Status*\\nIgnored');
    await alerted.click(ACTION.assign, `user:${colleague.id}`, alerted.ownerSlackId, true);
    await updateShowing(alerted.posted.ts, `*Assignee*\\n${colleague.email}`);
    expect(await issueRow(alerted.issue.id)).toMatchObject({ status: 'ignored', assigneeUserId: colleague.id });
    await alerted.click(ACTION.assign, 'none', alerted.ownerSlackId, true);
    await updateShowing(alerted.posted.ts, '*Assignee*\\nUnassigned');
    const types = (await server.app.db.getRepository(Activity).findBy({ issueId: alerted.issue.id })).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['set_ignored', 'assigned', 'unassigned']));
  });

  it('a readonly member cannot resolve, an unlinked user is told how to link, another organization cannot touch the issue', async () => {
    const alerted = await alertedIssue();
    const { user: reader } = await buildMember(server.app, alerted.organization, alerted.owner, MemberRole.READONLY);
    const readerSlackId = slackId('U');
    slack.addUser({ id: readerSlackId, teamId: alerted.teamId, name: 'reader', email: reader.email });
    const denied = await alerted.click(ACTION.resolve, 'resolved', readerSlackId, true);
    const deniedAnswer = (await responseAt(denied.responseUrl)).args;
    expect(deniedAnswer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(deniedAnswer.text).toMatch(/^You don't have permission to do that in .*: Your role \(readonly\)/);

    const unlinked = await alerted.click(ACTION.ignore, String(alerted.issue.id), slackId('U'));
    expect((await responseAt(unlinked.responseUrl)).args.text).toMatch(/Type `\/vigil link` to link it/);

    // A member of another workspace's organization, clicking a forged payload naming this issue.
    const other = await buildTenant(server.app);
    const otherTeam = slackId('T');
    const otherUser = slackId('U');
    await server.client({ token: other.token }).data('mutation($org: String!, $team: String!) { connectSlackWorkspace(organizationSlug: $org, teamId: $team) { teamId } }', {
      org: other.organization.slug,
      team: otherTeam,
    });
    slack.addUser({ id: otherUser, teamId: otherTeam, name: 'outsider', email: other.owner.email });
    const forged = await sendClick(server.url, slack, { teamId: otherTeam, userId: otherUser, issueId: alerted.issue.id, actionId: ACTION.ignore, value: 'x', message: alerted.posted });
    expect((await responseAt(forged.responseUrl)).args.text).toBe(`Issue not found in ${other.organization.slug}.`);
    expect((await issueRow(alerted.issue.id)).status).toBe('unresolved');
    expect(slack.callsTo('chat.update').filter((call) => call.args.ts === alerted.posted.ts)).toEqual([]);
  });
});

describe('changes made in Vigil', () => {
  it('updateIssue over GraphQL updates the posted message (slack.update-issue-messages job)', async () => {
    const alerted = await alertedIssue();
    const { user: colleague } = await buildMember(server.app, alerted.organization, alerted.owner, MemberRole.MEMBER);
    await alerted.client.data('mutation($id: ID!, $userId: ID!) { updateIssue(id: $id, input: { status: RESOLVED, assignee: { userId: $userId } }) { id } }', {
      id: String(alerted.issue.id),
      userId: String(colleague.id),
    });
    const update = await updateShowing(alerted.posted.ts, '*Status*\\nResolved');
    expect(fieldsOf(update)).toContain(`*Assignee*\\n${colleague.email}`);
    // A bookmark is personal: the message does not change for it.
    const updates = slack.callsTo('chat.update').filter((call) => call.args.ts === alerted.posted.ts).length;
    await alerted.client.data('mutation($id: ID!) { updateIssue(id: $id, input: { isBookmarked: true }) { id } }', { id: String(alerted.issue.id) });
    const readonlyToken = await tokenFor(server.app, alerted.owner, ['event:read', 'org:read', 'project:read']);
    await server.client({ token: readonlyToken }).errorCode('mutation($id: ID!) { updateIssue(id: $id, input: { status: IGNORED }) { id } }', { id: String(alerted.issue.id) });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(slack.callsTo('chat.update').filter((call) => call.args.ts === alerted.posted.ts)).toHaveLength(updates);
  });
});

describe('unfurls', () => {
  it('link_shared with Vigil issue URLs unfurls them for a linked member, and nothing for others', async () => {
    const alerted = await alertedIssue();
    const url = `${server.url}/organizations/${alerted.organization.slug}/issues/${alerted.shortId}/`;
    const foreign = await buildTenant(server.app);
    const { issue: foreignIssue } = await buildIssue(server.app, foreign.project);
    const foreignUrl = `${server.url}/organizations/${foreign.organization.slug}/issues/${formatShortId(foreign.project.slug, foreignIssue.shortIdNumber)}/`;
    const messageTs = '1700000100.000100';
    const response = await postToSlackEvents(
      server.url,
      linkSharedBody({ teamId: alerted.teamId, userId: alerted.ownerSlackId, channel: alerted.channel, messageTs, urls: [url, foreignUrl, 'https://example.com/x'] }),
      'application/json',
    );
    expect(response.status).toBe(200);
    const unfurl = await waitFor(() => slack.callsTo('chat.unfurl').find((call) => call.args.ts === messageTs), { what: 'chat.unfurl' });
    expect(unfurl.args.channel).toBe(alerted.channel);
    const unfurls = unfurl.args.unfurls as Record<string, { blocks: unknown[] }>;
    expect(Object.keys(unfurls)).toEqual([url]);
    expect(JSON.stringify(unfurls[url]!.blocks)).toContain(`${alerted.shortId}: TypeError: cart is empty`);

    const strangerTs = '1700000200.000200';
    await postToSlackEvents(
      server.url,
      linkSharedBody({ teamId: alerted.teamId, userId: slackId('U'), channel: alerted.channel, messageTs: strangerTs, urls: [url] }),
      'application/json',
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.callsTo('chat.unfurl').filter((call) => call.args.ts === strangerTs)).toEqual([]);
  });
});

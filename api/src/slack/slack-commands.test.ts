import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, sessionCookieFor, TEST_PASSWORD, tokenFor } from '../../../test/support/factories.js';
import {
  postToSlackEvents,
  runSlashCommand,
  SLACK_TEST_ENV,
  slackId,
  slashCommandBody,
  startFakeSlack,
  type FakeSlack,
} from '../../../test/support/fake-slack.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { Activity } from '../issues/activity.entity.js';
import { Issue } from '../issues/issue.entity.js';
import { formatShortId } from '../issues/short-id.js';
import { setPassword } from '../users/user.service.js';
import { createLinkToken } from './slack-link.service.js';

let slack: FakeSlack;
let server: TestServer;
beforeAll(async () => {
  slack = await startFakeSlack();
  server = await startTestServer({ env: { ...SLACK_TEST_ENV, SLACK_API_URL: slack.apiUrl } });
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
});

/** A tenant whose organization an admin connected to a fresh Slack workspace, with its owner linked by verified email. */
async function connectedTenant() {
  const tenant = await buildTenant(server.app);
  const teamId = slackId('T');
  const ownerSlackId = slackId('U');
  const client = server.client({ token: tenant.token });
  await client.data('mutation($org: String!, $team: String!) { connectSlackWorkspace(organizationSlug: $org, teamId: $team) { teamId } }', {
    org: tenant.organization.slug,
    team: teamId,
  });
  slack.addUser({ id: ownerSlackId, teamId, name: 'owner', email: tenant.owner.email });
  const command = (text: string, userId = ownerSlackId) => runSlashCommand(server.url, slack, { teamId, userId, text });
  return { ...tenant, teamId, ownerSlackId, client, command };
}

const issueRow = (id: number) => server.app.db.getRepository(Issue).findOneByOrFail({ id });

describe('POST /slack/events: signatures', () => {
  // Runs first, while the test database holds a single organization.
  it('maps a workspace to the only organization automatically, and no other workspace once there are several', async () => {
    const organizations = (await server.app.db.query('SELECT count(*)::int AS count FROM organization')) as { count: number }[];
    expect(organizations[0]?.count).toBe(0);
    const tenant = await buildTenant(server.app);
    const { issue } = await buildIssue(server.app, tenant.project);
    const teamId = slackId('T');
    const userId = slackId('U');
    slack.addUser({ id: userId, teamId, name: 'solo', email: tenant.owner.email });
    const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
    const { answer } = await runSlashCommand(server.url, slack, { teamId, userId, text: `issue ${shortId}` });
    expect(answer.text).toContain(shortId);
    const status = await server.client({ token: tenant.token }).data<{ organization: { slack: { teamId: string; linkedBy: string; configured: boolean; requestUrl: string } } }>(
      'query($org: String!) { organization(slug: $org) { slack { teamId linkedBy configured requestUrl } } }',
      { org: tenant.organization.slug },
    );
    expect(status.organization.slack).toEqual({ teamId, linkedBy: 'single-organization', configured: true, requestUrl: `${server.url}/slack/events` });

    await buildTenant(server.app);
    const other = await runSlashCommand(server.url, slack, { teamId: slackId('T'), userId, text: `issue ${shortId}` });
    expect(other.answer.text).toMatch(/not connected to a Vigil organization yet/);
  });

  it('answers url_verification with the challenge', async () => {
    const response = await postToSlackEvents(server.url, JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' }), 'application/json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it('refuses bad signatures and timestamps older than five minutes with 401, changing nothing', async () => {
    const tenant = await connectedTenant();
    const { issue } = await buildIssue(server.app, tenant.project);
    const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
    const before = slack.calls.length;
    const body = () => slashCommandBody({ teamId: tenant.teamId, userId: tenant.ownerSlackId, text: `resolve ${shortId}`, responseUrl: slack.responseUrl() });
    const wrongSecret = await postToSlackEvents(server.url, body(), 'application/x-www-form-urlencoded', { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ detail: 'signature mismatch' });
    const stale = await postToSlackEvents(server.url, body(), 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { detail: string }).detail).toMatch(/stale/);
    const unsigned = await fetch(`${server.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body() });
    expect(unsigned.status).toBe(401);
    // The body was signed, then changed on the way.
    const tampered = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': 'v0=' + '0'.repeat(64), 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
      body: body(),
    });
    expect(tampered.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await issueRow(issue.id)).status).toBe('unresolved');
    expect(slack.calls.slice(before)).toEqual([]);
  });
});

describe('/vigil', () => {
  it('acknowledges at once with an empty 200 and answers help on the response_url, visible to the caller only', async () => {
    const tenant = await connectedTenant();
    const { ack, answer } = await tenant.command('help');
    expect(ack).toEqual({ status: 200, body: '' });
    expect(answer.response_type).toBe('ephemeral');
    for (const verb of ['issue', 'resolve', 'ignore', 'assign', 'search', 'link', 'unlink']) expect(answer.text).toContain(`/vigil ${verb}`);
    expect((await tenant.command('frobnicate')).answer.text).toMatch(/^I don't know `frobnicate`/);
  });

  it('issue WEB-12 shows the issue with its controls; resolve and ignore act as the linked member and record activity', async () => {
    const tenant = await connectedTenant();
    const { issue } = await buildIssue(server.app, tenant.project, { events: [{ value: 'boom', environment: 'production', release: 'web@2.0.0', user: { id: 'u1' } }] });
    const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
    const shown = (await tenant.command(`issue ${shortId.toLowerCase()}`)).answer;
    expect(shown.response_type).toBe('ephemeral');
    const text = JSON.stringify(shown.blocks);
    expect(text).toContain(`${shortId}: TypeError: boom`);
    expect(text).toContain('production');
    expect(text).toContain('web@2.0.0');
    expect(text).toContain('vigil_resolve');

    expect((await tenant.command(`resolve ${shortId}`)).answer.text).toBe(`${shortId} is now resolved.`);
    expect((await issueRow(issue.id)).status).toBe('resolved');
    expect((await tenant.command(`ignore ${shortId}`)).answer.text).toBe(`${shortId} is now ignored.`);
    expect((await issueRow(issue.id)).status).toBe('ignored');
    const activity = await server.app.db.getRepository(Activity).find({ where: { issueId: issue.id }, order: { id: 'ASC' } });
    expect(activity.filter((a) => a.userId === tenant.owner.id).map((a) => a.type)).toEqual(['set_resolved', 'set_ignored']);
  });

  it('assign WEB-12 me / @someone assigns members; unknown people and issues get clear sentences', async () => {
    const tenant = await connectedTenant();
    const { issue } = await buildIssue(server.app, tenant.project);
    const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
    const { user: colleague } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
    const colleagueSlackId = slackId('U');
    slack.addUser({ id: colleagueSlackId, teamId: tenant.teamId, name: 'colleague', email: colleague.email });

    expect((await tenant.command(`assign ${shortId} me`)).answer.text).toBe(`${shortId} is now assigned to you.`);
    expect((await issueRow(issue.id)).assigneeUserId).toBe(tenant.owner.id);
    // Slack escapes a mention as <@U…|name>; the colleague is linked by their verified email.
    expect((await tenant.command(`assign ${shortId} <@${colleagueSlackId}|colleague>`)).answer.text).toBe(`${shortId} is now assigned to ${colleague.email}.`);
    expect((await issueRow(issue.id)).assigneeUserId).toBe(colleague.id);
    expect((await tenant.command(`assign ${shortId} @${colleague.email}`)).answer.text).toBe(`${shortId} is now assigned to ${colleague.email}.`);
    expect((await tenant.command(`assign ${shortId} @nobody-here`)).answer.text).toBe(`No member of ${tenant.organization.slug} is called @nobody-here.`);
    const stranger = slackId('U');
    expect((await tenant.command(`assign ${shortId} <@${stranger}>`)).answer.text).toMatch(/has no linked Vigil account/);

    expect((await tenant.command('resolve NOPE-1')).answer.text).toBe(`There is no issue NOPE-1 in ${tenant.organization.slug}.`);
    // Another organization's issue is as unknown as one that does not exist.
    const other = await buildTenant(server.app);
    const { issue: foreign } = await buildIssue(server.app, other.project);
    const foreignId = formatShortId(other.project.slug, foreign.shortIdNumber);
    expect((await tenant.command(`resolve ${foreignId}`)).answer.text).toBe(`There is no issue ${foreignId} in ${tenant.organization.slug}.`);
    expect((await issueRow(foreign.id)).status).toBe('unresolved');
  });

  it('search <query> lists the top 5 with links, in the search language; a bad query says what is wrong', async () => {
    const tenant = await connectedTenant();
    const built = [];
    for (let i = 0; i < 6; i++) built.push((await buildIssue(server.app, tenant.project, { events: [{ value: `search-me ${i}`, level: 'error' }] })).issue);
    await buildIssue(server.app, tenant.project, { events: [{ value: 'a warning', level: 'warning' }] });
    const { answer } = await tenant.command('search is:unresolved level:error');
    const lines = answer.text.split('\n').filter((line) => line.startsWith('• '));
    expect(lines).toHaveLength(5);
    expect(answer.text).toContain(`${server.url}/organizations/${tenant.organization.slug}/issues/`);
    expect(answer.text).not.toContain('a warning');
    expect((await tenant.command('search level:nonsense-level')).answer.text).toMatch(/level/);
    expect((await tenant.command('search is:')).answer.text).not.toMatch(/^Top/);
    expect((await tenant.command('search "never matches anything at all"')).answer.text).toMatch(/^No issues in/);
  });

  it('a readonly member may look but not resolve', async () => {
    const tenant = await connectedTenant();
    const { issue } = await buildIssue(server.app, tenant.project);
    const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
    const { user: reader } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.READONLY);
    const readerSlackId = slackId('U');
    slack.addUser({ id: readerSlackId, teamId: tenant.teamId, name: 'reader', email: reader.email });
    expect((await tenant.command(`issue ${shortId}`, readerSlackId)).answer.blocks).toBeDefined();
    const { answer } = await tenant.command(`resolve ${shortId}`, readerSlackId);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toBe(`You don't have permission to do that in ${tenant.organization.slug}: Your role (readonly) does not allow this (needs event:write).`);
    expect((await issueRow(issue.id)).status).toBe('unresolved');
  });

  it('an unlinked Slack user is told how to link; /vigil link links them through the dashboard, /vigil unlink undoes it', async () => {
    const tenant = await connectedTenant();
    const { issue } = await buildIssue(server.app, tenant.project);
    const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
    const { user } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
    await setPassword(server.app.db, user, TEST_PASSWORD);
    // Slack knows them under another email than Vigil does, so nothing links them on its own.
    const slackUser = slackId('U');
    slack.addUser({ id: slackUser, teamId: tenant.teamId, name: 'newcomer', email: 'other-address@example.org' });
    const refused = (await tenant.command(`resolve ${shortId}`, slackUser)).answer;
    expect(refused.text).toMatch(/^Your Slack account is not linked to a member of .* Type `\/vigil link` to link it/);

    const linked = (await tenant.command('link', slackUser)).answer;
    expect(linked.response_type).toBe('ephemeral');
    const url = /<(http[^|>]+)\|/.exec(linked.text)?.[1];
    expect(url).toMatch(new RegExp(`^${server.url}/slack/link\\?token=`));
    const token = new URL(url!).searchParams.get('token')!;
    // The link opens the dashboard (the SPA, which then asks GraphQL to link while signed in).
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const session = server.client({ cookie: await sessionCookieFor(server.app, user) });
    const LINK = 'mutation($token: String!) { linkSlackIdentity(token: $token) { id teamId slackUserId slackName linkedBy } }';
    expect(await server.client().errorCode(LINK, { token })).toBe('UNAUTHENTICATED');
    expect(await session.errorCode(LINK, { token: `${token.split('.')[0]}.forged` })).toBe('BAD_USER_INPUT');
    const { linkSlackIdentity } = await session.data<{ linkSlackIdentity: { id: string } }>(LINK, { token });
    expect(linkSlackIdentity).toMatchObject({ teamId: tenant.teamId, slackUserId: slackUser, linkedBy: 'link' });
    const { viewer } = await session.data<{ viewer: { slackIdentities: { id: string; slackUserId: string }[] } }>('{ viewer { slackIdentities { id slackUserId } } }');
    expect(viewer.slackIdentities.map((i) => i.slackUserId)).toEqual([slackUser]);

    expect((await tenant.command(`resolve ${shortId}`, slackUser)).answer.text).toBe(`${shortId} is now resolved.`);
    const resolvedBy = await server.app.db.getRepository(Activity).findOneByOrFail({ issueId: issue.id, type: 'set_resolved' });
    expect(resolvedBy.userId).toBe(user.id);

    expect((await tenant.command('unlink', slackUser)).answer.text).toBe('Your Slack account is no longer linked to Vigil.');
    expect((await tenant.command(`ignore ${shortId}`, slackUser)).answer.text).toMatch(/is not linked/);
    expect((await issueRow(issue.id)).status).toBe('resolved');
  });

  it('an expired link is refused', async () => {
    const tenant = await connectedTenant();
    const sixteenMinutesAgo = Date.now() - 16 * 60 * 1000;
    const token = await createLinkToken(server.app.config, { teamId: tenant.teamId, slackUserId: slackId('U'), slackName: 'late' }, sixteenMinutesAgo);
    await setPassword(server.app.db, tenant.owner, TEST_PASSWORD);
    const session = server.client({ cookie: await sessionCookieFor(server.app, tenant.owner) });
    const result = await session.request('mutation($token: String!) { linkSlackIdentity(token: $token) { id } }', { token });
    expect(result.errors?.[0]?.message).toBe('This Slack link has expired: run /vigil link in Slack again');
  });
});

describe('workspace connection', () => {
  it('only admins connect a workspace; a workspace serves one organization; bad team ids are refused', async () => {
    const tenant = await connectedTenant();
    const { user: member } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
    const CONNECT = 'mutation($org: String!, $team: String!) { connectSlackWorkspace(organizationSlug: $org, teamId: $team) { teamId linkedBy } }';
    expect(await server.client({ token: await tokenFor(server.app, member) }).errorCode(CONNECT, { org: tenant.organization.slug, team: slackId('T') })).toBe('FORBIDDEN');
    expect(await tenant.client.errorCode(CONNECT, { org: tenant.organization.slug, team: 'not a team' })).toBe('BAD_USER_INPUT');
    const other = await buildTenant(server.app);
    expect(await server.client({ token: other.token }).errorCode(CONNECT, { org: other.organization.slug, team: tenant.teamId })).toBe('CONFLICT');
    const { disconnectSlackWorkspace } = await tenant.client.data<{ disconnectSlackWorkspace: { teamId: string | null } }>(
      'mutation($org: String!) { disconnectSlackWorkspace(organizationSlug: $org) { teamId } }',
      { org: tenant.organization.slug },
    );
    expect(disconnectSlackWorkspace.teamId).toBeNull();
    expect((await tenant.command('search is:unresolved')).answer.text).toMatch(/not connected/);
  });
});

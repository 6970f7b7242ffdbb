import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildMember, buildProject, buildTenant, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildAttachment, buildIssue, buildRelease } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { EventAttachment } from '../events/event-attachment.entity.js';
import { EventRow } from '../events/event.entity.js';
import { addTeamMember, createTeam } from '../teams/team.service.js';
import { IssueSubscription } from './issue-subscription.entity.js';
import { Issue } from './issue.entity.js';

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let owner: GraphQLTestClient;
let member: { client: GraphQLTestClient; id: number; email: string };
let readonly: GraphQLTestClient;
beforeAll(async () => {
  server = await startTestServer();
  tenant = await buildTenant(server.app);
  owner = server.client({ token: tenant.token });
  const m = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
  member = { client: server.client({ token: await tokenFor(server.app, m.user) }), id: m.user.id, email: m.user.email };
  const r = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.READONLY);
  readonly = server.client({ token: await tokenFor(server.app, r.user) });
});
afterAll(async () => server?.close());

const UPDATE = `mutation($id: ID!, $input: UpdateIssueInput!) { updateIssue(id: $id, input: $input) {
  id status substatus resolution resolvedAt ignoreUntil ignoreUntilTimesSeen count isBookmarked isSubscribed
  resolvedInRelease { version } assignee { __typename ... on User { id email } ... on Team { slug } }
  activity(first: 20) { totalCount nodes { type data user { email } } } } }`;

interface Updated {
  id: string;
  status: string;
  substatus: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  ignoreUntil: string | null;
  ignoreUntilTimesSeen: number | null;
  count: number;
  isBookmarked: boolean;
  isSubscribed: boolean;
  resolvedInRelease: { version: string } | null;
  assignee: { __typename: string; id?: string; email?: string; slug?: string } | null;
  activity: { totalCount: number; nodes: { type: string; data: Record<string, unknown>; user: { email: string } | null }[] };
}

async function update(id: number, input: Record<string, unknown>, client = owner): Promise<Updated> {
  return (await client.data<{ updateIssue: Updated }>(UPDATE, { id: String(id), input })).updateIssue;
}

const newIssue = async (project = tenant.project, events = 1) =>
  (await buildIssue(server.app, project, { events: Array.from({ length: events }, () => ({})) })).issue;

describe('updateIssue: status', () => {
  it('RESOLVED: resolution now, resolved_at; a second resolve changes nothing', async () => {
    const issue = await newIssue();
    const before = Date.now();
    const resolved = await update(issue.id, { status: 'RESOLVED' });
    expect(resolved).toMatchObject({ status: 'RESOLVED', substatus: null, resolution: 'NOW', resolvedInRelease: null });
    expect(new Date(resolved.resolvedAt!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(resolved.activity.nodes).toEqual([{ type: 'SET_RESOLVED', data: {}, user: { email: tenant.owner.email } }]);
    expect((await update(issue.id, { status: 'RESOLVED' })).activity.totalCount).toBe(1);
  });

  it("RESOLVED_IN_NEXT_RELEASE: remembers the project's most recently created release", async () => {
    const project = await buildProject(server.app, tenant.organization, tenant.owner);
    const issue = await newIssue(project);
    const older = unique('web@1');
    const newer = unique('web@2');
    await buildRelease(server.app, project, older);
    await buildRelease(server.app, project, newer);
    // Created last, but for another project: not this issue's "current" release.
    await buildRelease(server.app, await buildProject(server.app, tenant.organization, tenant.owner), unique('api@9'));
    const resolved = await update(issue.id, { status: 'RESOLVED_IN_NEXT_RELEASE' });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolution: 'IN_NEXT_RELEASE', resolvedInRelease: { version: newer } });
    expect(resolved.activity.nodes[0]).toMatchObject({ type: 'SET_RESOLVED_IN_NEXT_RELEASE', data: { version: newer } });
  });

  it('RESOLVED_IN_NEXT_RELEASE without any release resolves now', async () => {
    const project = await buildProject(server.app, tenant.organization, tenant.owner);
    const resolved = await update((await newIssue(project)).id, { status: 'RESOLVED_IN_NEXT_RELEASE' });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolution: 'NOW', resolvedInRelease: null });
    expect(resolved.activity.nodes[0]?.type).toBe('SET_RESOLVED');
  });

  it('UNRESOLVED clears the resolution; the issue becomes ongoing', async () => {
    const issue = await newIssue();
    await update(issue.id, { status: 'RESOLVED' });
    const reopened = await update(issue.id, { status: 'UNRESOLVED' });
    expect(reopened).toMatchObject({ status: 'UNRESOLVED', substatus: 'ONGOING', resolution: null, resolvedAt: null, resolvedInRelease: null });
    expect(reopened.activity.nodes.map((a) => a.type)).toEqual(['SET_UNRESOLVED', 'SET_RESOLVED']);
  });

  it('IGNORED forever, until N more events, or for a number of minutes', async () => {
    const issue = await newIssue(tenant.project, 3);
    const forever = await update(issue.id, { status: 'IGNORED' });
    expect(forever).toMatchObject({ status: 'IGNORED', substatus: null, ignoreUntil: null, ignoreUntilTimesSeen: null });
    expect(forever.activity.nodes[0]).toEqual({ type: 'SET_IGNORED', data: {}, user: { email: tenant.owner.email } });

    const byCount = await update(issue.id, { status: 'IGNORED', ignore: { untilCount: 10 } });
    expect(byCount).toMatchObject({ count: 3, ignoreUntilTimesSeen: 13, ignoreUntil: null });
    expect(byCount.activity.nodes[0]?.data).toEqual({ ignoreCount: 10 });

    const before = Date.now();
    const byTime = await update(issue.id, { status: 'IGNORED', ignore: { forMinutes: 30 } });
    const until = new Date(byTime.ignoreUntil!).getTime();
    expect(until).toBeGreaterThanOrEqual(before + 30 * 60_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 1000);
    expect(byTime.ignoreUntilTimesSeen).toBeNull();
    expect(byTime.activity.nodes[0]?.data).toEqual({ ignoreDuration: 30, ignoreUntil: byTime.ignoreUntil });

    const resolved = await update(issue.id, { status: 'RESOLVED' });
    expect(resolved).toMatchObject({ ignoreUntil: null, ignoreUntilTimesSeen: null });
  });

  it.each([
    ['ignore without status IGNORED', { status: 'RESOLVED', ignore: { forMinutes: 5 } }],
    ['two ignore conditions', { status: 'IGNORED', ignore: { forMinutes: 5, untilCount: 3 } }],
    ['a zero count', { status: 'IGNORED', ignore: { untilCount: 0 } }],
    ['negative minutes', { status: 'IGNORED', ignore: { forMinutes: -1 } }],
    ['both a user and a team', { assignee: { userId: '1', teamSlug: 'x' } }],
    ['an empty assignee', { assignee: {} }],
  ])('%s is BAD_USER_INPUT and changes nothing', async (_name, input) => {
    const issue = await newIssue();
    expect(await owner.errorCode(UPDATE, { id: String(issue.id), input })).toBe('BAD_USER_INPUT');
    expect(await server.app.db.getRepository(Issue).findOneByOrFail({ id: issue.id })).toMatchObject({ status: 'unresolved', assigneeUserId: null });
  });
});

describe('updateIssue: assignment', () => {
  it('to a member: they are subscribed; the activity names them', async () => {
    const issue = await newIssue();
    const assigned = await update(issue.id, { assignee: { userId: String(member.id) } });
    expect(assigned.assignee).toEqual({ __typename: 'User', id: String(member.id), email: member.email });
    expect(assigned.activity.nodes[0]).toEqual({
      type: 'ASSIGNED',
      data: { assignee: String(member.id), assigneeType: 'user', assigneeEmail: member.email },
      user: { email: tenant.owner.email },
    });
    expect(await server.app.db.getRepository(IssueSubscription).findOneBy({ issueId: issue.id, userId: member.id })).toMatchObject({
      isActive: true,
      reason: 'assigned',
    });
    // The same assignee again is no change.
    expect((await update(issue.id, { assignee: { userId: String(member.id) } })).activity.totalCount).toBe(1);
  });

  it('to a team of the organization: its members are subscribed', async () => {
    const access = await accessFor(server.app, tenant.owner, tenant.organization);
    const team = await createTeam(server.app.db, access, { name: unique('team') });
    const teammate = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
    await addTeamMember(server.app.db, team, teammate.member);
    const issue = await newIssue();
    const assigned = await update(issue.id, { assignee: { teamSlug: team.slug } });
    expect(assigned.assignee).toEqual({ __typename: 'Team', slug: team.slug });
    expect(assigned.activity.nodes[0]?.data).toEqual({ assignee: String(team.id), assigneeType: 'team', teamSlug: team.slug });
    expect(await server.app.db.getRepository(IssueSubscription).countBy({ issueId: issue.id, userId: teammate.user.id, isActive: true })).toBe(1);
  });

  it('null unassigns', async () => {
    const issue = await newIssue();
    await update(issue.id, { assignee: { userId: String(tenant.owner.id) } });
    const unassigned = await update(issue.id, { assignee: null });
    expect(unassigned.assignee).toBeNull();
    expect(unassigned.activity.nodes.map((a) => a.type)).toEqual(['UNASSIGNED', 'ASSIGNED']);
    // Leaving assignee out leaves it alone.
    await update(issue.id, { assignee: { userId: String(tenant.owner.id) } });
    expect((await update(issue.id, { isBookmarked: false })).assignee?.email).toBe(tenant.owner.email);
  });

  it('someone outside the organization, or another organization\'s team, is NOT_FOUND', async () => {
    const other = await buildTenant(server.app);
    const theirTeam = await createTeam(server.app.db, await accessFor(server.app, other.owner, other.organization), { name: unique('team') });
    const issue = await newIssue();
    const tryAssign = (assignee: Record<string, string>) => owner.request(UPDATE, { id: String(issue.id), input: { assignee } });
    const outsider = await tryAssign({ userId: String(other.owner.id) });
    expect(outsider.errors?.[0]).toMatchObject({ message: 'User not found', extensions: { code: 'NOT_FOUND' } });
    expect(await tryAssign({ userId: '2147483000' })).toEqual(outsider);
    const team = await tryAssign({ teamSlug: theirTeam.slug });
    expect(team.errors?.[0]).toMatchObject({ message: 'Team not found', extensions: { code: 'NOT_FOUND' } });
    expect(await tryAssign({ teamSlug: unique('nope') })).toEqual(team);
  });
});

describe('updateIssue: bookmarks and subscriptions are per person', () => {
  const STATE = 'query($org: String!, $id: String!) { organization(slug: $org) { issue(shortId: $id) { isBookmarked isSubscribed } } }';
  const state = async (client: GraphQLTestClient, id: number) =>
    (await client.data<{ organization: { issue: { isBookmarked: boolean; isSubscribed: boolean } } }>(STATE, { org: tenant.organization.slug, id: String(id) })).organization.issue;

  it('bookmark and unbookmark, with activity', async () => {
    const issue = await newIssue();
    expect((await update(issue.id, { isBookmarked: true })).isBookmarked).toBe(true);
    expect(await state(member.client, issue.id)).toEqual({ isBookmarked: false, isSubscribed: false });
    const removed = await update(issue.id, { isBookmarked: false });
    expect(removed.isBookmarked).toBe(false);
    expect(removed.activity.nodes.map((a) => a.type)).toEqual(['UNBOOKMARKED', 'BOOKMARKED']);
    expect((await update(issue.id, { isBookmarked: false })).activity.totalCount).toBe(2);
  });

  it('subscribe and unsubscribe', async () => {
    const issue = await newIssue();
    expect((await update(issue.id, { isSubscribed: true }, member.client)).isSubscribed).toBe(true);
    expect(await state(owner, issue.id)).toEqual({ isBookmarked: false, isSubscribed: false });
    expect((await update(issue.id, { isSubscribed: false }, member.client)).isSubscribed).toBe(false);
    expect(await server.app.db.getRepository(IssueSubscription).findOneBy({ issueId: issue.id, userId: member.id })).toMatchObject({ isActive: false });
  });
});

describe('permissions and isolation', () => {
  const DELETE = 'mutation($id: ID!) { deleteIssue(id: $id) }';
  const BULK = 'mutation($org: String!, $ids: [ID!], $query: String, $projects: [ID!], $input: UpdateIssueInput!) { bulkUpdateIssues(organizationSlug: $org, ids: $ids, query: $query, projects: $projects, input: $input) }';
  const BULK_DELETE = 'mutation($org: String!, $ids: [ID!], $query: String) { bulkDeleteIssues(organizationSlug: $org, ids: $ids, query: $query) }';

  it('a readonly member is FORBIDDEN to triage; a member may triage but not delete', async () => {
    const issue = await newIssue();
    const org = tenant.organization.slug;
    expect(await readonly.errorCode(UPDATE, { id: String(issue.id), input: { status: 'RESOLVED' } })).toBe('FORBIDDEN');
    expect(await readonly.errorCode(UPDATE, { id: String(issue.id), input: { isBookmarked: true } })).toBe('FORBIDDEN');
    expect(await readonly.errorCode(BULK, { org, ids: [String(issue.id)], input: { status: 'RESOLVED' } })).toBe('FORBIDDEN');
    expect(await readonly.errorCode(DELETE, { id: String(issue.id) })).toBe('FORBIDDEN');
    expect(await member.client.errorCode(DELETE, { id: String(issue.id) })).toBe('FORBIDDEN');
    expect(await member.client.errorCode(BULK_DELETE, { org, ids: [String(issue.id)] })).toBe('FORBIDDEN');
    expect((await update(issue.id, { status: 'RESOLVED' }, member.client)).status).toBe('RESOLVED');
  });

  it("another organization's issue is NOT_FOUND, exactly like a missing one, and stays untouched", async () => {
    const issue = await newIssue();
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    const theirs = await outsider.request(UPDATE, { id: String(issue.id), input: { status: 'RESOLVED' } });
    expect(theirs.errors?.[0]).toMatchObject({ message: 'Issue not found', extensions: { code: 'NOT_FOUND' } });
    expect(await outsider.request(UPDATE, { id: '2147483000', input: { status: 'RESOLVED' } })).toEqual(theirs);
    expect((await outsider.request(DELETE, { id: String(issue.id) })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await server.app.db.getRepository(Issue).findOneByOrFail({ id: issue.id })).toMatchObject({ status: 'unresolved' });
  });

  it('bulkUpdateIssues by ids: only issues of the organization count', async () => {
    const [a, b] = [await newIssue(), await newIssue()];
    const foreign = (await buildIssue(server.app, (await buildTenant(server.app)).project)).issue;
    const count = await owner.data<{ bulkUpdateIssues: number }>(BULK, {
      org: tenant.organization.slug,
      ids: [a.id, b.id, foreign.id, 2147483000].map(String),
      input: { status: 'IGNORED', isBookmarked: true },
    });
    expect(count.bulkUpdateIssues).toBe(2);
    const rows = await server.app.db.getRepository(Issue).findBy([{ id: a.id }, { id: b.id }, { id: foreign.id }]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [a.id]: 'ignored', [b.id]: 'ignored', [foreign.id]: 'unresolved' });
  });

  it('bulkUpdateIssues by query, limited to projects', async () => {
    const project = await buildProject(server.app, tenant.organization, tenant.owner);
    const marker = unique('bulk').replace('-', '');
    const inside = await buildIssue(server.app, project, { events: [{ functionName: marker }, { functionName: marker }] });
    await buildIssue(server.app, project, { events: [{ functionName: `${marker}x` }] });
    await buildIssue(server.app, tenant.project, { events: [{ functionName: marker }] });
    const result = await owner.data<{ bulkUpdateIssues: number }>(BULK, {
      org: tenant.organization.slug,
      query: `${marker} times-seen:2`,
      projects: [String(project.id)],
      input: { assignee: { userId: String(member.id) } },
    });
    expect(result.bulkUpdateIssues).toBe(1);
    expect(await server.app.db.getRepository(Issue).findOneByOrFail({ id: inside.issue.id })).toMatchObject({ assigneeUserId: member.id });
  });

  it.each([
    ['neither ids nor query', {}],
    ['both ids and query', { ids: ['1'], query: 'is:unresolved' }],
    ['more than 1000 ids', { ids: Array.from({ length: 1001 }, (_, i) => String(i + 1)) }],
    ['a malformed query', { query: 'is:' }],
  ])('bulkUpdateIssues with %s is BAD_USER_INPUT', async (_name, target) => {
    expect(await owner.errorCode(BULK, { org: tenant.organization.slug, input: { status: 'RESOLVED' }, ...target })).toBe('BAD_USER_INPUT');
  });
});

describe('deleting issues', () => {
  it('removes the issue, its events and their attachments', async () => {
    const { issue, events } = await buildIssue(server.app, tenant.project, { events: [{}, {}] });
    await buildAttachment(server.app, events[0]!);
    expect((await owner.data<{ deleteIssue: boolean }>('mutation($id: ID!) { deleteIssue(id: $id) }', { id: String(issue.id) })).deleteIssue).toBe(true);
    expect(await server.app.db.getRepository(Issue).countBy({ id: issue.id })).toBe(0);
    expect(await server.app.db.getRepository(EventRow).countBy({ issueId: issue.id })).toBe(0);
    expect(await server.app.db.getRepository(EventAttachment).countBy({ eventId: events[0]!.eventId })).toBe(0);
    expect(await owner.errorCode('query($org: String!, $id: String!) { organization(slug: $org) { issue(shortId: $id) { id } } }', {
      org: tenant.organization.slug,
      id: String(issue.id),
    })).toBe('NOT_FOUND');
  });

  it('bulkDeleteIssues by query', async () => {
    const marker = unique('gone').replace('-', '');
    const doomed = [await buildIssue(server.app, tenant.project, { events: [{ functionName: marker }] }), await buildIssue(server.app, tenant.project, { events: [{ functionName: marker }] })];
    const kept = await newIssue();
    const result = await owner.data<{ bulkDeleteIssues: number }>('mutation($org: String!, $query: String) { bulkDeleteIssues(organizationSlug: $org, query: $query) }', {
      org: tenant.organization.slug,
      query: marker,
    });
    expect(result.bulkDeleteIssues).toBe(2);
    expect(await server.app.db.getRepository(Issue).countBy(doomed.map((d) => ({ id: d.issue.id })))).toBe(0);
    expect(await server.app.db.getRepository(Issue).countBy({ id: kept.id })).toBe(1);
  });
});

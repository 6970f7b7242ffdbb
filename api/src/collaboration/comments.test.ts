import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildMember, buildTenant, buildUser, tokenFor, unique } from '../../../test/support/factories.js';
import { buildIssue, triage } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { IssueSubscription } from '../issues/issue-subscription.entity.js';
import { IssueStatusChange } from '../issues/issue-triage.types.js';
import { addTeamMember, createTeam } from '../teams/team.service.js';
import { User } from '../users/user.entity.js';
import { createdComment } from './comment-created.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const ADD = `mutation($issueId: ID!, $text: String!) {
  addComment(issueId: $issueId, text: $text) { id type data user { email } mentions { user { email } team { slug } } }
}`;
const UPDATE = 'mutation($id: ID!, $text: String!) { updateComment(id: $id, text: $text) { id data mentions { user { email } } } }';
const DELETE = 'mutation($id: ID!) { deleteComment(id: $id) }';
const SUBSCRIPTION = 'query($org: String!, $shortId: String!) { organization(slug: $org) { issue(shortId: $shortId) { subscription { isSubscribed reason } } } }';
const MENTIONS = '{ viewer { mentions(first: 10) { totalCount nodes { team { slug } issue { id shortId } activity { id data user { email } } } } } }';

type Added = { addComment: { id: string; type: string; data: { text: string }; user: { email: string }; mentions: { user: { email: string }; team: { slug: string } | null }[] } };

/** An organization with an owner, two members (ann has a name), a team with bob and carol, and an issue. */
async function workspace() {
  const tenant = await buildTenant(server.app);
  const member = async () => (await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER));
  const [ann, bob, carol] = [await member(), await member(), await member()];
  await server.app.db.getRepository(User).update(ann.user.id, { name: 'Ann Lee' });
  const access = await accessFor(server.app, tenant.owner, tenant.organization);
  const team = await createTeam(server.app.db, access, { name: unique('Ops') });
  await addTeamMember(server.app.db, team, bob.member);
  await addTeamMember(server.app.db, team, carol.member);
  const { issue } = await buildIssue(server.app, tenant.project);
  const shortId = `${tenant.project.slug.toUpperCase()}-${issue.shortIdNumber}`;
  const client = async (user: User) => server.client({ token: await tokenFor(server.app, user) });
  return { ...tenant, ann: ann.user, bob: bob.user, carol: carol.user, team, issue, shortId, client };
}

describe('addComment', () => {
  it('stores a NOTE with its mentions: @email, @name and #team resolve; unknown handles stay text', async () => {
    const w = await workspace();
    const outsider = await buildUser(server.app);
    const text = `Seen again. @${w.ann.email.toUpperCase()} can you look? cc @AnnLee #${w.team.slug} @${outsider.email} @nobody #no-team`;
    const owner = await w.client(w.owner);
    const { addComment } = await owner.data<Added>(ADD, { issueId: String(w.issue.id), text });

    expect(addComment).toMatchObject({ type: 'NOTE', data: { text }, user: { email: w.owner.email } });
    expect(addComment.mentions.map((m) => [m.user.email, m.team?.slug ?? null])).toEqual([
      [w.ann.email, null],
      [w.bob.email, w.team.slug],
      [w.carol.email, w.team.slug],
    ]);
    // The activity list shows it too.
    const { organization } = await owner.data<{ organization: { issue: { activity: { nodes: { type: string; data: { text?: string } }[] } } } }>(
      'query($org: String!, $shortId: String!) { organization(slug: $org) { issue(shortId: $shortId) { activity(first: 5) { nodes { type data } } } } }',
      { org: w.organization.slug, shortId: w.shortId },
    );
    expect(organization.issue.activity.nodes[0]).toEqual({ type: 'NOTE', data: { text } });

    // What other domains (webhooks, Slack) read about a new comment.
    expect(await createdComment(server.app.db, Number(addComment.id))).toMatchObject({
      issueId: w.issue.id,
      projectId: w.project.id,
      organizationId: w.organization.id,
      text,
      authorUserId: w.owner.id,
      mentions: [
        { userId: w.ann.id, teamId: null },
        { userId: w.bob.id, teamId: w.team.id },
        { userId: w.carol.id, teamId: w.team.id },
      ],
    });
  });

  it('subscribes the author (COMMENTED) and the mentioned (MENTIONED, TEAM_MENTIONED); Issue.subscription shows each one\'s reason', async () => {
    const w = await workspace();
    await (await w.client(w.ann)).data(ADD, { issueId: String(w.issue.id), text: `@${w.bob.email} and #${w.team.slug}` });
    const reasonOf = async (user: User) =>
      ((await (await w.client(user)).data<{ organization: { issue: { subscription: unknown } } }>(SUBSCRIPTION, { org: w.organization.slug, shortId: w.shortId }))
        .organization.issue.subscription);
    expect(await reasonOf(w.ann)).toEqual({ isSubscribed: true, reason: 'COMMENTED' });
    expect(await reasonOf(w.bob)).toEqual({ isSubscribed: true, reason: 'MENTIONED' });
    expect(await reasonOf(w.carol)).toEqual({ isSubscribed: true, reason: 'TEAM_MENTIONED' });
    expect(await reasonOf(w.owner)).toEqual({ isSubscribed: false, reason: null });
  });

  it('refuses empty, oversized and NUL text with BAD_USER_INPUT, READONLY members with FORBIDDEN, other organizations with NOT_FOUND', async () => {
    const w = await workspace();
    const owner = await w.client(w.owner);
    for (const text of ['   ', 'x'.repeat(10_001), 'a\u0000b']) expect(await owner.errorCode(ADD, { issueId: String(w.issue.id), text })).toBe('BAD_USER_INPUT');
    const readonly = (await buildMember(server.app, w.organization, w.owner, MemberRole.READONLY)).user;
    expect(await (await w.client(readonly)).errorCode(ADD, { issueId: String(w.issue.id), text: 'hi' })).toBe('FORBIDDEN');
    const stranger = await buildTenant(server.app);
    expect(await server.client({ token: stranger.token }).errorCode(ADD, { issueId: String(w.issue.id), text: 'hi' })).toBe('NOT_FOUND');
    expect(await server.app.db.query("SELECT count(*)::int AS n FROM activity WHERE issue_id = $1 AND type = 'note'", [w.issue.id])).toEqual([{ n: 0 }]);
  });
});

describe('updateComment and deleteComment', () => {
  it('the author edits (mentions follow the text) and deletes; others may not; an admin may', async () => {
    const w = await workspace();
    const ann = await w.client(w.ann);
    const { addComment } = await ann.data<Added>(ADD, { issueId: String(w.issue.id), text: `hi @${w.bob.email}` });

    const edited = await ann.data<{ updateComment: { data: { text: string; editedAt: string }; mentions: { user: { email: string } }[] } }>(UPDATE, {
      id: addComment.id,
      text: `hi @${w.carol.email}`,
    });
    expect(edited.updateComment.data.text).toBe(`hi @${w.carol.email}`);
    expect(edited.updateComment.data.editedAt).toEqual(expect.any(String));
    expect(edited.updateComment.mentions.map((m) => m.user.email)).toEqual([w.carol.email]);

    expect(await (await w.client(w.bob)).errorCode(UPDATE, { id: addComment.id, text: 'mine now' })).toBe('FORBIDDEN');
    expect(await (await w.client(w.bob)).errorCode(DELETE, { id: addComment.id })).toBe('FORBIDDEN');
    const stranger = await buildTenant(server.app);
    expect(await server.client({ token: stranger.token }).errorCode(DELETE, { id: addComment.id })).toBe('NOT_FOUND');

    const admin = (await buildMember(server.app, w.organization, w.owner, MemberRole.ADMIN)).user;
    expect(await (await w.client(admin)).data(DELETE, { id: addComment.id })).toEqual({ deleteComment: addComment.id });
    expect(await ann.errorCode(DELETE, { id: addComment.id })).toBe('NOT_FOUND');
  });

  it('only comments are comments: another activity id is NOT_FOUND', async () => {
    const w = await workspace();
    await triage(server.app, w.owner, w.organization, w.issue, { status: IssueStatusChange.RESOLVED });
    const [row] = (await server.app.db.query("SELECT id FROM activity WHERE issue_id = $1 AND type = 'set_resolved'", [w.issue.id])) as { id: number }[];
    expect(await (await w.client(w.owner)).errorCode(DELETE, { id: String(row!.id) })).toBe('NOT_FOUND');
    expect(await createdComment(server.app.db, row!.id)).toBeNull();
  });
});

describe('viewer.mentions', () => {
  it('lists the viewer\'s mentions newest first with the issue and comment, only in organizations they still belong to', async () => {
    const w = await workspace();
    const owner = await w.client(w.owner);
    const { issue: second } = await buildIssue(server.app, w.project);
    await owner.data(ADD, { issueId: String(w.issue.id), text: `first @${w.bob.email}` });
    await owner.data(ADD, { issueId: String(second.id), text: `second #${w.team.slug}` });

    type Mentions = { viewer: { mentions: { totalCount: number; nodes: { team: { slug: string } | null; issue: { id: string }; activity: { data: { text: string }; user: { email: string } } }[] } } };
    const bob = await w.client(w.bob);
    const { viewer } = await bob.data<Mentions>(MENTIONS);
    expect(viewer.mentions.totalCount).toBe(2);
    expect(viewer.mentions.nodes.map((m) => [m.issue.id, m.activity.data.text, m.team?.slug ?? null, m.activity.user.email])).toEqual([
      [String(second.id), `second #${w.team.slug}`, w.team.slug, w.owner.email],
      [String(w.issue.id), `first @${w.bob.email}`, null, w.owner.email],
    ]);
    expect((await (await w.client(w.ann)).data<Mentions>(MENTIONS)).viewer.mentions.totalCount).toBe(0);

    // Removed from the organization: its mentions are no longer theirs to read.
    await server.app.db.query('DELETE FROM organization_member WHERE organization_id = $1 AND user_id = $2', [w.organization.id, w.bob.id]);
    expect((await (await w.client(w.bob)).data<Mentions>(MENTIONS)).viewer.mentions.totalCount).toBe(0);
  });
});

describe('subscriptions and their reasons', () => {
  it('acting subscribes with that reason; an explicit unsubscribe sticks; subscribing by hand is EXPLICIT', async () => {
    const w = await workspace();
    const reason = async () =>
      server.app.db.getRepository(IssueSubscription).findOne({ where: { issueId: w.issue.id, userId: w.ann.id }, select: { isActive: true, reason: true } });
    await triage(server.app, w.ann, w.organization, w.issue, { isBookmarked: true });
    expect(await reason()).toEqual({ isActive: true, reason: 'bookmarked' });
    await triage(server.app, w.ann, w.organization, w.issue, { isSubscribed: false });
    // Later activity does not re-subscribe: not a status change, not an assignment, not a comment, not a mention.
    await triage(server.app, w.ann, w.organization, w.issue, { status: IssueStatusChange.RESOLVED });
    await triage(server.app, w.owner, w.organization, w.issue, { assignee: { userId: String(w.ann.id) } });
    await (await w.client(w.ann)).data(ADD, { issueId: String(w.issue.id), text: 'noted' });
    await (await w.client(w.owner)).data(ADD, { issueId: String(w.issue.id), text: `@${w.ann.email}` });
    expect(await reason()).toEqual({ isActive: false, reason: 'bookmarked' });

    await triage(server.app, w.ann, w.organization, w.issue, { isSubscribed: true });
    expect(await reason()).toEqual({ isActive: true, reason: 'explicit' });

    const { issue: other } = await buildIssue(server.app, w.project);
    await triage(server.app, w.carol, w.organization, other, { status: IssueStatusChange.IGNORED });
    expect(await server.app.db.getRepository(IssueSubscription).findOneBy({ issueId: other.id, userId: w.carol.id })).toMatchObject({ isActive: true, reason: 'status_change' });
  });

  it('subscribed:me finds what acting subscribed you to, and not what you left', async () => {
    const w = await workspace();
    const { issue: left } = await buildIssue(server.app, w.project);
    await (await w.client(w.carol)).data(ADD, { issueId: String(w.issue.id), text: 'watching' });
    await (await w.client(w.carol)).data(ADD, { issueId: String(left.id), text: 'watching too' });
    await triage(server.app, w.carol, w.organization, left, { isSubscribed: false });
    const { organization } = await (await w.client(w.carol)).data<{ organization: { issues: { nodes: { id: string }[] } } }>(
      'query($org: String!) { organization(slug: $org) { issues(query: "subscribed:me", first: 10) { nodes { id } } } }',
      { org: w.organization.slug },
    );
    expect(organization.issues.nodes).toEqual([{ id: String(w.issue.id) }]);
  });
});

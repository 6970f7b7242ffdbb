import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import type { GraphQLResponse, GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import type { Topic } from '../../../schema/src/topics.js';
import { MemberRole } from '../auth/scopes.js';

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let owner: GraphQLTestClient;
beforeAll(async () => {
  server = await startTestServer();
  tenant = await buildTenant(server.app);
  owner = server.client({ token: tenant.token });
});
afterAll(async () => server?.close());

const ACTIVITY = 'subscription($issueId: ID!) { activityAdded(issueId: $issueId) { id type data user { email } } }';
const MENTION = 'subscription { mentionReceived { id issue { id } activity { data } user { email } } }';
const ADD = 'mutation($issueId: ID!, $text: String!) { addComment(issueId: $issueId, text: $text) { id } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateIssueInput!) { updateIssue(id: $id, input: $input) { id } }';

type Added = { activityAdded: { id: string; type: string; data: Record<string, unknown>; user: { email: string } | null } };
type Mentioned = { mentionReceived: { id: string; issue: { id: string }; activity: { data: { text: string } }; user: { email: string } } };

const live = (topic: Topic) => server.app.pubsub.subscriberCount(topic);
const code = (message: GraphQLResponse) => message.errors?.[0]?.extensions?.code;

async function subscribe<T>(client: GraphQLTestClient, document: string, variables: Record<string, unknown>, topic: Topic) {
  const before = live(topic);
  const subscription = client.subscribe<T>(document, variables);
  await waitFor(() => live(topic) === before + 1, { what: 'the subscription to be live' });
  return subscription;
}

async function memberClient(role = MemberRole.MEMBER) {
  const { user, member } = await buildMember(server.app, tenant.organization, tenant.owner, role);
  return { user, member, client: server.client({ token: await tokenFor(server.app, user) }) };
}

describe('Subscription.activityAdded', () => {
  it('delivers comments and every other activity of that issue, not of others', async () => {
    const [{ issue }, { issue: other }] = [await buildIssue(server.app, tenant.project), await buildIssue(server.app, tenant.project)];
    const { client } = await memberClient(MemberRole.READONLY);
    const subscription = await subscribe<Added>(client, ACTIVITY, { issueId: String(issue.id) }, 'activityAdded');
    try {
      await owner.data(ADD, { issueId: String(other.id), text: 'elsewhere' });
      await owner.data(ADD, { issueId: String(issue.id), text: 'here' });
      expect(await subscription.next()).toMatchObject({ data: { activityAdded: { type: 'NOTE', data: { text: 'here' }, user: { email: tenant.owner.email } } } });
      await owner.data(UPDATE, { id: String(issue.id), input: { status: 'RESOLVED' } });
      expect((await subscription.next()).data?.activityAdded.type).toBe('SET_RESOLVED');
      await owner.data(UPDATE, { id: String(issue.id), input: { assignee: { userId: String(tenant.owner.id) } } });
      expect((await subscription.next()).data?.activityAdded).toMatchObject({ type: 'ASSIGNED', data: { assigneeEmail: tenant.owner.email } });
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
  });

  it("another organization's issue is NOT_FOUND like a missing one; a removed member stops receiving", async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    const [toReal, toMissing] = [outsider.subscribe(ACTIVITY, { issueId: String(issue.id) }), outsider.subscribe(ACTIVITY, { issueId: '2147483000' })];
    try {
      const [a, b] = [await toReal.next(), await toMissing.next()];
      expect(code(a)).toBe('NOT_FOUND');
      expect(a).toEqual(b);
    } finally {
      await toReal.close();
      await toMissing.close();
    }

    const { client, member } = await memberClient();
    const subscription = await subscribe<Added>(client, ACTIVITY, { issueId: String(issue.id) }, 'activityAdded');
    try {
      await owner.data(ADD, { issueId: String(issue.id), text: 'one' });
      expect((await subscription.next()).data?.activityAdded.data).toEqual({ text: 'one' });
      await owner.data('mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }', {
        org: tenant.organization.slug,
        member: String(member.id),
      });
      await owner.data(ADD, { issueId: String(issue.id), text: 'two' });
      const after = await subscription.next();
      expect(after.data ?? null).toBeNull();
      expect(code(after)).toBe('NOT_FOUND');
    } finally {
      await subscription.close();
    }
  });
});

describe('Subscription.mentionReceived', () => {
  it("delivers the viewer's own new mentions only (directly or through a team), with the comment and issue", async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const [ann, bob] = [await memberClient(), await memberClient()];
    const subscription = await subscribe<Mentioned>(ann.client, MENTION, {}, 'mentionReceived');
    try {
      await owner.data(ADD, { issueId: String(issue.id), text: `@${bob.user.email} only` });
      await owner.data(ADD, { issueId: String(issue.id), text: `hey @${ann.user.email}` });
      expect(await subscription.next()).toMatchObject({
        data: { mentionReceived: { issue: { id: String(issue.id) }, activity: { data: { text: `hey @${ann.user.email}` } }, user: { email: ann.user.email } } },
      });
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
  });

  it('a member who left the organization hears nothing more from it; signed-out callers cannot subscribe', async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const ann = await memberClient();
    const subscription = await subscribe<Mentioned>(ann.client, MENTION, {}, 'mentionReceived');
    try {
      await owner.data('mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }', {
        org: tenant.organization.slug,
        member: String(ann.member.id),
      });
      // Still a user, no longer a member: the handle no longer resolves, and a stored mention would not be delivered.
      await owner.data(ADD, { issueId: String(issue.id), text: `@${ann.user.email}` });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
    // Sockets without credentials are refused at connection_init (4403), as for every subscription.
    const anonymous = server.client().subscribe(MENTION);
    try {
      await anonymous.next();
      expect(anonymous.closed?.code).toBe(4403);
    } finally {
      await anonymous.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildProject, buildTenant, tokenFor } from '../../../test/support/factories.js';
import type { GraphQLResponse, GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import type { Topic } from '../../../schema/src/topics.js';
import { MemberRole } from '../auth/scopes.js';
import type { Issue } from './issue.entity.js';
import { formatShortId } from './short-id.js';

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let owner: GraphQLTestClient;
beforeAll(async () => {
  server = await startTestServer();
  tenant = await buildTenant(server.app);
  owner = server.client({ token: tenant.token });
});
afterAll(async () => server?.close());

const UPDATED = 'subscription($projectId: ID, $issueId: ID) { issueUpdated(projectId: $projectId, issueId: $issueId) { id status isBookmarked assignee { ... on User { email } } } }';
const CREATED = 'subscription($projectId: ID!) { issueCreated(projectId: $projectId) { id shortId title } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateIssueInput!) { updateIssue(id: $id, input: $input) { id } }';

type Updated = { issueUpdated: { id: string; status: string; isBookmarked: boolean; assignee: { email: string } | null } };

const live = (topic: Topic) => server.app.pubsub.subscriberCount(topic);
const newIssue = async (project = tenant.project): Promise<Issue> => (await buildIssue(server.app, project)).issue;
const updateIssue = (issue: Issue, input: Record<string, unknown>, client = owner) => client.data(UPDATE, { id: String(issue.id), input });

/** Subscribes and waits until the server is listening. */
async function subscribe<T>(client: GraphQLTestClient, document: string, variables: Record<string, unknown>, topic: Topic) {
  const before = live(topic);
  const subscription = client.subscribe<T>(document, variables);
  await waitFor(() => live(topic) === before + 1, { what: 'the subscription to be live' });
  return subscription;
}

const code = (message: GraphQLResponse) => message.errors?.[0]?.extensions?.code;

describe('Subscription.issueUpdated', () => {
  it('by issue: every kind of change arrives, with fresh per-viewer state; other issues do not', async () => {
    const [issue, other] = [await newIssue(), await newIssue()];
    const subscription = await subscribe<Updated>(owner, UPDATED, { issueId: String(issue.id) }, 'issueUpdated');
    try {
      await updateIssue(other, { status: 'RESOLVED' });
      await updateIssue(issue, { status: 'RESOLVED' });
      expect(await subscription.next()).toEqual({ data: { issueUpdated: { id: String(issue.id), status: 'RESOLVED', isBookmarked: false, assignee: null } } });
      await updateIssue(issue, { assignee: { userId: String(tenant.owner.id) } });
      expect((await subscription.next()).data?.issueUpdated.assignee).toEqual({ email: tenant.owner.email });
      await updateIssue(issue, { isBookmarked: true });
      expect((await subscription.next()).data?.issueUpdated.isBookmarked).toBe(true);
      await updateIssue(issue, { isSubscribed: false }); // the assignment subscribed the owner
      expect((await subscription.next()).data?.issueUpdated.id).toBe(String(issue.id));
      await owner.data('mutation($org: String!, $ids: [ID!]) { bulkUpdateIssues(organizationSlug: $org, ids: $ids, input: { status: IGNORED }) }', {
        org: tenant.organization.slug,
        ids: [String(issue.id), String(other.id)],
      });
      expect((await subscription.next()).data?.issueUpdated.status).toBe('IGNORED');
      // Deleting publishes too, but there is no issue left to send: nothing arrives.
      await owner.data('mutation($id: ID!) { deleteIssue(id: $id) }', { id: String(issue.id) });
      await updateIssue(other, { status: 'UNRESOLVED' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
  });

  it('by project: changes of its issues only', async () => {
    const elsewhere = await buildProject(server.app, tenant.organization, tenant.owner);
    const [mine, theirs] = [await newIssue(), await newIssue(elsewhere)];
    const subscription = await subscribe<Updated>(owner, UPDATED, { projectId: String(tenant.project.id) }, 'issueUpdated');
    try {
      await updateIssue(theirs, { status: 'RESOLVED' });
      await updateIssue(mine, { status: 'IGNORED' });
      expect(await subscription.next()).toMatchObject({ data: { issueUpdated: { id: String(mine.id), status: 'IGNORED' } } });
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
  });

  it.each([
    ['neither argument', {}],
    ['both arguments', { projectId: '1', issueId: '1' }],
  ])('%s is BAD_USER_INPUT', async (_name, variables) => {
    const subscription = owner.subscribe(UPDATED, variables);
    try {
      expect(code(await subscription.next())).toBe('BAD_USER_INPUT');
    } finally {
      await subscription.close();
    }
  });

  it("another organization's issue or project is NOT_FOUND, exactly like a missing one", async () => {
    const issue = await newIssue();
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    for (const [real, missing] of [
      [{ issueId: String(issue.id) }, { issueId: '2147483000' }],
      [{ projectId: String(tenant.project.id) }, { projectId: '2147483000' }],
    ] as const) {
      const toReal = outsider.subscribe(UPDATED, real);
      const toMissing = outsider.subscribe(UPDATED, missing);
      try {
        const [a, b] = [await toReal.next(), await toMissing.next()];
        expect(code(a)).toBe('NOT_FOUND');
        expect(a).toEqual(b);
      } finally {
        await toReal.close();
        await toMissing.close();
      }
    }
  });

  it('a member removed from the organization stops receiving at once', async () => {
    const { user, member } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.READONLY);
    const client = server.client({ token: await tokenFor(server.app, user) });
    const issue = await newIssue();
    const subscription = await subscribe<Updated>(client, UPDATED, { issueId: String(issue.id) }, 'issueUpdated');
    try {
      await updateIssue(issue, { status: 'RESOLVED' });
      expect((await subscription.next()).data?.issueUpdated.status).toBe('RESOLVED');
      await owner.data('mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }', {
        org: tenant.organization.slug,
        member: String(member.id),
      });
      await updateIssue(issue, { status: 'UNRESOLVED' });
      const after = await subscription.next();
      expect(after.data ?? null).toBeNull();
      expect(code(after)).toBe('NOT_FOUND');
    } finally {
      await subscription.close();
    }
  });
});

describe('Subscription.issueCreated', () => {
  it("delivers the project's new issues (as ingestion publishes them), not other projects'", async () => {
    const elsewhere = await buildProject(server.app, tenant.organization, tenant.owner);
    const subscription = await subscribe<{ issueCreated: { id: string; shortId: string; title: string } }>(
      owner,
      CREATED,
      { projectId: String(tenant.project.id) },
      'issueCreated',
    );
    try {
      const publish = (issue: Issue) =>
        server.app.pubsub.publish('issueCreated', { organizationId: tenant.organization.id, projectId: issue.projectId, issueId: issue.id });
      await publish(await newIssue(elsewhere));
      const issue = await newIssue();
      await publish(issue);
      expect(await subscription.next()).toEqual({
        data: { issueCreated: { id: String(issue.id), shortId: formatShortId(tenant.project.slug, issue.shortIdNumber), title: issue.title } },
      });
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
  });

  it("another organization's project is NOT_FOUND", async () => {
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    const subscription = outsider.subscribe(CREATED, { projectId: String(tenant.project.id) });
    try {
      expect(code(await subscription.next())).toBe('NOT_FOUND');
    } finally {
      await subscription.close();
    }
  });
});

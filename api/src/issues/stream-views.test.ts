/**
 * The stream's views over GraphQL against a real server: the For review inbox (how issues enter
 * and leave it), tab counts, saved searches and their visibility, and deleting issues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildIssue, triage } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { GroupHash } from './group-hash.entity.js';
import { IssueStatusChange } from './issue-triage.types.js';
import { deletePendingIssues, INLINE_DELETE_EVENTS } from './issue-deletion.js';
import { IssueInbox } from './issue-inbox.entity.js';
import { IssueTagValue } from './issue-tag-value.entity.js';
import { Issue } from './issue.entity.js';

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let other: Awaited<ReturnType<typeof buildTenant>>;
let owner: GraphQLTestClient;
let member: GraphQLTestClient;
let readonly: GraphQLTestClient;
let outsider: GraphQLTestClient;
beforeAll(async () => {
  server = await startTestServer();
  tenant = await buildTenant(server.app);
  other = await buildTenant(server.app);
  owner = server.client({ token: tenant.token });
  member = server.client({ token: await tokenFor(server.app, (await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER)).user) });
  readonly = server.client({ token: await tokenFor(server.app, (await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.READONLY)).user) });
  outsider = server.client({ token: other.token });
});
afterAll(async () => server?.close());

const INBOX = `query($org: String!, $query: String) { organization(slug: $org) { issues(query: $query, first: 50) { totalCount nodes { id inbox { reason } } } } }`;
type Listed = { totalCount: number; nodes: { id: string; inbox: { reason: string } | null }[] };
async function search(query: string, client = owner): Promise<Listed> {
  return (await client.data<{ organization: { issues: Listed } }>(INBOX, { org: tenant.organization.slug, query })).organization.issues;
}
const ids = (listed: Listed) => listed.nodes.map((n) => Number(n.id));
const REVIEW = `mutation($ids: [ID!]!) { markReviewed(issueIds: $ids) }`;

describe('For review (is:for_review)', () => {
  it('a new issue enters as New; Mark reviewed takes it out', async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const listed = await search('is:unresolved is:for_review');
    expect(listed.nodes.find((n) => Number(n.id) === issue.id)?.inbox).toEqual({ reason: 'NEW' });
    expect(await member.data(REVIEW, { ids: [String(issue.id)] })).toEqual({ markReviewed: 1 });
    expect(ids(await search('is:for_review'))).not.toContain(issue.id);
    expect(ids(await search('!is:for_review'))).toContain(issue.id);
    // Reviewing twice changes nothing.
    expect(await member.data(REVIEW, { ids: [String(issue.id)] })).toEqual({ markReviewed: 0 });
  });

  it('a regression comes back as Regression, an ignore that ran out as Unignored', async () => {
    const fingerprint = unique('fp');
    const { issue } = await buildIssue(server.app, tenant.project, { fingerprint });
    await triage(server.app, tenant.owner, tenant.organization, issue, { status: IssueStatusChange.RESOLVED });
    expect(ids(await search('is:for_review'))).not.toContain(issue.id); // resolving reviews it
    await buildIssue(server.app, tenant.project, { fingerprint });
    expect((await search('is:for_review')).nodes.find((n) => Number(n.id) === issue.id)?.inbox).toEqual({ reason: 'REGRESSION' });

    const ignoredPrint = unique('fp');
    const ignored = (await buildIssue(server.app, tenant.project, { fingerprint: ignoredPrint })).issue;
    await triage(server.app, tenant.owner, tenant.organization, ignored, { status: IssueStatusChange.IGNORED, ignore: { untilCount: 1 } });
    expect(ids(await search('is:for_review'))).not.toContain(ignored.id);
    await buildIssue(server.app, tenant.project, { fingerprint: ignoredPrint });
    expect((await search('is:for_review')).nodes.find((n) => Number(n.id) === ignored.id)?.inbox).toEqual({ reason: 'UNIGNORED' });
  });

  it('leaves after 7 days without anyone touching it', async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    await server.app.db.getRepository(IssueInbox).update(issue.id, { dateAdded: new Date(Date.now() - 8 * 86_400_000) });
    const listed = await search('is:unresolved');
    expect(listed.nodes.find((n) => Number(n.id) === issue.id)?.inbox).toBeNull();
    expect(ids(await search('is:for_review'))).not.toContain(issue.id);
  });

  it('markReviewed: readonly members are refused, other organizations see NOT_FOUND', async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    expect((await readonly.request(REVIEW, { ids: [String(issue.id)] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await outsider.request(REVIEW, { ids: [String(issue.id)] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const theirs = (await buildIssue(server.app, other.project)).issue;
    // Mixing in another organization's issue names nothing.
    expect((await owner.request(REVIEW, { ids: [String(issue.id), String(theirs.id)] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(ids(await search('is:for_review'))).toContain(issue.id);
  });
});

describe('issueCounts', () => {
  const COUNTS = `query($org: String!, $queries: [String!]!, $projects: [ID!]) { organization(slug: $org) { issueCounts(queries: $queries, projects: $projects) { query count } } }`;
  it('counts each tab as the stream would list it, within the organization', async () => {
    const org = await buildTenant(server.app);
    const client = server.client({ token: org.token });
    const [a, b, c] = [await buildIssue(server.app, org.project), await buildIssue(server.app, org.project), await buildIssue(server.app, org.project)];
    await triage(server.app, org.owner, org.organization, a.issue, { status: IssueStatusChange.RESOLVED });
    await triage(server.app, org.owner, org.organization, b.issue, { status: IssueStatusChange.IGNORED });
    void c;
    const queries = ['is:unresolved', 'is:unresolved is:for_review', 'is:ignored', 'is:resolved'];
    const data = await client.data<{ organization: { issueCounts: { query: string; count: number }[] } }>(COUNTS, { org: org.organization.slug, queries });
    expect(data.organization.issueCounts).toEqual([
      { query: 'is:unresolved', count: 1 },
      { query: 'is:unresolved is:for_review', count: 1 },
      { query: 'is:ignored', count: 1 },
      { query: 'is:resolved', count: 1 },
    ]);
    const outside = await outsider.request(COUNTS, { org: org.organization.slug, queries });
    expect(outside.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await client.request(COUNTS, { org: org.organization.slug, queries: ['is:open'] });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('saved searches', () => {
  const CREATE = `mutation($org: ID!, $name: String!, $query: String!, $visibility: SavedSearchVisibility!) {
    createSavedSearch(organizationId: $org, name: $name, query: $query, visibility: $visibility) { id name query visibility isOwn } }`;
  const LIST = `query($org: String!) { organization(slug: $org) { savedSearches { id name visibility isOwn } } }`;
  const DELETE = `mutation($id: ID!) { deleteSavedSearch(id: $id) }`;
  const list = async (client: GraphQLTestClient) =>
    (await client.data<{ organization: { savedSearches: { id: string; name: string; visibility: string; isOwn: boolean }[] } }>(LIST, { org: tenant.organization.slug })).organization.savedSearches;
  const orgId = () => String(tenant.organization.id);

  it('personal ones are their owner\'s; organization ones are everyone\'s and made by admins', async () => {
    const mine = unique('mine');
    const created = await member.data<{ createSavedSearch: { id: string; isOwn: boolean } }>(CREATE, { org: orgId(), name: mine, query: 'is:unresolved level:error', visibility: 'OWNER' });
    expect(created.createSavedSearch.isOwn).toBe(true);
    expect((await list(member)).map((s) => s.name)).toContain(mine);
    expect((await list(owner)).map((s) => s.name)).not.toContain(mine);

    const refused = await member.request(CREATE, { org: orgId(), name: unique('team'), query: 'is:unresolved', visibility: 'ORGANIZATION' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const shared = unique('shared');
    const made = await owner.data<{ createSavedSearch: { id: string } }>(CREATE, { org: orgId(), name: shared, query: 'is:unresolved assigned:me', visibility: 'ORGANIZATION' });
    expect((await list(member)).find((s) => s.name === shared)).toMatchObject({ visibility: 'ORGANIZATION', isOwn: false });

    // A member cannot delete the organization's search, nor see (so delete) someone's personal one.
    expect((await member.request(DELETE, { id: made.createSavedSearch.id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await owner.request(DELETE, { id: created.createSavedSearch.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await outsider.request(DELETE, { id: made.createSavedSearch.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await member.data(DELETE, { id: created.createSavedSearch.id })).toEqual({ deleteSavedSearch: true });
    expect(await owner.data(DELETE, { id: made.createSavedSearch.id })).toEqual({ deleteSavedSearch: true });
    expect((await list(member)).map((s) => s.name)).not.toContain(mine);
  });

  it('rejects searches that cannot run, empty names, and other organizations', async () => {
    expect((await owner.request(CREATE, { org: orgId(), name: 'x', query: 'is:open', visibility: 'OWNER' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await owner.request(CREATE, { org: orgId(), name: ' ', query: 'is:unresolved', visibility: 'OWNER' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await outsider.request(CREATE, { org: orgId(), name: 'x', query: 'is:unresolved', visibility: 'OWNER' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('deleteIssues', () => {
  const DELETE = `mutation($ids: [ID!]!) { deleteIssues(issueIds: $ids) }`;
  it('deletes issues with their events, hashes and tag values; the fingerprint then starts a new issue', async () => {
    const fingerprint = unique('fp');
    const { issue } = await buildIssue(server.app, tenant.project, { fingerprint, events: [{ tags: { browser: 'x' } }, {}] });
    expect((await member.request(DELETE, { ids: [String(issue.id)] })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await outsider.request(DELETE, { ids: [String(issue.id)] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await owner.data(DELETE, { ids: [String(issue.id)] })).toEqual({ deleteIssues: 1 });
    const db = server.app.db;
    expect(await db.getRepository(Issue).countBy({ id: issue.id })).toBe(0);
    expect(await db.getRepository(GroupHash).countBy({ issueId: issue.id })).toBe(0);
    expect(await db.getRepository(IssueTagValue).countBy({ issueId: issue.id })).toBe(0);
    expect(Number((await db.query('SELECT count(*) AS n FROM event WHERE issue_id = $1', [issue.id]))[0].n)).toBe(0);
    const again = await buildIssue(server.app, tenant.project, { fingerprint });
    expect(again.issue.id).not.toBe(issue.id);
    expect(again.issue.timesSeen).toBe(1);
    // Deleting what is gone names nothing.
    expect((await owner.request(DELETE, { ids: [String(issue.id)] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('large deletions hide the issues at once and leave the events to the issues.delete job, which can run twice', async () => {
    const fingerprint = unique('fp');
    const { issue } = await buildIssue(server.app, tenant.project, { fingerprint, events: [{}, {}, {}], overrides: { timesSeen: INLINE_DELETE_EVENTS + 1 } });
    expect(await owner.data(DELETE, { ids: [String(issue.id)] })).toEqual({ deleteIssues: 1 });
    const db = server.app.db;
    expect((await db.getRepository(Issue).findOneByOrFail({ id: issue.id })).status).toBe('pending_deletion');
    expect(ids(await search(''))).not.toContain(issue.id);
    expect((await owner.request(`query($org: String!, $id: String!) { organization(slug: $org) { issue(shortId: $id) { id } } }`, { org: tenant.organization.slug, id: String(issue.id) })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Asking again schedules nothing more: the issue is already gone for the caller.
    expect((await owner.request(DELETE, { ids: [String(issue.id)] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const again = await buildIssue(server.app, tenant.project, { fingerprint });
    expect(again.issue.id).not.toBe(issue.id);

    expect(await deletePendingIssues(db, [issue.id, again.issue.id])).toBe(1);
    expect(await db.getRepository(Issue).countBy({ id: issue.id })).toBe(0);
    expect(Number((await db.query('SELECT count(*) AS n FROM event WHERE issue_id = $1', [issue.id]))[0].n)).toBe(0);
    expect(await deletePendingIssues(db, [issue.id])).toBe(0);
    expect(await db.getRepository(Issue).countBy({ id: again.issue.id })).toBe(1);
  });
});

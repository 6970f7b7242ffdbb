import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildProject, buildTenant, sessionCookieFor, TEST_PASSWORD, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildIssue, buildRelease } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { eventPayload } from '../events/event-payload.js';
import { setPassword } from '../users/user.service.js';
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

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const shortIdOf = (issue: { shortIdNumber: number }) => formatShortId(tenant.project.slug, issue.shortIdNumber);

const ISSUE = `query($org: String!, $shortId: String!, $query: String, $environment: String, $first: Int, $after: String) {
  organization(slug: $org) { issue(shortId: $shortId) {
    id count
    events(query: $query, environment: $environment, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { eventId environment message title tags { key value } }
    } } } }`;
type EventsPage = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { eventId: string; environment: string }[] };

async function issueEvents(shortId: string, variables: Record<string, unknown>): Promise<EventsPage> {
  const data = await owner.data<{ organization: { issue: { events: EventsPage } } }>(ISSUE, { org: tenant.organization.slug, shortId, ...variables });
  return data.organization.issue.events;
}

describe('Issue.events search', () => {
  it('filters by tags, message, release, environment and user, newest first, in cursor pages', async () => {
    const release = unique('web@2');
    await buildRelease(server.app, tenant.project, release);
    const { issue, events } = await buildIssue(server.app, tenant.project, {
      events: [
        { value: 'Cart total', environment: 'production', release, tags: { browser: 'Chrome' }, user: { email: 'ada@example.com' }, timestamp: ago(5 * MINUTE) },
        { value: 'Cart total', environment: 'staging', tags: { browser: 'Firefox' }, user: { email: 'bob@example.com' }, timestamp: ago(4 * MINUTE) },
        { value: 'Cart total', environment: 'production', tags: { browser: 'Firefox' }, timestamp: ago(3 * MINUTE) },
      ],
    });
    const shortId = shortIdOf(issue);
    const [oldest, middle, newest] = events.map((e) => e.eventId);
    expect((await issueEvents(shortId, {})).nodes.map((e) => e.eventId)).toEqual([newest, middle, oldest]);
    expect((await issueEvents(shortId, { query: 'browser:Firefox' })).nodes.map((e) => e.eventId)).toEqual([newest, middle]);
    expect((await issueEvents(shortId, { query: '!browser:Firefox' })).nodes.map((e) => e.eventId)).toEqual([oldest]);
    expect((await issueEvents(shortId, { query: `release:${release}` })).nodes.map((e) => e.eventId)).toEqual([oldest]);
    expect((await issueEvents(shortId, { query: 'user.email:bob@example.com' })).nodes.map((e) => e.eventId)).toEqual([middle]);
    expect((await issueEvents(shortId, { query: 'environment:staging' })).nodes.map((e) => e.eventId)).toEqual([middle]);
    expect((await issueEvents(shortId, { environment: 'production' })).nodes.map((e) => e.eventId)).toEqual([newest, oldest]);
    expect((await issueEvents(shortId, { query: 'message:"cart tot"' })).totalCount).toBe(3);
    expect((await issueEvents(shortId, { query: 'nothing-like-this' })).totalCount).toBe(0);
    expect((await issueEvents(shortId, { query: newest })).nodes.map((e) => e.eventId)).toEqual([newest]);

    const first = await issueEvents(shortId, { first: 2 });
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = await issueEvents(shortId, { first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((e) => e.eventId)).toEqual([oldest]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('says which filters describe issues, not events', async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const result = await owner.request(ISSUE, { org: tenant.organization.slug, shortId: shortIdOf(issue), query: 'is:unresolved' });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0]?.message).toMatch(/filters issues, not events/);
  });
});

const TAGS = `query($org: String!, $shortId: String!, $key: String!, $environment: String, $first: Int, $after: String) {
  organization(slug: $org) { issue(shortId: $shortId) {
    tags(environment: $environment) { key totalValues uniqueValues topValues { value count } }
    tagValues(key: $key, environment: $environment, first: $first, after: $after) {
      totalCount totalEvents pageInfo { hasNextPage endCursor } nodes { value count } }
    environmentStats(environment: "staging") { count userCount }
    frequency(period: "24h", environment: $environment) { count }
    latestEvent(environment: $environment) { environment }
  } } }`;
type TagsData = {
  tags: { key: string; totalValues: number; topValues: { value: string; count: number }[] }[];
  tagValues: { totalCount: number; totalEvents: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { value: string; count: number }[] };
  environmentStats: { count: number; userCount: number };
  frequency: { count: number }[];
  latestEvent: { environment: string } | null;
};

describe('Issue tags and environment filter', () => {
  it('pages every value of a key with its count, in every environment or one', async () => {
    const { issue } = await buildIssue(server.app, tenant.project, {
      events: [
        ...['a', 'b', 'c'].map((v) => ({ tags: { shard: v }, environment: 'production', user: { id: v } })),
        { tags: { shard: 'a' }, environment: 'staging', user: { id: 'z' } },
        { tags: { shard: 'a' }, environment: 'staging', user: { id: 'z' } },
      ],
    });
    const query = (variables: Record<string, unknown>) =>
      owner.data<{ organization: { issue: TagsData } }>(TAGS, { org: tenant.organization.slug, shortId: shortIdOf(issue), key: 'shard', ...variables });
    const all = (await query({ first: 2 })).organization.issue;
    expect(all.tagValues).toMatchObject({ totalCount: 3, totalEvents: 5, pageInfo: { hasNextPage: true }, nodes: [{ value: 'a', count: 3 }, { value: 'b', count: 1 }] });
    const rest = (await query({ first: 2, after: all.tagValues.pageInfo.endCursor })).organization.issue.tagValues;
    expect(rest).toMatchObject({ nodes: [{ value: 'c', count: 1 }], pageInfo: { hasNextPage: false } });
    expect(all.tags.find((t) => t.key === 'shard')).toMatchObject({ totalValues: 5, topValues: [{ value: 'a', count: 3 }, { value: 'b' }, { value: 'c' }] });
    expect(all.environmentStats).toEqual({ count: 2, userCount: 1 });
    expect(all.frequency.reduce((sum, p) => sum + p.count, 0)).toBe(5);

    const staging = (await query({ environment: 'staging' })).organization.issue;
    expect(staging.tagValues).toMatchObject({ totalCount: 1, totalEvents: 2, nodes: [{ value: 'a', count: 2 }] });
    expect(staging.tags.find((t) => t.key === 'environment')?.topValues).toEqual([{ value: 'staging', count: 2 }]);
    expect(staging.frequency.reduce((sum, p) => sum + p.count, 0)).toBe(2);
    expect(staging.latestEvent).toEqual({ environment: 'staging' });
    expect((await query({ environment: 'nowhere' })).organization.issue.latestEvent).toBeNull();
  });
});

describe('GET /api/0/projects/{org}/{project}/events/{eventId}/json/', () => {
  const urlOf = (eventId: string, project = tenant.project.slug, org = tenant.organization.slug) =>
    `${server.url}/api/0/projects/${org}/${project}/events/${eventId}/json/`;

  it('serves the stored event document to a token or a session, as a download on ?download=1', async () => {
    const { events } = await buildIssue(server.app, tenant.project, { events: [{ value: 'raw json', tags: { shard: 'q' } }] });
    const event = events[0]!;
    const byToken = await fetch(urlOf(event.eventId), { headers: { authorization: `Bearer ${tenant.token}` } });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await byToken.json()) as Record<string, unknown>;
    expect(body).toEqual(JSON.parse(JSON.stringify(eventPayload(event))));
    expect(body).toMatchObject({ eventId: event.eventId, title: 'TypeError: raw json' });

    const { user } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
    await setPassword(server.app.db, user, TEST_PASSWORD);
    const cookie = await sessionCookieFor(server.app, user);
    const download = await fetch(`${urlOf(event.eventId)}?download=1`, { headers: { cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${event.eventId}.json"`);
    expect(((await download.json()) as { eventId: string }).eventId).toBe(event.eventId);
  });

  it('is 401 without credentials and 404 for other organizations, unknown events or bad ids', async () => {
    const { events } = await buildIssue(server.app, tenant.project);
    const eventId = events[0]!.eventId;
    const anonymous = await fetch(urlOf(eventId));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toHaveProperty('detail');
    const stranger = await buildTenant(server.app);
    const foreign = await fetch(urlOf(eventId), { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(foreign.status).toBe(404);
    const crossed = await fetch(urlOf(eventId, tenant.project.slug, stranger.organization.slug), { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(crossed.status).toBe(404);
    expect(await crossed.json()).toEqual({ detail: expect.stringMatching(/not found/i) });
    for (const id of ['0'.repeat(32), 'not-an-id']) {
      const missing = await fetch(urlOf(id), { headers: { authorization: `Bearer ${tenant.token}` } });
      expect(missing.status).toBe(404);
    }
  });
});

const MERGE = `mutation($ids: [ID!]!) { mergeIssues(issueIds: $ids) { id count userCount } }`;
const UNMERGE = `mutation($id: ID!, $hashes: [String!]!) { unmergeIssue(issueId: $id, hashes: $hashes) { id shortId count title } }`;
const MERGED = `query($org: String!, $shortId: String!) { organization(slug: $org) { issue(shortId: $shortId) {
  id count userCount
  groupHashes { hash eventCount latestEvent { eventId } }
  tagValues(key: "shard") { nodes { value count } }
  activity { nodes { type data } }
} } }`;
type Merged = {
  id: string;
  count: number;
  userCount: number;
  groupHashes: { hash: string; eventCount: number; latestEvent: { eventId: string } | null }[];
  tagValues: { nodes: { value: string; count: number }[] };
  activity: { nodes: { type: string; data: Record<string, unknown> }[] };
};

async function merged(shortId: string): Promise<Merged> {
  return (await owner.data<{ organization: { issue: Merged } }>(MERGED, { org: tenant.organization.slug, shortId })).organization.issue;
}

describe('mergeIssues and unmergeIssue', () => {
  it('merges into the issue with the most events, later events of the others land there, and unmerge splits them back', async () => {
    const big = await buildIssue(server.app, tenant.project, {
      events: [{ tags: { shard: 'a' }, user: { id: '1' } }, { tags: { shard: 'a' }, user: { id: '2' } }],
    });
    const smallFingerprint = unique('fingerprint');
    const small = await buildIssue(server.app, tenant.project, { fingerprint: smallFingerprint, events: [{ tags: { shard: 'b' }, user: { id: '2' }, value: 'small one' }] });
    const result = await owner.data<{ mergeIssues: { id: string; count: number; userCount: number } }>(MERGE, { ids: [String(small.issue.id), String(big.issue.id)] });
    expect(result.mergeIssues).toEqual({ id: String(big.issue.id), count: 3, userCount: 2 });
    expect(await owner.errorCode(`query($org: String!, $s: String!) { organization(slug: $org) { issue(shortId: $s) { id } } }`, { org: tenant.organization.slug, s: shortIdOf(small.issue) })).toBe('NOT_FOUND');

    const later = await buildIssue(server.app, tenant.project, { fingerprint: smallFingerprint, events: [{ tags: { shard: 'b' }, value: 'small one' }] });
    expect(later.issue.id).toBe(big.issue.id);
    const primary = await merged(shortIdOf(big.issue));
    expect(primary.count).toBe(4);
    expect(primary.tagValues.nodes).toEqual([{ value: 'a', count: 2 }, { value: 'b', count: 2 }]);
    expect(primary.groupHashes).toHaveLength(2);
    const smallHash = primary.groupHashes.find((h) => h.latestEvent?.eventId === later.events[0]!.eventId);
    expect(smallHash).toMatchObject({ eventCount: 2 });
    expect(primary.activity.nodes[0]).toEqual({ type: 'MERGE', data: { issues: [{ id: small.issue.id, shortId: shortIdOf(small.issue) }] } });

    const split = await owner.data<{ unmergeIssue: { id: string; shortId: string; count: number; title: string } }>(UNMERGE, { id: String(big.issue.id), hashes: [smallHash!.hash] });
    expect(split.unmergeIssue).toMatchObject({ count: 2, title: 'TypeError: small one' });
    const source = await merged(shortIdOf(big.issue));
    expect(source).toMatchObject({ count: 2, userCount: 2, tagValues: { nodes: [{ value: 'a', count: 2 }] } });
    expect(source.groupHashes).toHaveLength(1);
    expect(source.activity.nodes[0]).toMatchObject({ type: 'UNMERGE', data: { hashes: [smallHash!.hash], destination: { shortId: split.unmergeIssue.shortId } } });
    const created = await merged(split.unmergeIssue.shortId);
    expect(created).toMatchObject({ count: 2, userCount: 1, tagValues: { nodes: [{ value: 'b', count: 2 }] } });
    expect(created.groupHashes.map((h) => h.hash)).toEqual([smallHash!.hash]);
    // New events with the split-off hash now go to the new issue.
    expect((await buildIssue(server.app, tenant.project, { fingerprint: smallFingerprint })).issue.id).toBe(Number(created.id));
  });

  it('refuses fewer than two issues, several projects, foreign issues, members without event:write, and unmerging every hash', async () => {
    const one = await buildIssue(server.app, tenant.project);
    expect(await owner.errorCode(MERGE, { ids: [String(one.issue.id)] })).toBe('BAD_USER_INPUT');
    const other = await buildProject(server.app, tenant.organization, tenant.owner);
    const elsewhere = await buildIssue(server.app, other);
    expect(await owner.errorCode(MERGE, { ids: [String(one.issue.id), String(elsewhere.issue.id)] })).toBe('BAD_USER_INPUT');
    const stranger = await buildTenant(server.app);
    const foreign = await buildIssue(server.app, stranger.project);
    expect(await owner.errorCode(MERGE, { ids: [String(one.issue.id), String(foreign.issue.id)] })).toBe('NOT_FOUND');
    expect(await owner.errorCode(MERGE, { ids: [String(foreign.issue.id), String(one.issue.id)] })).toBe('NOT_FOUND');
    const { user } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
    const readOnly = server.client({ token: await tokenFor(server.app, user, ['event:read', 'org:read', 'project:read']) });
    const two = await buildIssue(server.app, tenant.project);
    expect(await readOnly.errorCode(MERGE, { ids: [String(one.issue.id), String(two.issue.id)] })).toBe('FORBIDDEN');
    const hashes = (await merged(shortIdOf(one.issue))).groupHashes.map((h) => h.hash);
    expect(await owner.errorCode(UNMERGE, { id: String(one.issue.id), hashes })).toBe('BAD_USER_INPUT');
    expect(await owner.errorCode(UNMERGE, { id: String(one.issue.id), hashes: ['f'.repeat(32)] })).toBe('BAD_USER_INPUT');
    expect(await owner.errorCode(UNMERGE, { id: String(foreign.issue.id), hashes: ['x'] })).toBe('NOT_FOUND');
  });
});

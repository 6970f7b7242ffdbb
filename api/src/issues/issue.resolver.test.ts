import type { Logger as TypeOrmLogger } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildProject, buildTenant, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildAttachment, buildIssue, buildRelease, triage } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { IssueStatusChange } from './issue-triage.types.js';
import { paginateKeyset } from '../graphql/connection.js';
import { Issue } from './issue.entity.js';
import { formatShortId } from './short-id.js';

/** Counts SQL statements while `counting` is on (for the N+1 check). */
let statements = 0;
let counting = false;
const logger: TypeOrmLogger = {
  logQuery: () => void (counting && statements++),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let owner: GraphQLTestClient;
beforeAll(async () => {
  server = await startTestServer({ dataSource: { logger } });
  tenant = await buildTenant(server.app);
  owner = server.client({ token: tenant.token });
});
afterAll(async () => server?.close());

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

const ISSUE_FIELDS = `id shortId title culprit level status substatus isBookmarked isSubscribed count userCount firstSeen lastSeen
  firstRelease { version } lastRelease { version } project { slug } platform metadata { type value filename function }
  assignee { __typename ... on User { email } ... on Team { slug } }`;
const PROJECT_ISSUES = `query($org: String!, $project: String!, $query: String, $sort: IssueSort, $first: Int, $after: String, $environment: String, $statsPeriod: String) {
  organization(slug: $org) { project(slug: $project) {
    issues(query: $query, sort: $sort, first: $first, after: $after, environment: $environment, statsPeriod: $statsPeriod) {
      totalCount totalCountIsLowerBound pageInfo { hasNextPage endCursor } nodes { ${ISSUE_FIELDS} } } } } }`;
const ORG_ISSUE = `query($org: String!, $shortId: String!) { organization(slug: $org) { issue(shortId: $shortId) { id shortId title } } }`;

type IssueData = Record<string, unknown> & { id: string; shortId: string; count: number };
type IssuePage = { totalCount: number; totalCountIsLowerBound: boolean; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: IssueData[] };

async function projectIssues(variables: Record<string, unknown>, client = owner, project = tenant.project.slug, org = tenant.organization.slug): Promise<IssuePage> {
  const data = await client.data<{ organization: { project: { issues: IssuePage } } }>(PROJECT_ISSUES, { org, project, ...variables });
  return data.organization.project.issues;
}

describe('Project.issues', () => {
  it('serves every issue field', async () => {
    const release = unique('web@1');
    await buildRelease(server.app, tenant.project, release);
    const { issue } = await buildIssue(server.app, tenant.project, {
      events: [
        { value: 'detail view', release, user: { id: '1' }, functionName: 'showDetail', timestamp: ago(2 * HOUR) },
        { value: 'detail view', release, user: { id: '2' }, functionName: 'showDetail', timestamp: ago(HOUR) },
      ],
    });
    await triage(server.app, tenant.owner, tenant.organization, issue, { assignee: { userId: String(tenant.owner.id) }, isBookmarked: true });
    const page = await projectIssues({ query: 'showDetail' });
    expect(page.totalCount).toBe(1);
    expect(page.nodes[0]).toEqual({
      id: String(issue.id),
      shortId: formatShortId(tenant.project.slug, issue.shortIdNumber),
      title: 'TypeError: detail view',
      culprit: 'cart in showDetail',
      level: 'error',
      status: 'UNRESOLVED',
      substatus: 'NEW',
      isBookmarked: true,
      isSubscribed: true,
      count: 2,
      userCount: 2,
      firstSeen: issue.firstSeen.toISOString(),
      lastSeen: issue.lastSeen.toISOString(),
      firstRelease: { version: release },
      lastRelease: { version: release },
      project: { slug: tenant.project.slug },
      platform: 'node',
      metadata: { type: 'TypeError', value: 'detail view', filename: '/srv/app/cart.js', function: 'showDetail' },
      assignee: { __typename: 'User', email: tenant.owner.email },
    });
  });

  it('a malformed search is BAD_USER_INPUT with the position in extensions', async () => {
    const result = await owner.request(PROJECT_ISSUES, { org: tenant.organization.slug, project: tenant.project.slug, query: 'level:error times-seen:>x' });
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining('at column 25'),
      extensions: { code: 'BAD_USER_INPUT', field: 'query', position: 24, reason: expect.stringContaining('Invalid number') },
    });
  });

  it('a bad statsPeriod or cursor is BAD_USER_INPUT', async () => {
    const vars = { org: tenant.organization.slug, project: tenant.project.slug };
    expect(await owner.errorCode(PROJECT_ISSUES, { ...vars, statsPeriod: 'forever' })).toBe('BAD_USER_INPUT');
    expect(await owner.errorCode(PROJECT_ISSUES, { ...vars, after: 'bm9wZQ' })).toBe('BAD_USER_INPUT');
    expect(await owner.errorCode(PROJECT_ISSUES, { ...vars, first: 101 })).toBe('BAD_USER_INPUT');
  });

  it('a bare event id finds the issue of that event', async () => {
    const { issue, events } = await buildIssue(server.app, tenant.project);
    const page = await projectIssues({ query: events[0]!.eventId });
    expect(page.nodes.map((n) => n.id)).toEqual([String(issue.id)]);
  });
});

describe('sorting and keyset pagination', () => {
  // Five issues; LAST_SEEN has an exact tie (broken by id, descending) and values that differ only in microseconds.
  let project: Awaited<ReturnType<typeof buildProject>>;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    project = await buildProject(server.app, tenant.organization, tenant.owner);
    const specs: [string, number, number, number, number][] = [
      // name, firstSeen (h ago), lastSeen (h ago), timesSeen, userCount
      ['v', 50, 5, 10, 1],
      ['w', 40, 1, 3, 7],
      ['x', 30, 5, 30, 2],
      ['y', 20, 2, 1, 9],
      ['z', 10, 5, 20, 0],
    ];
    for (const [name, first, last, timesSeen, userCount] of specs) {
      const { issue } = await buildIssue(server.app, project, { overrides: { firstSeen: ago(first * HOUR), lastSeen: ago(last * HOUR), timesSeen, userCount } });
      ids[name] = issue.id;
    }
    const tie = ago(5 * HOUR).toISOString();
    // Same millisecond, different microseconds: a cursor rounded to milliseconds would skip or repeat rows here.
    // v and x tie exactly (x, the newer id, comes first); z is 7 microseconds older, in the same millisecond.
    await server.app.db.query(`UPDATE issue SET last_seen = $1::timestamptz + (CASE id WHEN $2 THEN 7 WHEN $3 THEN 7 ELSE 0 END) * interval '1 microsecond' WHERE id = ANY($4)`, [
      tie, ids.v, ids.x, [ids.v, ids.x, ids.z],
    ]);
  });

  const name = (id: string) => Object.entries(ids).find(([, value]) => String(value) === id)?.[0];

  async function allPages(sort: string, first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page: IssuePage = await projectIssues({ sort, first, after }, owner, project.slug);
      seen.push(...page.nodes.map((n) => name(n.id) ?? '?'));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  it.each([
    ['LAST_SEEN', 'w y x v z'],
    ['FIRST_SEEN', 'z y x w v'],
    ['FREQUENCY', 'x z v w y'],
    ['USERS', 'y w x v z'],
  ])('%s, descending, the same across page sizes', async (sort, expected) => {
    expect((await allPages(sort, 100)).join(' ')).toBe(expected);
    expect((await allPages(sort, 2)).join(' ')).toBe(expected);
    expect((await allPages(sort, 1)).join(' ')).toBe(expected);
  });

  it('LAST_SEEN is the default; totalCount counts every match', async () => {
    const page = await projectIssues({ first: 2 }, owner, project.slug);
    expect(page.nodes.map((n) => name(n.id))).toEqual(['w', 'y']);
    expect(page.totalCount).toBe(5);
    expect(page.totalCountIsLowerBound).toBe(false);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('counts matches only up to a limit, and says when there are more', async () => {
    const query = () => server.app.db.getRepository(Issue).createQueryBuilder('i').where('i.project_id = :id', { id: project.id });
    const keyset = { sortColumn: 'i.last_seen', sortType: 'timestamptz', idColumn: 'i.id', direction: 'DESC' } as const;
    const capped = await paginateKeyset(query(), { first: 2 }, { ...keyset, countLimit: 3 });
    expect(capped).toMatchObject({ totalCount: 3, totalCountIsLowerBound: true, pageInfo: { hasNextPage: true } });
    expect(capped.nodes).toHaveLength(2);
    expect(await paginateKeyset(query(), { first: 2 }, { ...keyset, countLimit: 5 })).toMatchObject({ totalCount: 5, totalCountIsLowerBound: false });
  });

  it('a capped count comes with the page in one statement, also on the pages after', async () => {
    const query = () => server.app.db.getRepository(Issue).createQueryBuilder('i').where('i.project_id = :id', { id: project.id });
    const keyset = { sortColumn: 'i.last_seen', sortType: 'timestamptz', idColumn: 'i.id', direction: 'DESC', countLimit: 3 } as const;
    statements = 0;
    counting = true;
    const first = await paginateKeyset(query(), { first: 4 }, keyset);
    counting = false;
    expect(statements).toBe(1);
    const last = await paginateKeyset(query(), { first: 4, after: first.pageInfo.endCursor }, keyset);
    expect(last).toMatchObject({ totalCount: 3, totalCountIsLowerBound: true, pageInfo: { hasNextPage: false } });
    // Past the last match no row carries the count: it is counted on its own.
    const beyond = await paginateKeyset(query(), { first: 4, after: last.pageInfo.endCursor }, keyset);
    expect(beyond).toMatchObject({ nodes: [], totalCount: 3, totalCountIsLowerBound: true });
    const none = await paginateKeyset(query().andWhere('FALSE'), { first: 4 }, keyset);
    expect(none).toMatchObject({ nodes: [], totalCount: 0, totalCountIsLowerBound: false });
  });
});

describe('Organization.issues and Organization.issue', () => {
  const ORG_ISSUES = 'query($org: String!, $projects: [ID!], $query: String) { organization(slug: $org) { issues(projects: $projects, query: $query, first: 100) { nodes { id project { slug } } } } }';

  it('covers every project, or the ones asked for', async () => {
    const second = await buildProject(server.app, tenant.organization, tenant.owner);
    const marker = unique('marker').replace('-', '');
    const a = await buildIssue(server.app, tenant.project, { events: [{ functionName: marker }] });
    const b = await buildIssue(server.app, second, { events: [{ functionName: marker }] });
    const all = await owner.data<{ organization: { issues: { nodes: { id: string }[] } } }>(ORG_ISSUES, { org: tenant.organization.slug, query: marker });
    expect(all.organization.issues.nodes.map((n) => n.id).sort()).toEqual([String(a.issue.id), String(b.issue.id)].sort());
    const one = await owner.data<{ organization: { issues: { nodes: { id: string }[] } } }>(ORG_ISSUES, { org: tenant.organization.slug, query: marker, projects: [String(second.id)] });
    expect(one.organization.issues.nodes.map((n) => n.id)).toEqual([String(b.issue.id)]);
  });

  it("a project of another organization in `projects` is NOT_FOUND, like one that does not exist", async () => {
    const other = await buildTenant(server.app);
    const vars = { org: tenant.organization.slug };
    const theirs = await owner.request(ORG_ISSUES, { ...vars, projects: [String(other.project.id)] });
    const none = await owner.request(ORG_ISSUES, { ...vars, projects: ['2147483000'] });
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(theirs).toEqual(none);
  });

  it('finds an issue by short id (any case) or numeric id', async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
    for (const text of [shortId, shortId.toLowerCase(), String(issue.id)]) {
      const data = await owner.data<{ organization: { issue: { id: string; shortId: string } } }>(ORG_ISSUE, { org: tenant.organization.slug, shortId: text });
      expect(data.organization.issue).toMatchObject({ id: String(issue.id), shortId });
    }
  });

  it("another organization's issue, by id or short id, is NOT_FOUND exactly like a missing one", async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const outsider = await buildTenant(server.app);
    const client = server.client({ token: outsider.token });
    const ask = (shortId: string) => client.request(ORG_ISSUE, { org: outsider.organization.slug, shortId });
    const missing = await ask(`${outsider.project.slug.toUpperCase()}-ZZZZ`);
    expect(missing.errors?.[0]).toMatchObject({ message: 'Issue not found', extensions: { code: 'NOT_FOUND' } });
    for (const text of [String(issue.id), formatShortId(tenant.project.slug, issue.shortIdNumber), '99999999999', 'garbage']) {
      expect(await ask(text)).toEqual(missing);
    }
    // And through A's own slug, the organization itself is not found.
    expect(await client.errorCode(ORG_ISSUE, { org: tenant.organization.slug, shortId: String(issue.id) })).toBe('NOT_FOUND');
  });
});

describe('Issue detail fields', () => {
  const DETAIL = `query($org: String!, $id: String!, $key: String, $period: String!) { organization(slug: $org) { issue(shortId: $id) {
    tags(key: $key) { key totalValues uniqueValues topValues { value count firstSeen lastSeen } }
    frequency(period: $period) { time count }
    latestEvent { eventId } attachments { name size url }
    events(first: 2) { totalCount nodes { eventId } pageInfo { hasNextPage } }
  } } }`;
  type Detail = {
    tags: { key: string; totalValues: number; uniqueValues: number; topValues: { value: string; count: number }[] }[];
    frequency: { time: string; count: number }[];
    latestEvent: { eventId: string } | null;
    attachments: { name: string; size: number; url: string }[];
    events: { totalCount: number; nodes: { eventId: string }[]; pageInfo: { hasNextPage: boolean } };
  };
  let issueId = '';
  let eventIds: string[] = [];
  beforeAll(async () => {
    const browsers = ['a', 'b', 'b', 'c', 'c', 'c', ...'defghijklm'];
    const { issue, events } = await buildIssue(server.app, tenant.project, {
      events: browsers.map((b, i) => ({ tags: { shade: b }, timestamp: ago(i < 3 ? 26 * HOUR : i * 60_000) })),
    });
    issueId = String(issue.id);
    eventIds = events.map((e) => e.eventId);
    await buildAttachment(server.app, events.at(-1)!, 'crash.log', 'twelve bytes');
  });
  const detail = async (variables: Record<string, unknown>) =>
    (await owner.data<{ organization: { issue: Detail } }>(DETAIL, { org: tenant.organization.slug, id: issueId, period: '24h', ...variables })).organization.issue;

  it('tags: every key with its top 10 values, or one key', async () => {
    const all = await detail({});
    expect(all.tags.map((t) => t.key)).toEqual(expect.arrayContaining(['shade', 'level', 'environment', 'server_name']));
    const shade = all.tags.find((t) => t.key === 'shade')!;
    expect(shade).toMatchObject({ totalValues: 16, uniqueValues: 13 });
    expect(shade.topValues).toHaveLength(10);
    expect(shade.topValues.slice(0, 2)).toEqual([expect.objectContaining({ value: 'c', count: 3 }), expect.objectContaining({ value: 'b', count: 2 })]);
    const only = await detail({ key: 'level' });
    expect(only.tags).toEqual([{ key: 'level', totalValues: 16, uniqueValues: 1, topValues: [expect.objectContaining({ value: 'error', count: 16 })] }]);
  });

  it('frequency: 24 hourly or 30 daily buckets, zero-filled, oldest first', async () => {
    const hourly = (await detail({})).frequency;
    expect(hourly).toHaveLength(24);
    expect(new Date(hourly.at(-1)!.time).getTime()).toBe(Math.floor(Date.now() / HOUR) * HOUR);
    expect(hourly.reduce((sum, p) => sum + p.count, 0)).toBe(13); // three events are 26 hours old
    const daily = (await detail({ period: '30d' })).frequency;
    expect(daily).toHaveLength(30);
    expect(new Date(daily[1]!.time).getTime() - new Date(daily[0]!.time).getTime()).toBe(24 * HOUR);
    expect(daily.reduce((sum, p) => sum + p.count, 0)).toBe(16);
    expect(await owner.errorCode(DETAIL, { org: tenant.organization.slug, id: issueId, period: '7d' })).toBe('BAD_USER_INPUT');
  });

  it('events newest first, latest event and its attachments with download URL', async () => {
    const d = await detail({});
    expect(d.latestEvent?.eventId).toBe(eventIds.at(-1));
    expect(d.events).toEqual({ totalCount: 16, nodes: [{ eventId: eventIds.at(-1) }, { eventId: eventIds.at(-2) }], pageInfo: { hasNextPage: true } });
    const id = (await server.app.db.query('SELECT id FROM event_attachment WHERE event_id = $1', [eventIds.at(-1)]))[0].id;
    expect(d.attachments).toEqual([
      { name: 'crash.log', size: 12, url: `/api/0/projects/${tenant.organization.slug}/${tenant.project.slug}/events/${eventIds.at(-1)}/attachments/${id}/?download=1` },
    ]);
  });
});

describe('a readonly member', () => {
  it('reads issues and their details', async () => {
    const { user } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.READONLY);
    const client = server.client({ token: await tokenFor(server.app, user) });
    const { issue } = await buildIssue(server.app, tenant.project);
    const page = await projectIssues({ query: `is:unresolved` }, client);
    expect(page.nodes.map((n) => n.id)).toContain(String(issue.id));
  });
});

describe('lists load nested fields in batches', () => {
  it('a page of 3 issues and a page of 9 cost the same number of SQL statements', async () => {
    const project = await buildProject(server.app, tenant.organization, tenant.owner);
    const release = unique('web@1');
    const build = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const { issue } = await buildIssue(server.app, project, { events: [{ release }] });
        await triage(server.app, tenant.owner, tenant.organization, issue, { assignee: { userId: String(tenant.owner.id) }, status: IssueStatusChange.RESOLVED_IN_NEXT_RELEASE });
      }
    };
    // Two documents: together they would exceed the query cost limit.
    const documents = [
      `${ISSUE_FIELDS} resolvedInRelease { version } attachments { url } frequency { count }`,
      'latestEvent { eventId release { version } issue { id } attachments { url } }',
    ].map((fields) => `query($org: String!, $project: String!, $first: Int) { organization(slug: $org) { project(slug: $project) { issues(first: $first) { nodes { ${fields} } } } } }`);
    const cost = async () => {
      statements = 0;
      counting = true;
      const rows: number[] = [];
      for (const document of documents) {
        const data = await owner.data<{ organization: { project: { issues: { nodes: unknown[] } } } }>(document, { org: tenant.organization.slug, project: project.slug, first: 100 });
        rows.push(data.organization.project.issues.nodes.length);
      }
      counting = false;
      return { statements, rows };
    };
    await build(3);
    const small = await cost();
    await build(6);
    const large = await cost();
    expect([small.rows, large.rows]).toEqual([[3, 3], [9, 9]]);
    expect(large.statements).toBe(small.statements);
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse, print, specifiedRules, validate, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberRole } from '../../api/src/auth/scopes.js';
import { MAX_TOKENS, queryLimits } from '../../api/src/graphql/apollo.js';
import { formatShortId } from '../../api/src/issues/short-id.js';
import { buildGraphQLSchema } from '../../api/src/server/schema.js';
import { setPassword } from '../../api/src/users/user.service.js';
import { buildMember, buildTenant, sessionCookieFor, TEST_PASSWORD } from '../support/factories.js';
import { buildIssue } from '../support/issue-factories.js';
import { buildCommit, buildProjectRelease, buildRepository } from '../support/release-factories.js';
import { REPO_ROOT } from '../support/processes.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Every query, mutation and subscription the dashboard sends, read from its sources, must pass
 * the server's own validation: the schema, and the depth, cost and alias limits that answer a
 * too-expensive operation with an error instead of data.
 */
const DOCUMENTS = path.join(REPO_ROOT, 'web/src/graphql/documents');

async function dashboardDefinitions(): Promise<DefinitionNode[]> {
  const definitions: DefinitionNode[] = [];
  for (const file of (await fs.readdir(DOCUMENTS)).filter((name) => name.endsWith('.ts'))) {
    const source = await fs.readFile(path.join(DOCUMENTS, file), 'utf8');
    for (const match of source.matchAll(/graphql\(`([^`]*)`\)/g)) {
      definitions.push(...parse(match[1]!, { maxTokens: MAX_TOKENS }).definitions);
    }
  }
  return definitions;
}

/** The operation with the fragments it spreads (transitively). */
function withFragments(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): DocumentNode {
  const needed = new Map<string, FragmentDefinitionNode>();
  const visit = (text: string) => {
    for (const [, name] of text.matchAll(/\.\.\.([A-Za-z_]\w*)/g)) {
      const fragment = fragments.get(name!);
      if (fragment && !needed.has(name!)) {
        needed.set(name!, fragment);
        visit(fragment.loc?.source.body.slice(fragment.loc.start, fragment.loc.end) ?? '');
      }
    }
  };
  visit(operation.loc?.source.body.slice(operation.loc.start, operation.loc.end) ?? '');
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

let schema: GraphQLSchema;
let operations: OperationDefinitionNode[];
let fragments: Map<string, FragmentDefinitionNode>;

beforeAll(async () => {
  schema = await buildGraphQLSchema(null);
  const definitions = await dashboardDefinitions();
  operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
});

describe('dashboard operations', () => {
  it('are found in web/src/graphql/documents', () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(new Set(operations.map((o) => o.name?.value)).size).toBe(operations.length);
  });

  it('each pass the schema and the query limits', () => {
    const rules = [...specifiedRules, ...(queryLimits().validationRules as ValidationRule[])];
    const failures = operations.flatMap((operation) =>
      validate(schema, withFragments(operation, fragments), rules).map((error) => `${operation.name?.value}: ${error.message}`),
    );
    expect(failures).toEqual([]);
  });
});

/** What the seeded organization offers a page to ask about. */
interface Seeded {
  org: string;
  project: string;
  projectId: string;
  shortId: string;
  eventId: string;
  version: string;
}

/**
 * The variables each page sends with its query (read off the components that run them), so the
 * cost and the answer are those of the real request: a page's `first:`, its default search, ids
 * that exist. A new query without an entry here fails the test.
 */
const PAGE_VARIABLES: Record<string, (s: Seeded) => Record<string, unknown>> = {
  Viewer: () => ({}),
  Organization: (s) => ({ org: s.org }),
  HasIssues: (s) => ({ org: s.org }),
  PipelineHealth: (s) => ({ org: s.org }),
  IssueStream: (s) => ({ org: s.org, projects: null, query: 'is:unresolved', sort: 'LAST_SEEN', environment: null, statsPeriod: null, after: null, first: 25 }),
  AssigneeOptions: (s) => ({ org: s.org }),
  SearchValues: (s) => ({ org: s.org }),
  Environments: (s) => ({ org: s.org, projects: [s.projectId] }),
  JumpToIssue: (s) => ({ org: s.org, query: s.shortId }),
  IssuePage: (s) => ({ org: s.org, shortId: s.shortId, environment: 'production' }),
  IssueFrequency: (s) => ({ org: s.org, shortId: s.shortId, period: '30d', environment: 'production' }),
  IssueTags: (s) => ({ org: s.org, shortId: s.shortId, environment: 'staging', limit: 10 }),
  IssueActivity: (s) => ({ org: s.org, shortId: s.shortId }),
  IssueEventIds: (s) => ({ org: s.org, shortId: s.shortId, after: null, environment: null }),
  IssueEvents: (s) => ({ org: s.org, shortId: s.shortId, query: 'level:error', environment: 'production', first: 25, after: null }),
  IssueTagValues: (s) => ({ org: s.org, shortId: s.shortId, key: 'environment', environment: null, first: 25, after: null }),
  IssueEnvironmentStats: (s) => ({ org: s.org, shortId: s.shortId, environment: 'production' }),
  IssueGroupHashes: (s) => ({ org: s.org, shortId: s.shortId }),
  IssueOwnership: (s) => ({ org: s.org, shortId: s.shortId }),
  Event: (s) => ({ org: s.org, eventId: s.eventId }),
  ReleaseList: (s) => ({ org: s.org, projects: null, query: null, environment: null, after: null }),
  IssueCounts: (s) => ({ org: s.org, queries: ['is:unresolved', 'is:unresolved is:for_review', 'is:ignored', 'is:resolved'], projects: null, environment: null, statsPeriod: null }),
  SavedSearches: (s) => ({ org: s.org }),
  ReleaseEventCounts: (s) => ({ org: s.org, versions: ['1.0.0', '1.0.1', '1.1.0', '2.0.0', '2.1.0'], projects: null, environment: null }),
  ReleasePage: (s) => ({ org: s.org, version: s.version }),
  ReleaseCommits: (s) => ({ org: s.org, version: s.version }),
  ReleaseFiles: (s) => ({ org: s.org, version: s.version }),
  ReleaseIssues: (s) => ({ org: s.org, version: s.version }),
  OrganizationSettings: (s) => ({ org: s.org }),
  Repositories: (s) => ({ org: s.org }),
  ApiTokens: () => ({}),
  NotificationSettings: () => ({}),
  AccountSessions: () => ({}),
  MailOutbox: () => ({}),
  ProjectSettings: (s) => ({ org: s.org, project: s.project }),
  ProjectSetup: (s) => ({ org: s.org, project: s.project }),
  ParkedEnvelopes: (s) => ({ org: s.org, project: s.project }),
  IssueSubscription: (s) => ({ org: s.org, shortId: s.shortId }),
  IssueSharing: (s) => ({ org: s.org, shortId: s.shortId }),
  ViewerMentions: () => ({ after: null }),
  OrganizationInvites: (s) => ({ org: s.org }),
  // The invitation page of someone signed out; here no such invite exists, which it must say.
  Invitation: () => ({ inviteId: '2147483000', token: 'no-such-token' }),
  AlertRules: (s) => ({ org: s.org, project: s.project }),
  ServiceHooks: (s) => ({ org: s.org, project: s.project }),
  DebugFiles: (s) => ({ org: s.org, project: s.project }),
  StreamProcessingIssues: (s) => ({ org: s.org, project: s.project }),
  ReleaseArtifacts: (s) => ({ org: s.org, version: s.version }),
  OrganizationSlack: (s) => ({ org: s.org }),
  SlackIdentities: () => ({}),
};

/** Answers a page may rightly get for the seeded data (an invitation that does not exist). */
const EXPECTED_ERRORS: Record<string, string> = { Invitation: 'NOT_FOUND' };

describe('dashboard queries, run as their pages run them', () => {
  let server: TestServer;
  let seeded: Seeded;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { app } = server;
    const { owner, organization, project } = await buildTenant(app);
    // Members, events and commits, so lists have rows: a cost that grows with data shows.
    for (const role of [MemberRole.ADMIN, MemberRole.MEMBER, MemberRole.READONLY]) await buildMember(app, organization, owner, role);
    const { issue, events } = await buildIssue(app, project, { events: [{ environment: 'production' }, { environment: 'staging' }] });
    const repository = await buildRepository(app, organization, `acme/${project.slug}`);
    const release = await buildProjectRelease(app, [project], { version: `${project.slug}@1.0.0`, commits: [await buildCommit(app, repository, { message: 'Fix the cart' })] });
    seeded = {
      org: organization.slug,
      project: project.slug,
      projectId: String(project.id),
      shortId: formatShortId(project.slug, issue.shortIdNumber),
      eventId: events[0]!.eventId,
      version: release.version,
    };
    await setPassword(app.db, owner, TEST_PASSWORD);
    cookie = await sessionCookieFor(app, owner);
  }, 120_000);
  afterAll(async () => server?.close());

  it('has page variables for every query', () => {
    const queries = operations.filter((o) => o.operation === 'query').map((o) => o.name!.value);
    expect(queries.filter((name) => !PAGE_VARIABLES[name]), 'queries without page variables').toEqual([]);
    expect(Object.keys(PAGE_VARIABLES).filter((name) => !queries.includes(name)), 'page variables of no query').toEqual([]);
  });

  it('each answers without errors, within the query limits, over HTTP', async () => {
    const client = server.client({ cookie });
    const failures: string[] = [];
    for (const operation of operations.filter((o) => o.operation === 'query')) {
      const name = operation.name!.value;
      const variables = PAGE_VARIABLES[name]?.(seeded) ?? {};
      const response = await client.request(print(withFragments(operation, fragments)), variables);
      for (const error of response.errors ?? []) if (error.extensions?.code !== EXPECTED_ERRORS[name]) failures.push(`${name}: ${error.message}`);
      if (!response.errors?.length && !response.data) failures.push(`${name}: no data`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

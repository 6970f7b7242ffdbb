import type { Logger as TypeOrmLogger } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildMember, buildOrganization, buildProject, buildUser, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import type { Organization } from '../organizations/organization.entity.js';
import { addTeamMember, createTeam } from '../teams/team.service.js';
import type { User } from '../users/user.entity.js';

/** Counts every SQL statement the web server's data source runs. */
let statements: string[] = [];
const logger: TypeOrmLogger = {
  logQuery: (query) => void statements.push(query),
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

const QUERY = `query($org: String!) {
  organization(slug: $org) {
    members(first: 100) { nodes { role user { email } teams { slug } } }
    projects(first: 100) { nodes { dsn keys { publicKey } } }
    teams(first: 100) { nodes { members { user { email } } } }
  }
}`;

type Result = {
  organization: {
    members: { nodes: { role: string; user: { email: string }; teams: { slug: string }[] }[] };
    projects: { nodes: { dsn: string; keys: { publicKey: string }[] }[] };
    teams: { nodes: { members: { user: { email: string } }[] }[] };
  };
};

let server: TestServer;
let owner: User;
let client: GraphQLTestClient;

beforeAll(async () => {
  server = await startTestServer({ dataSource: { logger } });
  owner = await buildUser(server.app);
  client = server.client({ token: await tokenFor(server.app, owner) });
});
afterAll(async () => server?.close());

/** An organization with `n` members (owner included), `n` projects and `n` teams of two members each. */
async function organizationOfSize(n: number): Promise<Organization> {
  const app = server.app;
  const organization = await buildOrganization(app, owner);
  const access = await accessFor(app, owner, organization);
  const members = [access.membership];
  for (let i = 1; i < n; i++) members.push((await buildMember(app, organization, owner, MemberRole.MEMBER)).member);
  for (let i = 0; i < n; i++) await buildProject(app, organization, owner);
  for (let i = 0; i < n; i++) {
    const team = await createTeam(app.db, access, { name: unique('team') });
    await addTeamMember(app.db, team, members[i]!);
    await addTeamMember(app.db, team, members[(i + 1) % n]!);
  }
  return organization;
}

/** The statements one run of the query costs (after a warm-up run, so token bookkeeping is done). */
async function statementsFor(organization: Organization): Promise<{ count: number; result: Result }> {
  await client.data(QUERY, { org: organization.slug });
  statements = [];
  const result = await client.data<Result>(QUERY, { org: organization.slug });
  return { count: statements.length, result };
}

describe('list fields are batched (no query per row)', () => {
  it('costs the same number of SQL statements for 3 rows of each as for 30', async () => {
    const small = await statementsFor(await organizationOfSize(3));
    const large = await statementsFor(await organizationOfSize(30));

    // The data really is 10x larger, and fully resolved.
    for (const [run, n] of [[small, 3], [large, 30]] as const) {
      const { members, projects, teams } = run.result.organization;
      expect(members.nodes).toHaveLength(n);
      expect(members.nodes.every((m) => m.user.email && m.teams.length === 2)).toBe(true);
      expect(projects.nodes).toHaveLength(n);
      expect(projects.nodes.every((p) => p.dsn && p.keys.length === 1 && p.dsn.includes(p.keys[0]!.publicKey))).toBe(true);
      expect(teams.nodes).toHaveLength(n);
      expect(teams.nodes.every((t) => t.members.length === 2 && t.members.every((m) => m.user.email))).toBe(true);
    }

    expect(small.count).toBeGreaterThan(0);
    expect(large.count, `statements for 30 rows:\n${statements.join('\n')}`).toBe(small.count);
    // A fixed, small budget: auth, access, 3 x (count + page), and one batch per nested list.
    expect(small.count).toBeLessThanOrEqual(15);
  });
});

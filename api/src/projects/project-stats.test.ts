import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { releaseHealthFor } from './project-stats.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>> & { client: GraphQLTestClient };

async function tenant(): Promise<Tenant> {
  const built = await buildTenant(server.app);
  return { ...built, client: server.client({ token: built.token }) };
}

/** One field of the tenant's project, read through organization → project. */
async function projectField<T>(t: Tenant, selection: string, variables: Record<string, unknown> = {}, client = t.client): Promise<T> {
  const declared = Object.keys(variables).map((name) => `, $${name}: ${VARIABLE_TYPES[name]}`).join('');
  const data = await client.data<{ organization: { project: T } }>(
    `query($org: String!, $slug: String!${declared}) { organization(slug: $org) { project(slug: $slug) { ${selection} } } }`,
    { org: t.organization.slug, slug: t.project.slug, ...variables },
  );
  return data.organization.project;
}
const VARIABLE_TYPES: Record<string, string> = {
  since: 'DateTimeISO', until: 'DateTimeISO', groupBy: '[OutcomeGroupBy!]', release: 'String', environment: 'String',
};

const HOUR = 3_600_000;
// Fixed once, so a run that crosses the turn of an hour still aims at the same buckets.
const THIS_HOUR = Math.floor(Date.now() / HOUR) * HOUR;
/** The start of the UTC hour `hoursAgo` hours back. */
const hourAgo = (hoursAgo: number) => new Date(THIS_HOUR - hoursAgo * HOUR);

async function addOutcome(projectId: number, hour: Date, outcome: string, reason: string, category: string, quantity: number | string): Promise<void> {
  await server.app.db.query('INSERT INTO outcome (project_id, hour, outcome, reason, category, quantity) VALUES ($1, $2, $3, $4, $5, $6)', [
    projectId, hour, outcome, reason, category, quantity,
  ]);
}

describe('Project.outcomes and outcomeTotals', () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await tenant();
    const other = await tenant();
    await addOutcome(t.project.id, hourAgo(1), 'accepted', '', 'error', 5_000_000_000); // beyond int4: bigint in the table
    await addOutcome(t.project.id, hourAgo(1), 'filtered', 'release-version', 'error', 3);
    await addOutcome(t.project.id, hourAgo(1), 'filtered', 'localhost', 'error', 2);
    await addOutcome(t.project.id, hourAgo(2), 'filtered', 'release-version', 'error', 4);
    await addOutcome(t.project.id, hourAgo(2), 'rate_limited', 'key_quota', 'error', 7);
    await addOutcome(t.project.id, hourAgo(2), 'invalid', 'invalid_json', 'error', 1);
    await addOutcome(t.project.id, hourAgo(2), 'client_discard', 'queue_overflow', 'transaction', 6);
    await addOutcome(t.project.id, hourAgo(30), 'accepted', '', 'error', 100); // outside the default 24 h
    await addOutcome(other.project.id, hourAgo(1), 'accepted', '', 'error', 1000); // another project
  });

  it('sums everything of the last 24 hours into one row without groupBy', async () => {
    const { outcomes } = await projectField<{ outcomes: unknown[] }>(t, 'outcomes { hour outcome reason category quantity }');
    expect(outcomes).toEqual([{ hour: null, outcome: null, reason: null, category: null, quantity: 5_000_000_023 }]);
  });

  it('groups by outcome and reason', async () => {
    const { outcomes } = await projectField<{ outcomes: unknown[] }>(t, 'outcomes(groupBy: $groupBy) { outcome reason quantity }', { groupBy: ['OUTCOME', 'REASON'] });
    expect(outcomes).toEqual([
      { outcome: 'ACCEPTED', reason: '', quantity: 5_000_000_000 },
      { outcome: 'CLIENT_DISCARD', reason: 'queue_overflow', quantity: 6 },
      { outcome: 'FILTERED', reason: 'localhost', quantity: 2 },
      { outcome: 'FILTERED', reason: 'release-version', quantity: 7 },
      { outcome: 'INVALID', reason: 'invalid_json', quantity: 1 },
      { outcome: 'RATE_LIMITED', reason: 'key_quota', quantity: 7 },
    ]);
  });

  it('groups by hour and category within since/until (the bucket holding `since` counts)', async () => {
    const since = new Date(hourAgo(2).getTime() + 10 * 60_000).toISOString(); // 10 min into the older bucket
    const { outcomes } = await projectField<{ outcomes: unknown[] }>(t, 'outcomes(since: $since, until: $until, groupBy: $groupBy) { hour category quantity }', {
      since,
      until: hourAgo(1).toISOString(),
      groupBy: ['CATEGORY', 'HOUR'],
    });
    expect(outcomes).toEqual([
      { hour: hourAgo(2).toISOString(), category: 'error', quantity: 12 },
      { hour: hourAgo(2).toISOString(), category: 'transaction', quantity: 6 },
    ]);
  });

  it('goes back up to 90 days when asked', async () => {
    const since = new Date(Date.now() - 89 * 24 * HOUR).toISOString();
    const { outcomes } = await projectField<{ outcomes: { quantity: number }[] }>(t, 'outcomes(since: $since) { quantity }', { since });
    expect(outcomes).toEqual([{ quantity: 5_000_000_123 }]);
  });

  it('an empty range groups to nothing and totals to zero', async () => {
    const fresh = await tenant();
    expect(await projectField(fresh, 'outcomes(groupBy: $groupBy) { outcome quantity }', { groupBy: ['OUTCOME'] })).toEqual({ outcomes: [] });
    expect(await projectField(fresh, 'outcomes { quantity }')).toEqual({ outcomes: [{ quantity: 0 }] });
    expect(await projectField(fresh, 'outcomeTotals { accepted filtered rateLimited invalid clientDiscarded }')).toEqual({
      outcomeTotals: { accepted: 0, filtered: 0, rateLimited: 0, invalid: 0, clientDiscarded: 0 },
    });
  });

  it('totals per outcome', async () => {
    expect(await projectField(t, 'outcomeTotals { accepted filtered rateLimited invalid clientDiscarded }')).toEqual({
      outcomeTotals: { accepted: 5_000_000_000, filtered: 9, rateLimited: 7, invalid: 1, clientDiscarded: 6 },
    });
    const since = hourAgo(48).toISOString();
    expect(await projectField(t, 'outcomeTotals(since: $since) { accepted }', { since })).toEqual({ outcomeTotals: { accepted: 5_000_000_100 } });
  });

  it.each([
    ['outcomes: since more than 90 days ago', 'outcomes(since: $since) { quantity }', { since: new Date(Date.now() - 91 * 24 * HOUR).toISOString() }, 'since'],
    ['outcomeTotals: since more than 90 days ago', 'outcomeTotals(since: $since) { accepted }', { since: new Date(Date.now() - 91 * 24 * HOUR).toISOString() }, 'since'],
    ['outcomes: until before since', 'outcomes(since: $since, until: $until) { quantity }', { since: hourAgo(1).toISOString(), until: hourAgo(2).toISOString() }, 'until'],
  ])('refuses %s with BAD_USER_INPUT', async (_what, selection, variables, field) => {
    const declared = Object.keys(variables).map((name) => `, $${name}: DateTimeISO`).join('');
    const result = await t.client.request(
      `query($org: String!, $slug: String!${declared}) { organization(slug: $org) { project(slug: $slug) { ${selection} } } }`,
      { org: t.organization.slug, slug: t.project.slug, ...variables },
    );
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('a READONLY member may read them', async () => {
    const { user } = await buildMember(server.app, t.organization, t.owner, MemberRole.READONLY);
    const readonly = server.client({ token: await tokenFor(server.app, user) });
    expect(await projectField(t, 'outcomeTotals { filtered }', {}, readonly)).toEqual({ outcomeTotals: { filtered: 9 } });
  });
});

async function addSession(projectId: number, sid: string, release: string, environment: string, status: string, errors: number, did: string | null, started = new Date()): Promise<void> {
  await server.app.db.query(
    `INSERT INTO release_session (project_id, sid, release, environment, status, errors, distinct_id, started, last_update)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [projectId, sid, release, environment, status, errors, did, started],
  );
}

async function addAggregate(projectId: number, release: string, environment: string, started: Date, counts: { exited: number; errored: number; crashed: number; abnormal: number }): Promise<void> {
  await server.app.db.query(
    `INSERT INTO session_aggregate (project_id, release, environment, started, exited, errored, crashed, abnormal)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [projectId, release, environment, started, counts.exited, counts.errored, counts.crashed, counts.abnormal],
  );
}

describe('Project.releaseHealth', () => {
  let t: Tenant;
  const old = new Date(Date.now() - 10 * 24 * HOUR);
  const HEALTH = 'releaseHealth(release: $release, environment: $environment, since: $since) { release environment sessions crashed errored abnormal crashFreeSessions crashFreeUsers }';

  beforeAll(async () => {
    t = await tenant();
    const p = t.project.id;
    // web@1: 4 sessions of 3 users in production (u1 crashed once), 1 in staging without a user.
    await addSession(p, 's1', 'web@1', 'production', 'exited', 0, 'u1');
    await addSession(p, 's2', 'web@1', 'production', 'crashed', 1, 'u1');
    await addSession(p, 's3', 'web@1', 'production', 'exited', 2, 'u2'); // errored: errors without a crash
    await addSession(p, 's4', 'web@1', 'production', 'abnormal', 0, 'u3', old);
    await addSession(p, 's5', 'web@1', 'staging', 'errored', 0, null);
    // Plus request-mode aggregates: 10 sessions, 1 crashed, 2 errored.
    await addAggregate(p, 'web@1', 'production', new Date(), { exited: 7, errored: 2, crashed: 1, abnormal: 0 });
    // web@2: aggregates only, so no users.
    await addAggregate(p, 'web@2', 'production', new Date(), { exited: 3, errored: 0, crashed: 1, abnormal: 0 });
    // web@3: an aggregate row of zeros, so no sessions at all.
    await addAggregate(p, 'web@3', 'production', new Date(), { exited: 0, errored: 0, crashed: 0, abnormal: 0 });
  });

  it('counts each release over all environments', async () => {
    const { releaseHealth } = await projectField<{ releaseHealth: unknown[] }>(t, HEALTH, { release: null, environment: null, since: null });
    expect(releaseHealth).toEqual([
      // 5 single + 10 aggregated sessions, 2 crashed; users u1 (crashed), u2, u3.
      { release: 'web@1', environment: null, sessions: 15, crashed: 2, errored: 4, abnormal: 1, crashFreeSessions: 13 / 15, crashFreeUsers: 2 / 3 },
      { release: 'web@2', environment: null, sessions: 4, crashed: 1, errored: 0, abnormal: 0, crashFreeSessions: 0.75, crashFreeUsers: null },
      { release: 'web@3', environment: null, sessions: 0, crashed: 0, errored: 0, abnormal: 0, crashFreeSessions: null, crashFreeUsers: null },
    ]);
  });

  it('narrows to one release, environment and start time', async () => {
    const staging = await projectField<{ releaseHealth: unknown[] }>(t, HEALTH, { release: 'web@1', environment: 'staging', since: null });
    expect(staging.releaseHealth).toEqual([
      { release: 'web@1', environment: 'staging', sessions: 1, crashed: 0, errored: 1, abnormal: 0, crashFreeSessions: 1, crashFreeUsers: null },
    ]);
    const recent = await projectField<{ releaseHealth: unknown[] }>(t, HEALTH, {
      release: 'web@1',
      environment: 'production',
      since: new Date(Date.now() - 24 * HOUR).toISOString(),
    });
    expect(recent.releaseHealth).toEqual([
      { release: 'web@1', environment: 'production', sessions: 13, crashed: 2, errored: 3, abnormal: 0, crashFreeSessions: 11 / 13, crashFreeUsers: 0.5 },
    ]);
    const none = await projectField<{ releaseHealth: unknown[] }>(t, HEALTH, { release: 'web@9', environment: null, since: null });
    expect(none.releaseHealth).toEqual([]);
  });

  it('releaseHealthFor: several projects and releases at once, optionally per environment', async () => {
    const other = await tenant();
    await addSession(other.project.id, 'x1', 'web@1', 'production', 'crashed', 0, 'u9');
    const rows = await releaseHealthFor(server.app.db, [t.project.id, other.project.id], ['web@1'], { byEnvironment: true });
    expect(rows.map((r) => [r.projectId, r.release, r.environment, r.sessions, r.crashed, r.users])).toEqual([
      [t.project.id, 'web@1', 'production', 14, 2, 3],
      [t.project.id, 'web@1', 'staging', 1, 0, 0],
      [other.project.id, 'web@1', 'production', 1, 1, 1],
    ].sort((a, b) => Number(a[0]) - Number(b[0])));
    expect(await releaseHealthFor(server.app.db, [t.project.id], [])).toEqual([]);
  });

  it("another organization's project is NOT_FOUND", async () => {
    const b = await tenant();
    const result = await b.client.request(
      'query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { releaseHealth { release } } } }',
      { org: t.organization.slug, slug: t.project.slug },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

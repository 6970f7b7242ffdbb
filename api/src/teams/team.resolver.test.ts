import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const CREATE = 'mutation($org: String!, $input: CreateTeamInput!) { createTeam(organizationSlug: $org, input: $input) { id slug name } }';
const UPDATE = 'mutation($org: String!, $team: String!, $input: UpdateTeamInput!) { updateTeam(organizationSlug: $org, teamSlug: $team, input: $input) { id slug name } }';
const DELETE = 'mutation($org: String!, $team: String!) { deleteTeam(organizationSlug: $org, teamSlug: $team) }';
const ADD = 'mutation($org: String!, $team: String!, $member: ID!) { addTeamMember(organizationSlug: $org, teamSlug: $team, memberId: $member) { slug members { id } } }';
const REMOVE = 'mutation($org: String!, $team: String!, $member: ID!) { removeTeamMember(organizationSlug: $org, teamSlug: $team, memberId: $member) { slug members { id } } }';
const TEAM = 'query($org: String!, $team: String!) { organization(slug: $org) { team(slug: $team) { id slug name members { id role user { email } } } } }';
const TEAMS = 'query($org: String!) { organization(slug: $org) { teams(first: 100) { totalCount nodes { slug name } } } }';
const MEMBER_TEAMS = 'query($org: String!) { organization(slug: $org) { members(first: 100) { nodes { id teams { slug } } } } }';

type Team = { id: string; slug: string; name: string };

async function organizationWithOwner() {
  const tenant = await buildTenant(server.app);
  const join = async (role: MemberRole): Promise<{ id: string; email: string; client: GraphQLTestClient }> => {
    const { user, member } = await buildMember(server.app, tenant.organization, tenant.owner, role);
    return { id: String(member.id), email: user.email, client: server.client({ token: await tokenFor(server.app, user) }) };
  };
  return { ...tenant, org: tenant.organization.slug, owner: server.client({ token: tenant.token }), join };
}

describe('teams', () => {
  it('creates a team with a derived or explicit slug and lists it', async () => {
    const { org, owner } = await organizationWithOwner();
    const derived = await owner.data<{ createTeam: Team }>(CREATE, { org, input: { name: 'Back End' } });
    expect(derived.createTeam).toMatchObject({ slug: 'back-end', name: 'Back End' });
    const explicit = await owner.data<{ createTeam: Team }>(CREATE, { org, input: { name: 'Front', slug: 'fe' } });
    expect(explicit.createTeam).toMatchObject({ slug: 'fe', name: 'Front' });
    expect(await owner.data(TEAMS, { org })).toEqual({
      organization: { teams: { totalCount: 2, nodes: [{ slug: 'back-end', name: 'Back End' }, { slug: 'fe', name: 'Front' }] } },
    });
    expect(await owner.data(TEAM, { org, team: 'fe' })).toEqual({
      organization: { team: { id: explicit.createTeam.id, slug: 'fe', name: 'Front', members: [] } },
    });
  });

  it('refuses a duplicate slug with CONFLICT and bad input with BAD_USER_INPUT', async () => {
    const { org, owner } = await organizationWithOwner();
    await owner.data(CREATE, { org, input: { name: 'Ops' } });
    const duplicate = await owner.request(CREATE, { org, input: { name: 'Operations', slug: 'ops' } });
    expect(duplicate.errors?.[0]).toMatchObject({ message: expect.stringContaining('"ops"'), extensions: { code: 'CONFLICT', field: 'slug' } });
    expect(await owner.errorCode(CREATE, { org, input: { name: 'x', slug: 'Has Spaces' } })).toBe('BAD_USER_INPUT');
    expect(await owner.errorCode(CREATE, { org, input: { name: 'x', slug: '42' } })).toBe('BAD_USER_INPUT');
    expect(await owner.errorCode(CREATE, { org, input: { name: '' } })).toBe('BAD_USER_INPUT');
    expect(await owner.data(TEAMS, { org })).toMatchObject({ organization: { teams: { totalCount: 1 } } });
  });

  it('the same team slug may exist in two organizations', async () => {
    const first = await organizationWithOwner();
    const second = await organizationWithOwner();
    await first.owner.data(CREATE, { org: first.org, input: { name: 'Platform' } });
    await second.owner.data(CREATE, { org: second.org, input: { name: 'Platform' } });
    expect(await second.owner.data(TEAMS, { org: second.org })).toMatchObject({ organization: { teams: { totalCount: 1 } } });
  });

  it('renames a team and its slug; the old slug is gone', async () => {
    const { org, owner } = await organizationWithOwner();
    const { createTeam } = await owner.data<{ createTeam: Team }>(CREATE, { org, input: { name: 'Mobile' } });
    const { updateTeam } = await owner.data<{ updateTeam: Team }>(UPDATE, { org, team: 'mobile', input: { name: 'Apps', slug: 'apps' } });
    expect(updateTeam).toEqual({ id: createTeam.id, slug: 'apps', name: 'Apps' });
    expect(await owner.data(TEAM, { org, team: 'mobile' })).toEqual({ organization: { team: null } });
    expect(await owner.errorCode(UPDATE, { org, team: 'mobile', input: { name: 'x' } })).toBe('NOT_FOUND');
    // A name-only update keeps the slug.
    expect(await owner.data(UPDATE, { org, team: 'apps', input: { name: 'Apps Team' } })).toEqual({ updateTeam: { id: createTeam.id, slug: 'apps', name: 'Apps Team' } });
  });

  it('refuses renaming to a taken slug (CONFLICT) or a bad one (BAD_USER_INPUT)', async () => {
    const { org, owner } = await organizationWithOwner();
    await owner.data(CREATE, { org, input: { name: 'One' } });
    await owner.data(CREATE, { org, input: { name: 'Two' } });
    expect(await owner.errorCode(UPDATE, { org, team: 'two', input: { slug: 'one' } })).toBe('CONFLICT');
    expect(await owner.errorCode(UPDATE, { org, team: 'two', input: { slug: 'Not OK' } })).toBe('BAD_USER_INPUT');
    expect(await owner.errorCode(UPDATE, { org, team: 'two', input: { name: ' ' } })).toBe('BAD_USER_INPUT');
    expect(await owner.data(TEAM, { org, team: 'two' })).toMatchObject({ organization: { team: { slug: 'two', name: 'Two' } } });
  });

  it('deletes a team; deleting it again is NOT_FOUND', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const member = await join(MemberRole.MEMBER);
    await owner.data(CREATE, { org, input: { name: 'Temp' } });
    await owner.data(ADD, { org, team: 'temp', member: member.id });
    expect(await owner.data(DELETE, { org, team: 'temp' })).toEqual({ deleteTeam: true });
    expect(await owner.data(TEAM, { org, team: 'temp' })).toEqual({ organization: { team: null } });
    expect(await owner.errorCode(DELETE, { org, team: 'temp' })).toBe('NOT_FOUND');
    // The member stays in the organization, just without the team.
    const { organization } = await owner.data<{ organization: { members: { nodes: { id: string; teams: unknown[] }[] } } }>(MEMBER_TEAMS, { org });
    expect(organization.members.nodes.find((m) => m.id === member.id)).toEqual({ id: member.id, teams: [] });
  });

  it('an admin manages teams; a member or readonly member may not (FORBIDDEN) but may read them', async () => {
    const { org, join } = await organizationWithOwner();
    const admin = await join(MemberRole.ADMIN);
    await admin.client.data(CREATE, { org, input: { name: 'Admins Team' } });
    await admin.client.data(UPDATE, { org, team: 'admins-team', input: { name: 'Renamed' } });
    for (const role of [MemberRole.MEMBER, MemberRole.READONLY]) {
      const caller = await join(role);
      expect(await caller.client.errorCode(CREATE, { org, input: { name: unique('t') } }), role).toBe('FORBIDDEN');
      expect(await caller.client.errorCode(UPDATE, { org, team: 'admins-team', input: { name: 'x' } }), role).toBe('FORBIDDEN');
      expect(await caller.client.errorCode(DELETE, { org, team: 'admins-team' }), role).toBe('FORBIDDEN');
      expect(await caller.client.errorCode(ADD, { org, team: 'admins-team', member: caller.id }), role).toBe('FORBIDDEN');
      expect(await caller.client.data(TEAM, { org, team: 'admins-team' })).toMatchObject({ organization: { team: { name: 'Renamed' } } });
    }
    expect(await admin.client.data(DELETE, { org, team: 'admins-team' })).toEqual({ deleteTeam: true });
  });
});

describe('team membership', () => {
  it('adds and removes members; both sides of the relation show it', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const alice = await join(MemberRole.MEMBER);
    const bob = await join(MemberRole.READONLY);
    await owner.data(CREATE, { org, input: { name: 'Core' } });
    await owner.data(CREATE, { org, input: { name: 'Web' } });

    expect(await owner.data(ADD, { org, team: 'core', member: alice.id })).toEqual({ addTeamMember: { slug: 'core', members: [{ id: alice.id }] } });
    await owner.data(ADD, { org, team: 'core', member: bob.id });
    await owner.data(ADD, { org, team: 'web', member: alice.id });

    const { organization } = await owner.data<{ organization: { team: { members: { id: string; role: string; user: { email: string } }[] } } }>(TEAM, { org, team: 'core' });
    expect(organization.team.members).toEqual([
      { id: alice.id, role: 'MEMBER', user: { email: alice.email } },
      { id: bob.id, role: 'READONLY', user: { email: bob.email } },
    ]);
    const members = await owner.data<{ organization: { members: { nodes: { id: string; teams: { slug: string }[] }[] } } }>(MEMBER_TEAMS, { org });
    expect(members.organization.members.nodes.find((m) => m.id === alice.id)?.teams).toEqual([{ slug: 'core' }, { slug: 'web' }]);
    expect(members.organization.members.nodes.find((m) => m.id === bob.id)?.teams).toEqual([{ slug: 'core' }]);

    expect(await owner.data(REMOVE, { org, team: 'core', member: alice.id })).toEqual({ removeTeamMember: { slug: 'core', members: [{ id: bob.id }] } });
    // Removing someone who is not on the team changes nothing.
    expect(await owner.data(REMOVE, { org, team: 'core', member: alice.id })).toEqual({ removeTeamMember: { slug: 'core', members: [{ id: bob.id }] } });
  });

  it('adding someone twice is harmless (idempotent)', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const alice = await join(MemberRole.MEMBER);
    await owner.data(CREATE, { org, input: { name: 'Twice' } });
    await owner.data(ADD, { org, team: 'twice', member: alice.id });
    expect(await owner.data(ADD, { org, team: 'twice', member: alice.id })).toEqual({ addTeamMember: { slug: 'twice', members: [{ id: alice.id }] } });
  });

  it("refuses a member of another organization, an unknown member and an unknown team (NOT_FOUND)", async () => {
    const { org, owner } = await organizationWithOwner();
    const elsewhere = await organizationWithOwner();
    const stranger = await elsewhere.join(MemberRole.MEMBER);
    await owner.data(CREATE, { org, input: { name: 'Closed' } });
    const foreign = await owner.request(ADD, { org, team: 'closed', member: stranger.id });
    expect(foreign.errors?.[0]).toMatchObject({ message: 'Member not found', extensions: { code: 'NOT_FOUND' } });
    expect(await owner.errorCode(ADD, { org, team: 'closed', member: '2147483000' })).toBe('NOT_FOUND');
    expect(await owner.errorCode(ADD, { org, team: 'closed', member: 'not-an-id' })).toBe('NOT_FOUND');
    const noTeam = await owner.request(ADD, { org, team: 'no-such-team', member: stranger.id });
    expect(noTeam.errors?.[0]).toMatchObject({ message: 'Team not found', extensions: { code: 'NOT_FOUND' } });
    expect(await owner.data(TEAM, { org, team: 'closed' })).toMatchObject({ organization: { team: { members: [] } } });
  });

  it('a member who leaves the organization leaves its teams', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const alice = await join(MemberRole.MEMBER);
    await owner.data(CREATE, { org, input: { name: 'Leavers' } });
    await owner.data(ADD, { org, team: 'leavers', member: alice.id });
    await alice.client.data('mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }', { org, member: alice.id });
    expect(await owner.data(TEAM, { org, team: 'leavers' })).toMatchObject({ organization: { team: { members: [] } } });
  });
});

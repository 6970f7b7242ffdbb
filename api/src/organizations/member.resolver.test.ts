import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, buildUser, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import type { User } from '../users/user.entity.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const ADD = 'mutation($org: String!, $email: String!, $role: MemberRole) { addMember(organizationSlug: $org, email: $email, role: $role) { id role email } }';
const ADD_DEFAULT = 'mutation($org: String!, $email: String!) { addMember(organizationSlug: $org, email: $email) { id role email } }';
const SET_ROLE = 'mutation($org: String!, $member: ID!, $role: MemberRole!) { updateMemberRole(organizationSlug: $org, memberId: $member, role: $role) { id role } }';
const REMOVE = 'mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }';
const MEMBERS = 'query($org: String!) { organization(slug: $org) { viewerRole members(first: 100) { totalCount nodes { id role user { email } } } } }';

type Members = { organization: { viewerRole: string; members: { totalCount: number; nodes: { id: string; role: string; user: { email: string } }[] } } };

/** An organization whose owner calls with a full-scope token, plus helpers to add people to it. */
async function organizationWithOwner() {
  const tenant = await buildTenant(server.app);
  const owner = server.client({ token: tenant.token });
  const ownerMember = (await owner.data<Members>(MEMBERS, { org: tenant.organization.slug })).organization.members.nodes[0]!;
  const join = async (role: MemberRole): Promise<{ user: User; id: string; client: GraphQLTestClient }> => {
    const { user, member } = await buildMember(server.app, tenant.organization, tenant.owner, role);
    return { user, id: String(member.id), client: server.client({ token: await tokenFor(server.app, user) }) };
  };
  return { ...tenant, org: tenant.organization.slug, owner, ownerMemberId: ownerMember.id, join };
}

async function roleOf(client: GraphQLTestClient, org: string, memberId: string): Promise<string | undefined> {
  const { organization } = await client.data<Members>(MEMBERS, { org });
  return organization.members.nodes.find((m) => m.id === memberId)?.role;
}

// addMember invites (invites/invite.test.ts follows an invitation to its acceptance).
describe('adding members', () => {
  it('invites a new email as MEMBER by default, with the address normalized, and grants nothing yet', async () => {
    const { org, owner } = await organizationWithOwner();
    const email = `${unique('new')}@Example.COM`;
    const { addMember } = await owner.data<{ addMember: { role: string; email: string } }>(ADD_DEFAULT, { org, email: `  ${email} ` });
    expect(addMember).toMatchObject({ role: 'MEMBER', email: email.toLowerCase() });
    const { organization } = await owner.data<Members>(MEMBERS, { org });
    expect(organization.members.totalCount).toBe(1);
    expect(organization.members.nodes.map((m) => m.user.email)).not.toContain(email.toLowerCase());
  });

  it('invites an existing account with the given role; they do not see the organization before accepting', async () => {
    const { org, owner } = await organizationWithOwner();
    const user = await buildUser(server.app);
    const { addMember } = await owner.data<{ addMember: { role: string; email: string } }>(ADD, { org, email: user.email.toUpperCase(), role: 'ADMIN' });
    expect(addMember).toMatchObject({ role: 'ADMIN', email: user.email });
    const client = server.client({ token: await tokenFor(server.app, user) });
    expect(await client.errorCode('query($org: String!) { organization(slug: $org) { viewerRole } }', { org })).toBe('NOT_FOUND');
  });

  it('refuses an existing member with CONFLICT and a bad email with BAD_USER_INPUT', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const existing = await join(MemberRole.MEMBER);
    const again = await owner.request(ADD, { org, email: existing.user.email, role: 'ADMIN' });
    expect(again.errors?.[0]).toMatchObject({ message: expect.stringContaining('already a member'), extensions: { code: 'CONFLICT', field: 'email' } });
    expect(await roleOf(owner, org, existing.id)).toBe('MEMBER');
    for (const email of ['not-an-email', 'two@@example.com', 'spaces in@example.com', '']) {
      expect(await owner.errorCode(ADD, { org, email }), email).toBe('BAD_USER_INPUT');
    }
  });

  it('an admin may invite members and admins but cannot grant OWNER (FORBIDDEN)', async () => {
    const { org, join } = await organizationWithOwner();
    const admin = await join(MemberRole.ADMIN);
    expect((await admin.client.data<{ addMember: { role: string } }>(ADD, { org, email: `${unique('m')}@example.com`, role: 'MEMBER' })).addMember.role).toBe('MEMBER');
    expect((await admin.client.data<{ addMember: { role: string } }>(ADD, { org, email: `${unique('a')}@example.com`, role: 'ADMIN' })).addMember.role).toBe('ADMIN');
    const result = await admin.client.request(ADD, { org, email: `${unique('o')}@example.com`, role: 'OWNER' });
    expect(result.errors?.[0]).toMatchObject({ message: 'A admin cannot grant the owner role', extensions: { code: 'FORBIDDEN' } });
  });

  it.each([MemberRole.MEMBER, MemberRole.READONLY])('a %s cannot add members (FORBIDDEN)', async (role) => {
    const { org, join } = await organizationWithOwner();
    const caller = await join(role);
    const result = await caller.client.request(ADD, { org, email: `${unique('x')}@example.com`, role: 'READONLY' });
    expect(result.errors?.[0]).toMatchObject({ message: `Your role (${role}) does not allow this (needs member:write)`, extensions: { code: 'FORBIDDEN' } });
  });
});

describe('roles', () => {
  it('the owner changes roles; the member sees their new role', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const person = await join(MemberRole.READONLY);
    expect(await owner.data(SET_ROLE, { org, member: person.id, role: 'ADMIN' })).toEqual({ updateMemberRole: { id: person.id, role: 'ADMIN' } });
    expect(await roleOf(owner, org, person.id)).toBe('ADMIN');
    expect(await person.client.data('query($org: String!) { organization(slug: $org) { viewerRole } }', { org })).toEqual({ organization: { viewerRole: 'ADMIN' } });
    // The new role takes effect: an admin may create teams.
    expect(await person.client.data('mutation($org: String!) { createTeam(organizationSlug: $org, input: { name: "Promoted" }) { slug } }', { org })).toEqual({
      createTeam: { slug: 'promoted' },
    });
  });

  it('the owner may make someone else owner', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const person = await join(MemberRole.MEMBER);
    expect(await owner.data(SET_ROLE, { org, member: person.id, role: 'OWNER' })).toEqual({ updateMemberRole: { id: person.id, role: 'OWNER' } });
  });

  it('an admin cannot promote anyone to OWNER, nor demote or remove an owner (FORBIDDEN)', async () => {
    const { org, owner, ownerMemberId, join } = await organizationWithOwner();
    const admin = await join(MemberRole.ADMIN);
    const person = await join(MemberRole.MEMBER);
    expect(await admin.client.errorCode(SET_ROLE, { org, member: person.id, role: 'OWNER' })).toBe('FORBIDDEN');
    expect(await admin.client.errorCode(SET_ROLE, { org, member: admin.id, role: 'OWNER' })).toBe('FORBIDDEN');
    expect(await admin.client.errorCode(SET_ROLE, { org, member: ownerMemberId, role: 'MEMBER' })).toBe('FORBIDDEN');
    expect(await admin.client.errorCode(REMOVE, { org, member: ownerMemberId })).toBe('FORBIDDEN');
    expect(await roleOf(owner, org, ownerMemberId)).toBe('OWNER');
    expect(await roleOf(owner, org, person.id)).toBe('MEMBER');
    // Below owner, an admin manages roles freely.
    expect(await admin.client.data(SET_ROLE, { org, member: person.id, role: 'READONLY' })).toEqual({ updateMemberRole: { id: person.id, role: 'READONLY' } });
  });

  it.each([MemberRole.MEMBER, MemberRole.READONLY])('a %s cannot change roles, not even their own (FORBIDDEN)', async (role) => {
    const { org, owner, join } = await organizationWithOwner();
    const caller = await join(role);
    const other = await join(MemberRole.READONLY);
    expect(await caller.client.errorCode(SET_ROLE, { org, member: other.id, role: 'MEMBER' })).toBe('FORBIDDEN');
    expect(await caller.client.errorCode(SET_ROLE, { org, member: caller.id, role: 'ADMIN' })).toBe('FORBIDDEN');
    expect(await roleOf(owner, org, caller.id)).toBe(role.toUpperCase());
  });

  it('an unknown or foreign member id is NOT_FOUND', async () => {
    const { org, owner } = await organizationWithOwner();
    const elsewhere = await organizationWithOwner();
    const foreign = await elsewhere.join(MemberRole.MEMBER);
    for (const member of ['2147483000', 'abc', foreign.id]) {
      const result = await owner.request(SET_ROLE, { org, member, role: 'READONLY' });
      expect(result.errors?.[0], member).toMatchObject({ message: 'Member not found', extensions: { code: 'NOT_FOUND' } });
    }
    expect(await roleOf(elsewhere.owner, elsewhere.org, foreign.id)).toBe('MEMBER');
  });
});

describe('the last owner', () => {
  it('cannot demote themselves or leave (BAD_USER_INPUT)', async () => {
    const { org, owner, ownerMemberId } = await organizationWithOwner();
    const demote = await owner.request(SET_ROLE, { org, member: ownerMemberId, role: 'ADMIN' });
    expect(demote.errors?.[0]).toMatchObject({ message: expect.stringContaining('at least one owner'), extensions: { code: 'BAD_USER_INPUT', field: 'role' } });
    expect(await owner.errorCode(REMOVE, { org, member: ownerMemberId })).toBe('BAD_USER_INPUT');
    expect(await roleOf(owner, org, ownerMemberId)).toBe('OWNER');
  });

  it('once there is a second owner, one of them may step down; then the other is the last one', async () => {
    const { org, owner, ownerMemberId, join } = await organizationWithOwner();
    const second = await join(MemberRole.OWNER);
    expect(await owner.data(SET_ROLE, { org, member: ownerMemberId, role: 'ADMIN' })).toEqual({ updateMemberRole: { id: ownerMemberId, role: 'ADMIN' } });
    expect(await second.client.errorCode(SET_ROLE, { org, member: second.id, role: 'MEMBER' })).toBe('BAD_USER_INPUT');
    expect(await second.client.errorCode(REMOVE, { org, member: second.id })).toBe('BAD_USER_INPUT');
    // The former owner, now admin, cannot touch the remaining owner.
    expect(await owner.errorCode(REMOVE, { org, member: second.id })).toBe('FORBIDDEN');
  });

  it('an owner may remove another owner while one remains', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const second = await join(MemberRole.OWNER);
    expect(await owner.data(REMOVE, { org, member: second.id })).toEqual({ removeMember: true });
    expect(await second.client.errorCode('query($org: String!) { organization(slug: $org) { id } }', { org })).toBe('NOT_FOUND');
  });

  // Owner checks lock the owner rows, so concurrent demotions cannot leave no owner.
  it('two owners demoting each other at the same moment leave at least one owner', async () => {
    const { organization, org, owner, ownerMemberId, join } = await organizationWithOwner();
    const second = await join(MemberRole.OWNER);
    const locker = new pg.Client({ connectionString: server.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM organization_member WHERE organization_id = $1 FOR UPDATE', [organization.id]);
      const both = Promise.all([
        owner.request(SET_ROLE, { org, member: second.id, role: 'MEMBER' }),
        second.client.request(SET_ROLE, { org, member: ownerMemberId, role: 'MEMBER' }),
      ]);
      await waitFor(
        async () => {
          const [row] = await locker.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          ).then((r) => r.rows);
          return (row?.n ?? 0) >= 2;
        },
        { what: 'both requests to wait on the lock' },
      );
      await locker.query('COMMIT');
      await both;
    } finally {
      await locker.end();
    }
    const owners = await server.app.db.query("SELECT count(*)::int AS n FROM organization_member WHERE organization_id = $1 AND role = 'owner'", [organization.id]);
    expect(owners).toEqual([{ n: 1 }]);
  });
});

describe('leaving and removing', () => {
  it.each([MemberRole.READONLY, MemberRole.MEMBER, MemberRole.ADMIN])('a %s may leave (remove themselves)', async (role) => {
    const { org, owner, join } = await organizationWithOwner();
    const person = await join(role);
    expect(await person.client.data(REMOVE, { org, member: person.id })).toEqual({ removeMember: true });
    expect(await person.client.errorCode('query($org: String!) { organization(slug: $org) { id } }', { org })).toBe('NOT_FOUND');
    expect(await roleOf(owner, org, person.id)).toBeUndefined();
    // Once gone, they cannot act on the organization either.
    expect(await person.client.errorCode(REMOVE, { org, member: person.id })).toBe('NOT_FOUND');
  });

  it.each([MemberRole.READONLY, MemberRole.MEMBER])('a %s cannot remove someone else (FORBIDDEN)', async (role) => {
    const { org, owner, join } = await organizationWithOwner();
    const caller = await join(role);
    const victim = await join(MemberRole.READONLY);
    const result = await caller.client.request(REMOVE, { org, member: victim.id });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await roleOf(owner, org, victim.id)).toBe('READONLY');
  });

  it('an admin removes members and other admins', async () => {
    const { org, owner, ownerMemberId, join } = await organizationWithOwner();
    const admin = await join(MemberRole.ADMIN);
    const member = await join(MemberRole.MEMBER);
    const otherAdmin = await join(MemberRole.ADMIN);
    expect(await admin.client.data(REMOVE, { org, member: member.id })).toEqual({ removeMember: true });
    expect(await admin.client.data(REMOVE, { org, member: otherAdmin.id })).toEqual({ removeMember: true });
    const { organization } = await owner.data<Members>(MEMBERS, { org });
    expect(organization.members.nodes.map((m) => m.id).sort()).toEqual([admin.id, ownerMemberId].sort());
  });

  it('a removed member can be invited again', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const person = await join(MemberRole.MEMBER);
    await owner.data(REMOVE, { org, member: person.id });
    const { addMember } = await owner.data<{ addMember: { role: string; email: string } }>(ADD, { org, email: person.user.email, role: 'READONLY' });
    expect(addMember).toMatchObject({ role: 'READONLY', email: person.user.email });
  });

  // Membership changes take effect for the rest of the same request.
  it('after leaving, later mutations in the same request are refused', async () => {
    const { org, owner, join } = await organizationWithOwner();
    const admin = await join(MemberRole.ADMIN);
    const name = unique('after-leaving');
    const result = await admin.client.request(
      'mutation($org: String!, $member: ID!, $name: String!) { removeMember(organizationSlug: $org, memberId: $member) createProject(organizationSlug: $org, input: { name: $name }) { slug } }',
      { org, member: admin.id, name },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { organization } = await owner.data<{ organization: { project: unknown } }>('query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { id } } }', {
      org,
      slug: name,
    });
    expect(organization.project).toBeNull();
  });
});

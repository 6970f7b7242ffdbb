import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, buildUser, sessionCookieFor, tokenFor, unique } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { startSmtpServer, type ReceivedMail } from '../../../test/support/smtp.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import { OrganizationInvite } from './invite.entity.js';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let dataDir: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  dataDir = await mkdtemp(path.join(tmpdir(), 'vigil-invites-'));
  server = await startTestServer({ workers: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vigil <vigil@vigil.test>', VIGIL_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const INVITE = 'mutation($org: String!, $email: String!, $role: MemberRole!) { inviteMember(organizationSlug: $org, email: $email, role: $role) { id email role expiresAt invitedBy { email } } }';
const ADD = 'mutation($org: String!, $email: String!) { addMember(organizationSlug: $org, email: $email) { id email role } }';
const INVITATION = 'query($id: ID!, $token: String!) { invitation(inviteId: $id, token: $token) { organizationName organizationSlug email role hasAccount } }';
const ACCEPT = 'mutation($id: ID!, $token: String!, $name: String, $password: String) { acceptInvite(inviteId: $id, token: $token, name: $name, password: $password) { id role } }';
const MEMBERS = 'query($org: String!) { organization(slug: $org) { members(first: 100) { nodes { role user { email name } } } invites { id email } } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { id } }';

/** The invitation email to `email` that arrived after `seen` messages, and its link's id and token. */
async function invitationMail(email: string, seen = 0): Promise<{ mail: ReceivedMail; inviteId: string; token: string }> {
  const mail = await waitFor(() => smtp.received.slice(seen).find((m) => m.rcptTo.includes(email)));
  const match = new RegExp(`${server.url}/accept-invite/(\\d+)/([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`No invite link in: ${mail.text}`);
  return { mail, inviteId: match[1]!, token: match[2]! };
}

describe('inviting people', () => {
  it('emails a link; a new person signs up through it and becomes a read-only member, once', async () => {
    const tenant = await buildTenant(server.app);
    const admin = server.client({ token: tenant.token });
    const email = `${unique('newcomer')}@example.com`;
    const { inviteMember } = await admin.data<{ inviteMember: { id: string; role: string; invitedBy: { email: string } } }>(INVITE, {
      org: tenant.organization.slug,
      email: email.toUpperCase(),
      role: 'READONLY',
    });
    expect(inviteMember).toMatchObject({ role: 'READONLY', invitedBy: { email: tenant.owner.email } });

    const { mail, inviteId, token } = await invitationMail(email);
    expect(mail.headers.get('subject')).toContain(`to join ${tenant.organization.name} on Vigil`);
    expect(inviteId).toBe(inviteMember.id);
    // Nothing is granted before the invitee says yes.
    const before = await admin.data<{ organization: { members: { nodes: { user: { email: string } }[] }; invites: { email: string }[] } }>(MEMBERS, { org: tenant.organization.slug });
    expect(before.organization.members.nodes.map((m) => m.user.email)).not.toContain(email);
    expect(before.organization.invites.map((i) => i.email)).toEqual([email]);

    const anonymous = server.client();
    const { invitation } = await anonymous.data<{ invitation: { email: string; role: string; hasAccount: boolean; organizationSlug: string } }>(INVITATION, { id: inviteId, token });
    expect(invitation).toMatchObject({ email, role: 'READONLY', hasAccount: false, organizationSlug: tenant.organization.slug });

    const { acceptInvite } = await anonymous.data<{ acceptInvite: { role: string } }>(ACCEPT, { id: inviteId, token, name: 'New Comer', password: 'a long enough password' });
    expect(acceptInvite.role).toBe('READONLY');
    await anonymous.data(LOGIN, { email, password: 'a long enough password' });
    const after = await admin.data<{ organization: { members: { nodes: { role: string; user: { email: string; name: string } }[] }; invites: unknown[] } }>(MEMBERS, { org: tenant.organization.slug });
    expect(after.organization.members.nodes).toContainEqual({ role: 'READONLY', user: { email, name: 'New Comer' } });
    expect(after.organization.invites).toEqual([]);
    // The link is used up.
    expect(await anonymous.errorCode(ACCEPT, { id: inviteId, token, name: 'Again', password: 'another long password' })).toBe('NOT_FOUND');
    expect(await anonymous.errorCode(INVITATION, { id: inviteId, token })).toBe('NOT_FOUND');
  });

  it('turns addMember of an existing user into an invite they accept signed in; another account cannot use it', async () => {
    const tenant = await buildTenant(server.app);
    const admin = server.client({ token: tenant.token });
    const person = await buildUser(server.app, { password: true });
    const seen = smtp.received.length;
    const { addMember } = await admin.data<{ addMember: { email: string; role: string } }>(ADD, { org: tenant.organization.slug, email: person.email });
    expect(addMember).toMatchObject({ email: person.email, role: 'MEMBER' });
    const members = await admin.data<{ organization: { members: { nodes: { user: { email: string } }[] } } }>(MEMBERS, { org: tenant.organization.slug });
    expect(members.organization.members.nodes.map((m) => m.user.email)).not.toContain(person.email);

    const { inviteId, token } = await invitationMail(person.email, seen);
    const anonymous = server.client();
    expect((await anonymous.data<{ invitation: { hasAccount: boolean } }>(INVITATION, { id: inviteId, token })).invitation.hasAccount).toBe(true);
    // Somebody else's password cannot be set through the link.
    expect(await anonymous.errorCode(ACCEPT, { id: inviteId, token, name: 'x', password: 'takeover attempt 1' })).toBe('BAD_USER_INPUT');
    const stranger = server.client({ cookie: await sessionCookieFor(server.app, await buildUser(server.app, { password: true })) });
    expect(await stranger.errorCode(ACCEPT, { id: inviteId, token })).toBe('FORBIDDEN');

    const invited = server.client({ cookie: await sessionCookieFor(server.app, person) });
    expect((await invited.data<{ acceptInvite: { role: string } }>(ACCEPT, { id: inviteId, token })).acceptInvite.role).toBe('MEMBER');
    expect(await admin.errorCode(ADD, { org: tenant.organization.slug, email: person.email })).toBe('CONFLICT');
  });

  it('kills old links when an invite is renewed or revoked, and refuses expired ones', async () => {
    const tenant = await buildTenant(server.app);
    const admin = server.client({ token: tenant.token });
    const email = `${unique('renewed')}@example.com`;
    let seen = smtp.received.length;
    await admin.data(INVITE, { org: tenant.organization.slug, email, role: 'MEMBER' });
    const first = await invitationMail(email, seen);
    seen = smtp.received.length;
    const { inviteMember } = await admin.data<{ inviteMember: { id: string; role: string } }>(INVITE, { org: tenant.organization.slug, email, role: 'ADMIN' });
    expect(inviteMember).toMatchObject({ id: first.inviteId, role: 'ADMIN' });
    const second = await invitationMail(email, seen);
    expect(second.token).not.toBe(first.token);
    const anonymous = server.client();
    expect(await anonymous.errorCode(INVITATION, { id: first.inviteId, token: first.token })).toBe('NOT_FOUND');

    await server.app.db.getRepository(OrganizationInvite).update(Number(second.inviteId), { expiresAt: new Date(Date.now() - 1000) });
    expect(await anonymous.errorCode(INVITATION, { id: second.inviteId, token: second.token })).toBe('BAD_USER_INPUT');

    const revoke = 'mutation($org: String!, $id: ID!) { revokeInvite(organizationSlug: $org, inviteId: $id) }';
    expect((await admin.data<{ revokeInvite: boolean }>(revoke, { org: tenant.organization.slug, id: second.inviteId })).revokeInvite).toBe(true);
    expect(await anonymous.errorCode(INVITATION, { id: second.inviteId, token: second.token })).toBe('NOT_FOUND');
    expect(await anonymous.errorCode(INVITATION, { id: second.inviteId, token: 'forged' })).toBe('NOT_FOUND');
  });

  it('needs member:write, keeps the owner role for owners, and shows invites only inside the organization', async () => {
    const tenant = await buildTenant(server.app);
    const { user: member } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
    const { user: admin } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.ADMIN);
    const org = tenant.organization.slug;
    const email = `${unique('x')}@example.com`;
    expect(await server.client({ token: await tokenFor(server.app, member) }).errorCode(INVITE, { org, email, role: 'MEMBER' })).toBe('FORBIDDEN');
    expect(await server.client({ token: await tokenFor(server.app, admin) }).errorCode(INVITE, { org, email, role: 'OWNER' })).toBe('FORBIDDEN');
    expect(await server.client({ token: await tokenFor(server.app, admin) }).errorCode(INVITE, { org, email: 'not an email', role: 'MEMBER' })).toBe('BAD_USER_INPUT');
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    expect(await outsider.errorCode(INVITE, { org, email, role: 'MEMBER' })).toBe('NOT_FOUND');
    expect(await outsider.errorCode(MEMBERS, { org })).toBe('NOT_FOUND');
  });
});

import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import type { MemberRole } from '../auth/scopes.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import { assertMayGrant, createMembership } from '../organizations/member.service.js';
import type { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import type { Deps } from '../runtime/deps.js';
import { User } from '../users/user.entity.js';
import { findOrCreateUser, setPassword } from '../users/user.service.js';
import { normalizeEmail } from '../validation.js';
import { OrganizationInvite } from './invite.entity.js';
import { INVITE_TTL_DAYS, isInviteToken } from './invite-link.js';

const DAY_MS = 24 * 60 * 60 * 1000;

function newNonce(): string {
  return randomBytes(16).toString('hex');
}

async function isMember(tx: EntityManager, organizationId: number, email: string): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    'SELECT 1 FROM organization_member m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND u.email = $2',
    [organizationId, email],
  );
  return rows.length > 0;
}

/**
 * Invites a person by email (needs member:write, and only owners hand out the owner role). An
 * invite that is already pending is renewed: new role, new expiry, a new link that replaces the
 * old one. The email goes out from the 'invite.send' job, in the same transaction.
 */
export async function inviteMember(
  { db, queue }: Pick<Deps, 'db' | 'queue'>,
  access: OrgAccess,
  rawEmail: string,
  role: MemberRole,
): Promise<OrganizationInvite> {
  assertMayGrant(access, role);
  const email = normalizeEmail(rawEmail);
  const organizationId = access.organization.id;
  return db.transaction(async (tx) => {
    if (await isMember(tx, organizationId, email)) throw conflict(`${email} is already a member`, 'email');
    const nonce = newNonce();
    const values = { organizationId, email, role, nonce, invitedByUserId: access.viewer.user.id, expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * DAY_MS) };
    await tx
      .createQueryBuilder()
      .insert()
      .into(OrganizationInvite)
      .values(values)
      .orUpdate(['role', 'nonce', 'invited_by_user_id', 'expires_at'], ['organization_id', 'email'])
      .execute();
    const invite = await tx.getRepository(OrganizationInvite).findOneByOrFail({ organizationId, email });
    await queue.add('invite.send', { inviteId: invite.id, nonce }, { runner: tx });
    return invite;
  });
}

/** Pending invitations of the organization, newest first (expired ones included, marked by `expiresAt`). */
export function listInvites(db: DataSource, organizationId: number): Promise<OrganizationInvite[]> {
  return db.getRepository(OrganizationInvite).find({ where: { organizationId }, order: { dateCreated: 'DESC', id: 'DESC' } });
}

/** Withdraws an invitation: its link stops working at once. */
export async function revokeInvite(db: DataSource, access: OrgAccess, inviteId: number): Promise<void> {
  const invite = await db.getRepository(OrganizationInvite).findOneBy({ id: inviteId, organizationId: access.organization.id });
  if (!invite) throw notFound('Invite');
  assertMayGrant(access, invite.role);
  await db.getRepository(OrganizationInvite).delete({ id: invite.id });
}

export interface InvitationView {
  invite: OrganizationInvite;
  organization: Organization;
  /** An account with a password exists for the address: the invitee signs in instead of signing up. */
  hasAccount: boolean;
}

/** What an invite link shows before anyone is signed in; the same NOT_FOUND for every bad link. */
export async function findInvitation(deps: Pick<Deps, 'db' | 'config'>, inviteId: number, token: string, now = new Date()): Promise<InvitationView> {
  const invite = await deps.db.getRepository(OrganizationInvite).findOneBy({ id: inviteId });
  if (!invite || !(await isInviteToken(deps.config, invite, token))) throw notFound('Invitation');
  if (invite.expiresAt <= now) throw badInput('This invitation has expired: ask an admin of the organization to invite you again', 'token');
  const organization = await deps.db.getRepository(Organization).findOneByOrFail({ id: invite.organizationId });
  const user = await deps.db.getRepository(User).findOneBy({ email: invite.email });
  return { invite, organization, hasAccount: Boolean(user?.passwordHash) };
}

export interface SignUp {
  name: string;
  password: string;
}

/**
 * Accepts an invitation: by signing up (name and password) when the invited address has no
 * password yet, else as the signed-in viewer, whose email must be the invited one. The membership
 * is created and the invite used up in one transaction, so a link accepts once.
 */
export async function acceptInvite(
  deps: Pick<Deps, 'db' | 'config'>,
  viewer: Viewer | null,
  inviteId: number,
  token: string,
  signUp: SignUp | null,
): Promise<Membership> {
  const { invite, organization, hasAccount } = await findInvitation(deps, inviteId, token);
  if (signUp) {
    if (hasAccount) throw badInput(`${invite.email} already has an account: sign in to accept`, 'password');
  } else if (!viewer) {
    throw badInput(hasAccount ? `Sign in as ${invite.email} to accept` : 'Choose a name and password to accept', 'password');
  } else if (viewer.user.email !== invite.email) {
    throw forbidden(`This invitation is for ${invite.email}; you are signed in as ${viewer.user.email}`);
  }
  return deps.db.transaction(async (tx) => {
    const used = await tx.getRepository(OrganizationInvite).delete({ id: invite.id, nonce: invite.nonce });
    if (!used.affected) throw notFound('Invitation');
    if (signUp) {
      const user = await findOrCreateUser(tx, invite.email);
      if (user.passwordHash) throw badInput(`${invite.email} already has an account: sign in to accept`, 'password');
      await setPassword(tx, user, signUp.password);
      const name = signUp.name.trim();
      if (name) await tx.getRepository(User).update(user.id, { name: name.slice(0, 200) });
    }
    return createMembership(tx, organization.id, invite.email, invite.role);
  });
}

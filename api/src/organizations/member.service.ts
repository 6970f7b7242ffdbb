import type { DataSource, EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { MemberRole, ROLE_RANK } from '../auth/scopes.js';
import { badInput, conflict, forbidden, notFound } from '../errors.js';
import { findOrCreateUser } from '../users/user.service.js';
import { Membership } from './membership.entity.js';

/** Only owners may hand out or take away the owner role. */
export function assertMayGrant(access: OrgAccess, role: MemberRole): void {
  if (ROLE_RANK[role] > ROLE_RANK[access.membership.role]) {
    throw forbidden(`A ${access.membership.role} cannot grant the ${role} role`);
  }
}

/**
 * Makes the person with this email a member, with consent already given (an accepted invite, a
 * new organization's owner). Someone without an account gets one without a password.
 */
export async function createMembership(tx: EntityManager, organizationId: number, email: string, role: MemberRole): Promise<Membership> {
  const user = await findOrCreateUser(tx, email);
  const repo = tx.getRepository(Membership);
  const existing = await repo.findOneBy({ organizationId, userId: user.id });
  if (existing) throw conflict(`${user.email} is already a member`, 'email');
  return repo.save(repo.create({ organizationId, userId: user.id, role }));
}

/**
 * Adds a person directly, as an admin acting for them: used by tools and tests that seed data.
 * People reach an organization through `inviteMember` (invites/), which asks them first.
 */
export async function addMember(db: DataSource, access: OrgAccess, email: string, role: MemberRole): Promise<Membership> {
  assertMayGrant(access, role);
  return db.transaction((tx) => createMembership(tx, access.organization.id, email, role));
}

export async function findMember(db: DataSource, access: OrgAccess, memberId: number): Promise<Membership> {
  const member = await db.getRepository(Membership).findOneBy({ id: memberId, organizationId: access.organization.id });
  if (!member) throw notFound('Member');
  return member;
}

export async function updateMemberRole(db: DataSource, access: OrgAccess, member: Membership, role: MemberRole): Promise<Membership> {
  assertMayGrant(access, role);
  assertMayGrant(access, member.role);
  await db.transaction(async (tx) => {
    if (member.role === MemberRole.OWNER && role !== MemberRole.OWNER) await assertNotLastOwner(tx, access);
    await tx.getRepository(Membership).update(member.id, { role });
  });
  return { ...member, role };
}

/** Removes a member; anyone may remove themselves (leave), except the last owner. */
export async function removeMember(db: DataSource, access: OrgAccess, member: Membership): Promise<void> {
  const leaving = member.userId === access.viewer.user.id;
  if (!leaving) {
    if (!access.scopes.has('member:write')) throw forbidden('Your role does not allow removing members');
    assertMayGrant(access, member.role);
  }
  await db.transaction(async (tx) => {
    if (member.role === MemberRole.OWNER) await assertNotLastOwner(tx, access);
    await tx.getRepository(Membership).delete(member.id);
  });
}

/** Locks the owners' rows first, so two owners demoting each other cannot both succeed. */
async function assertNotLastOwner(tx: EntityManager, access: OrgAccess): Promise<void> {
  const owners = await tx
    .getRepository(Membership)
    .createQueryBuilder('m')
    .where('m.organization_id = :orgId AND m.role = :role', { orgId: access.organization.id, role: MemberRole.OWNER })
    .orderBy('m.id')
    .setLock('pessimistic_write')
    .getMany();
  if (owners.length <= 1) throw badInput('An organization needs at least one owner; make someone else owner first', 'role');
}

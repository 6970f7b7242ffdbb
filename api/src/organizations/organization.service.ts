import type { DataSource, EntityManager } from 'typeorm';
import type { OrgAccess, OrganizationRef } from '../auth/access.js';
import { MemberRole } from '../auth/scopes.js';
import type { Viewer } from '../auth/viewer.js';
import { conflict, isUniqueViolation } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { assertName, assertSlug, slugify, type Patch } from '../validation.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';

export interface OrganizationInput {
  name: string;
  slug?: string | null | undefined;
}

/** Creates an organization with the caller as its owner. */
export async function createOrganization(db: DataSource, viewer: Viewer, input: OrganizationInput): Promise<Organization> {
  const name = assertName(input.name);
  const slug = assertSlug(input.slug ?? slugify(name));
  return db.transaction(async (tx) => {
    const organization = await insertOrganization(tx, slug, name);
    await tx.getRepository(Membership).insert({ organizationId: organization.id, userId: viewer.user.id, role: MemberRole.OWNER });
    return organization;
  });
}

async function insertOrganization(tx: EntityManager, slug: string, name: string): Promise<Organization> {
  try {
    return await tx.getRepository(Organization).save(tx.getRepository(Organization).create({ slug, name }));
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`The organization slug "${slug}" is taken`, 'slug');
    throw error;
  }
}

export async function updateOrganization(db: DataSource, access: OrgAccess, input: Patch<OrganizationInput>): Promise<OrganizationRef> {
  const changes: Partial<Organization> = {};
  if (input.name != null) changes.name = assertName(input.name);
  if (input.slug != null) changes.slug = assertSlug(input.slug);
  if (Object.keys(changes).length === 0) return access.organization;
  try {
    await db.getRepository(Organization).update(access.organization.id, changes);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`The organization slug "${changes.slug}" is taken`, 'slug');
    throw error;
  }
  return { ...access.organization, ...changes };
}

/**
 * Hides the organization at once and leaves the heavy deletion to a job; the status change and
 * the job are committed together, so neither can exist without the other.
 */
export async function requestOrganizationDeletion(db: DataSource, queue: JobQueue, access: OrgAccess): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.getRepository(Organization).update(access.organization.id, { status: 'pending_deletion' });
    await queue.add('organization.delete', { organizationId: access.organization.id }, { runner: tx });
  });
}

import type { DataSource } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Project } from './project.entity.js';
import { deleteProjectData } from './project.service.js';

/** Job body: removes the organization project by project. Safe to run again after a crash. */
export async function deleteOrganizationData(db: DataSource, organizationId: number): Promise<boolean> {
  const organization = await db.getRepository(Organization).findOneBy({ id: organizationId });
  if (!organization || organization.status !== 'pending_deletion') return false;
  const projects = await db.getRepository(Project).find({ where: { organizationId }, select: { id: true } });
  for (const project of projects) await deleteProjectData(db, project.id, { evenIfActive: true });
  await db.getRepository(Organization).delete(organizationId);
  return true;
}

import type { DataSource } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { badInput, conflict, isUniqueViolation } from '../errors.js';
import { Organization } from '../organizations/organization.entity.js';
import { SlackWorkspace } from './slack-workspace.entity.js';

/** Slack team ids look like `T0123ABCD` (Enterprise Grid organizations `E…`). */
const TEAM_ID = /^[TE][A-Z0-9]{2,20}$/;

/**
 * The organization a Slack workspace acts on: the one an admin connected it to or, while no
 * workspace is connected and the installation has exactly one organization, that one (stored on
 * first use, so a second organization created later does not change where the workspace points).
 */
export async function organizationOfWorkspace(db: DataSource, teamId: string): Promise<Organization | null> {
  const linked = await db.getRepository(SlackWorkspace).findOne({ where: { teamId }, relations: { organization: true } });
  if (linked) return linked.organization?.status === 'active' ? linked.organization : null;
  const organizations = await db.getRepository(Organization).find({ where: { status: 'active' }, take: 2 });
  if (organizations.length !== 1 || (await db.getRepository(SlackWorkspace).exists())) return null;
  const only = organizations[0]!;
  await db.getRepository(SlackWorkspace).createQueryBuilder().insert().values({ teamId, organizationId: only.id, linkedBy: 'single-organization' }).orIgnore().execute();
  const stored = await db.getRepository(SlackWorkspace).findOneBy({ teamId });
  return stored?.organizationId === only.id ? only : null;
}

export async function workspaceOfOrganization(db: DataSource, organizationId: number): Promise<SlackWorkspace | null> {
  return db.getRepository(SlackWorkspace).findOneBy({ organizationId });
}

/** Connects the organization to a workspace, replacing its previous one. A workspace serves one organization. */
export async function connectSlackWorkspace(db: DataSource, access: OrgAccess, teamId: string): Promise<SlackWorkspace> {
  const id = teamId.trim().toUpperCase();
  if (!TEAM_ID.test(id)) throw badInput('A Slack team id looks like T0123ABCD (Slack shows it in the workspace URL and in About this workspace)', 'teamId');
  try {
    return await db.transaction(async (tx) => {
      const repo = tx.getRepository(SlackWorkspace);
      await repo.delete({ organizationId: access.organization.id });
      return repo.save(repo.create({ teamId: id, organizationId: access.organization.id, linkedBy: 'admin' }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('This Slack workspace is connected to another organization', 'teamId');
    throw error;
  }
}

export async function disconnectSlackWorkspace(db: DataSource, access: OrgAccess): Promise<boolean> {
  return ((await db.getRepository(SlackWorkspace).delete({ organizationId: access.organization.id })).affected ?? 0) > 0;
}

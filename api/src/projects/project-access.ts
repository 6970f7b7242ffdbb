import type { AccessControl, OrgAccess } from '../auth/access.js';
import type { Scope } from '../auth/scopes.js';
import { notFound } from '../errors.js';
import type { Deps } from '../runtime/deps.js';
import { Project } from './project.entity.js';

export interface AccessArgs {
  access: AccessControl;
  app: Pick<Deps, 'db'>;
}

/** An active project the caller may act on with `scope`; NOT_FOUND alike when missing or another organization's. */
export async function projectAccess({ access, app }: AccessArgs, id: number | string, scope: Scope): Promise<{ access: OrgAccess; project: Project }> {
  access.requireViewer();
  const projectId = Number(id);
  const project = Number.isSafeInteger(projectId) ? await app.db.getRepository(Project).findOneBy({ id: projectId, status: 'active' }) : null;
  if (!project) throw notFound('Project');
  return { access: await access.forRowOf(project.organizationId, scope, 'Project'), project };
}

import type { OrgAccess } from '../auth/access.js';
import type { Scope } from '../auth/scopes.js';
import { notFound } from '../errors.js';
import type { AccessArgs } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { Issue } from './issue.entity.js';

/** An issue of an active project; NOT_FOUND alike when it does not exist or is another organization's. */
export async function issueAccess(
  { access, app }: AccessArgs,
  id: number | string,
  scope: Scope,
): Promise<{ access: OrgAccess; project: Project; issue: Issue }> {
  access.requireViewer();
  const issueId = Number(id);
  const issue = Number.isSafeInteger(issueId)
    ? await app.db
        .getRepository(Issue)
        .createQueryBuilder('i')
        .innerJoinAndMapOne('i.project', Project, 'p', "p.id = i.project_id AND p.status = 'active'")
        .where("i.id = :issueId AND i.status <> 'pending_deletion'", { issueId })
        .getOne()
    : null;
  if (!issue?.project) throw notFound('Issue');
  return { access: await access.forRowOf(issue.project.organizationId, scope, 'Issue'), project: issue.project, issue };
}

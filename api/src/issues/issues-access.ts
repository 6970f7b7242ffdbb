import { In } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import type { Scope } from '../auth/scopes.js';
import { badInput, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import type { AccessArgs } from '../projects/project-access.js';
import { Project } from '../projects/project.entity.js';
import { BULK_LIMIT } from './issue.service.js';
import { Issue } from './issue.entity.js';

/**
 * Several issues of active projects of one organization, for mutations that take only ids. Any id
 * that does not exist or belongs to another organization makes the whole call NOT_FOUND.
 */
export async function issuesAccess({ access, app }: AccessArgs, ids: readonly string[], scope: Scope): Promise<{ access: OrgAccess; issues: Issue[] }> {
  access.requireViewer();
  if (ids.length === 0) throw badInput('Give at least one issue id', 'issueIds');
  if (ids.length > BULK_LIMIT) throw badInput(`At most ${BULK_LIMIT} issue ids at a time`, 'issueIds');
  const issueIds = [...new Set(ids.map((id) => parseId(id, 'Issue')))];
  const issues = await app.db
    .getRepository(Issue)
    .createQueryBuilder('i')
    .innerJoinAndMapOne('i.project', Project, 'p', "p.id = i.project_id AND p.status = 'active'")
    .where({ id: In(issueIds) })
    .andWhere("i.status <> 'pending_deletion'")
    .orderBy('i.id')
    .getMany();
  const organizations = new Set(issues.map((issue) => issue.project!.organizationId));
  const [organizationId] = organizations;
  if (issues.length !== issueIds.length || organizations.size !== 1 || organizationId === undefined) throw notFound('Issue');
  return { access: await access.forRowOf(organizationId, scope, 'Issue'), issues };
}

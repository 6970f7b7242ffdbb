import type { DataSource } from 'typeorm';
import type { Release } from '../releases/release.entity.js';
import { Issue } from './issue.entity.js';

/** Issues of the release's organization (active projects) first seen in it: the release list's "New issues". */
export async function newIssueCount(db: DataSource, release: Pick<Release, 'id' | 'organizationId'>): Promise<number> {
  return db
    .getRepository(Issue)
    .createQueryBuilder('i')
    .innerJoin('project', 'p', "p.id = i.project_id AND p.status = 'active' AND p.organization_id = :orgId", { orgId: release.organizationId })
    .where('i.first_release_id = :releaseId', { releaseId: release.id })
    .getCount();
}

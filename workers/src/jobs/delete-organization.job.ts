import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { deleteOrganizationData } from '../../../api/src/projects/delete-organization-data.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Deletes an organization marked for deletion, project by project; safe to rerun. */
export async function deleteOrganizationJob(
  app: Deps,
  payload: JobPayloads['organization.delete'],
  { log }: JobHandlerContext,
): Promise<void> {
  const deleted = await deleteOrganizationData(app.db, payload.organizationId);
  log.info({ organizationId: payload.organizationId, deleted }, 'organization.deleted');
}

import type { App } from '../../../api/src/app.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { deleteOrganizationData } from '../../../api/src/organizations/organization.service.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Deletes an organization marked for deletion, project by project; safe to rerun. */
export async function deleteOrganization(
  app: App,
  payload: JobPayloads['organization.delete'],
  { log }: JobHandlerContext,
): Promise<void> {
  const deleted = await deleteOrganizationData(app.db, payload.organizationId);
  log.info({ organizationId: payload.organizationId, deleted }, 'organization.deleted');
}

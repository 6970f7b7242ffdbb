import { deleteProjectData } from '../../../api/src/projects/project.service.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import type { Deps } from '../../../api/src/runtime/deps.js';

/** Deletes a project marked for deletion; a rerun after a crash finds nothing left and returns. */
export async function deleteProjectJob(app: Deps, payload: JobPayloads['project.delete'], { log }: JobHandlerContext): Promise<void> {
  const deleted = await deleteProjectData(app.db, payload.projectId, { pubsub: app.pubsub });
  log.info({ projectId: payload.projectId, deleted }, 'project.deleted');
}

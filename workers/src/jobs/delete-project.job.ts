import { deleteProjectData } from '../../../api/src/projects/project.service.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import type { App } from '../../../api/src/app.js';

/** Deletes a project marked for deletion; a rerun after a crash finds nothing left and returns. */
export async function deleteProject(app: App, payload: JobPayloads['project.delete'], { log }: JobHandlerContext): Promise<void> {
  const deleted = await deleteProjectData(app.db, payload.projectId, { pubsub: app.pubsub });
  log.info({ projectId: payload.projectId, deleted }, 'project.deleted');
}

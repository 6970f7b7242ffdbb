import { deletePendingIssues } from '../../../api/src/issues/issue-deletion.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import type { Deps } from '../../../api/src/runtime/deps.js';

/** Deletes issues marked pending_deletion, events first in batches; a rerun continues where it stopped. */
export async function deleteIssuesJob(app: Deps, payload: JobPayloads['issues.delete'], { log }: JobHandlerContext): Promise<void> {
  const deleted = await deletePendingIssues(app.db, payload.issueIds);
  log.info({ issueIds: payload.issueIds, deleted }, 'issues.deleted');
}

import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { reprocessIssue } from '../../../api/src/native/reprocessing.service.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Re-symbolicates an issue's events in place and regroups them; a rerun finds them already rewritten. */
export async function reprocessIssueJob(app: Deps, payload: JobPayloads['issue.reprocess'], { log }: JobHandlerContext): Promise<void> {
  const result = await reprocessIssue(app, payload.issueId);
  log.info({ issueId: payload.issueId, ...result }, 'issue.reprocessed');
}

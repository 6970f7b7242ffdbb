import type { Deps } from '../../../api/src/runtime/deps.js';
import { processCommits as linkAndResolveFixes } from '../../../api/src/commits/resolve-fixes.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Links new commits to the issues they fix and resolves those issues in the releases shipping them; idempotent. */
export async function processCommitsJob(app: Deps, payload: JobPayloads['commits.process'], { log }: JobHandlerContext): Promise<void> {
  const result = await linkAndResolveFixes(app, payload.commitIds);
  log.info({ commits: payload.commitIds.length, ...result }, 'commits.processed');
}

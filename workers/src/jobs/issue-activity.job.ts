import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import { emitActivityHookEvents } from '../../../api/src/service-hooks/activity-hook-events.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Triage wrote activity: `issue.resolved` / `issue.assigned` service hook deliveries. */
export async function issueActivityJob(app: Deps, payload: JobPayloads['issue.activity'], { log }: JobHandlerContext): Promise<void> {
  const deliveries = await emitActivityHookEvents(app, payload.activityIds);
  if (deliveries > 0) log.info({ activities: payload.activityIds.length, deliveries }, 'issue.activity-hooks');
}

import { maintainEventPartitions } from '../../../api/src/events/event-partitions.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Weekly event partitions ahead, retention behind; a rerun finds the work done. */
export async function maintainEventPartitionsJob(app: Deps, _payload: JobPayloads['events.maintain-partitions'], { log }: JobHandlerContext): Promise<void> {
  const result = await maintainEventPartitions(app.db, { retentionDays: app.config.events.retentionDays });
  if (result.created.length > 0 || result.dropped.length > 0) log.info(result, 'events.partitions-maintained');
}

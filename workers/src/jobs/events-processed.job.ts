import { processStoredBatch } from '../../../api/src/alerts/stored-batch.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** A stored ingest batch: service hook events and alert rule evaluation. */
export async function eventsProcessedJob(app: Deps, payload: JobPayloads['events.processed'], { log }: JobHandlerContext): Promise<void> {
  const { fired, deliveries } = await processStoredBatch(app, payload);
  if (fired.length > 0 || deliveries > 0) log.info({ events: payload.events.length, fired: fired.length, deliveries }, 'events.aftermath');
}

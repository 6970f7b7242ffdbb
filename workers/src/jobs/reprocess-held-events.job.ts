import type { EntityManager } from 'typeorm';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { IngestQueueRow } from '../../../api/src/ingest/ingest-queue.entity.js';
import type { ReleasedEnvelope } from '../../../api/src/native/held-events.js';
import { releaseHeldBatch } from '../../../api/src/native/reprocessing.service.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Released held events re-enter the ingest queue like fresh envelopes, with their original receive time. */
async function requeue(tx: EntityManager, envelopes: ReleasedEnvelope[]): Promise<void> {
  await tx.getRepository(IngestQueueRow).insert(envelopes.map((e) => ({ ...e, keyId: null })));
}

/** One batch of held events whose debug files are all there goes back through the pipeline; idempotent. */
export async function reprocessHeldEventsJob(app: Deps, payload: JobPayloads['reprocessing.run'], { log }: JobHandlerContext): Promise<void> {
  const released = await releaseHeldBatch(app, payload.projectId, false, requeue);
  log.info({ projectId: payload.projectId, released }, 'reprocessing.run');
}

/** Reprocessing was turned off: held events go back through the pipeline (stored with their errors); idempotent. */
export async function releaseHeldEventsJob(app: Deps, payload: JobPayloads['reprocessing.release'], { log }: JobHandlerContext): Promise<void> {
  const released = await releaseHeldBatch(app, payload.projectId, true, requeue);
  log.info({ projectId: payload.projectId, released }, 'reprocessing.release');
}

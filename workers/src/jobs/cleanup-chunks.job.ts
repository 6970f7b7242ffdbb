import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { removeUnreferencedChunks } from '../../../api/src/chunks/chunk-cleanup.js';

/** Hourly: chunks older than a day that no bundle or debug file refers to; a rerun finds the work done. */
export async function cleanupChunksJob(app: Deps, _payload: JobPayloads['chunks.cleanup'], { log }: JobHandlerContext): Promise<void> {
  const removed = await removeUnreferencedChunks(app);
  if (removed.claims > 0) log.info(removed, 'chunks.cleaned');
}

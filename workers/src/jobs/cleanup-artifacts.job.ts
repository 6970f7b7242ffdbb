import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { removeUnusedArtifacts } from '../../../api/src/sourcemaps/artifact-cleanup.js';

/** Removes release files of deleted releases and the blobs nothing refers to any more. */
export async function cleanupArtifactsJob(app: Deps, payload: JobPayloads['artifacts.cleanup'], { log }: JobHandlerContext): Promise<void> {
  const removed = await removeUnusedArtifacts(app, payload.organizationId);
  log.info({ organizationId: payload.organizationId, ...removed }, 'artifacts.cleaned');
}

import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { abandonBundleAssembly, assembleBundle } from '../../../api/src/sourcemaps/artifact-bundle.service.js';

/** Assembles and indexes an uploaded artifact bundle; a rerun of a finished bundle does nothing. */
export async function assembleArtifactBundleJob(app: Deps, payload: JobPayloads['artifact-bundle.assemble'], { finalAttempt }: JobHandlerContext): Promise<void> {
  try {
    await assembleBundle(app, payload.bundleId);
  } catch (error) {
    if (finalAttempt) await abandonBundleAssembly(app.db, payload.bundleId, error);
    throw error;
  }
}

import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { assembleBundle } from '../../../api/src/sourcemaps/artifact-bundle.service.js';

/** Assembles and indexes an uploaded artifact bundle; a rerun of a finished bundle does nothing. */
export async function assembleArtifactBundleJob(app: Deps, payload: JobPayloads['artifact-bundle.assemble']): Promise<void> {
  await assembleBundle(app, payload.bundleId);
}

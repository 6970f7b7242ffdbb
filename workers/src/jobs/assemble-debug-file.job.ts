import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { abandonDifAssembly, runDifAssembly } from '../../../api/src/native/dif-assemble.js';

/** Assembles, converts and stores a debug file uploaded in chunks; a rerun of a finished assembly does nothing. */
export async function assembleDebugFileJob(app: Deps, payload: JobPayloads['debug-file.assemble'], { finalAttempt }: JobHandlerContext): Promise<void> {
  try {
    await runDifAssembly(app, payload.assemblyId);
  } catch (error) {
    if (finalAttempt) await abandonDifAssembly(app.db, payload.assemblyId, error);
    throw error;
  }
}

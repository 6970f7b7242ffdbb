import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { expireAllHeldEvents } from '../../../api/src/native/held-events.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Held events past their maximum age are dropped, in every project; a rerun finds nothing left to drop. */
export async function expireHeldEventsJob(app: Deps, _payload: JobPayloads['native.expire-held-events'], { log }: JobHandlerContext): Promise<void> {
  const expired = await expireAllHeldEvents(app.db, app.config.native.heldEventMaxAgeDays);
  if (expired > 0) log.info({ expired, maxAgeDays: app.config.native.heldEventMaxAgeDays }, 'native.held-events-expired');
}

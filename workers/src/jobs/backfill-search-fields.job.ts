import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { backfillSearchFields } from '../../../api/src/events/event-search-backfill.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

/** Events stored before `tags`/`message` existed get them; each batch commits, so a rerun goes on where one stopped. */
export async function backfillSearchFieldsJob(app: Deps, _payload: JobPayloads['events.backfill-search-fields'], { log }: JobHandlerContext): Promise<void> {
  const filled = await backfillSearchFields(app.db);
  if (filled > 0) log.info({ events: filled }, 'events.search-fields-backfilled');
}

import type { DataSource } from 'typeorm';
import type { JobQueue } from '../jobs/job-queue.js';
import { emitServiceHookEvent } from '../service-hooks/service-hook-emit.js';
import type { ActionExecutor } from './alert-firing.js';

/** The WEBHOOK executor: an `event.alert` delivery to each of the project's hooks that subscribe to it. */
export function webhookAction(db: DataSource, queue: Pick<JobQueue, 'add'>): ActionExecutor {
  return async (alert) => {
    const subject = { issueId: alert.issue.id, fireId: alert.fire.id, ...(alert.fire.eventRowId ? { eventRowId: alert.fire.eventRowId } : {}) };
    const queued = await emitServiceHookEvent({ runner: db, queue }, alert.project.id, 'event.alert', subject);
    return queued > 0
      ? { status: 'sent', detail: `Queued ${queued} service hook deliver${queued === 1 ? 'y' : 'ies'}` }
      : { status: 'skipped', detail: 'No active service hook of the project subscribes to event.alert' };
  };
}

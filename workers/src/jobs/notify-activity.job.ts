import type { Deps } from '../../../api/src/runtime/deps.js';
import { notifyActivity } from '../../../api/src/collaboration/activity-notification.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { mailerFor } from '../mailer-for.js';

/** Emails the subscribers (and mentioned people) of one activity; each gets it once however often this runs. */
export async function notifyActivityJob(app: Deps, payload: JobPayloads['activity.notify'], { log }: JobHandlerContext): Promise<void> {
  const result = await notifyActivity(app, payload.activityId, mailerFor(app.config.mail));
  log.info({ activityId: payload.activityId, sent: result.sent.length }, 'activity.notified');
}

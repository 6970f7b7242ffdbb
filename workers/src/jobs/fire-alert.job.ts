import { emailAction } from '../../../api/src/alerts/alert-email-action.js';
import type { ActionExecutors } from '../../../api/src/alerts/alert-firing.js';
import { runFiredAlert } from '../../../api/src/alerts/alert-firing.js';
import { slackAction } from '../../../api/src/alerts/alert-slack-action.js';
import { webhookAction } from '../../../api/src/alerts/alert-webhook-action.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { mailerFor } from '../mailer-for.js';

/** The executor of each action type. */
export function alertExecutors(app: Deps): ActionExecutors {
  return {
    EMAIL: emailAction(app.db, mailerFor(app.config.mail)),
    WEBHOOK: webhookAction(app.db, app.queue),
    SLACK: slackAction(app),
  };
}

/** Runs the actions of a fired alert; actions already done are not repeated. */
export async function fireAlertJob(app: Deps, payload: JobPayloads['alert.fire'], { log }: JobHandlerContext): Promise<void> {
  const results = await runFiredAlert(app, payload.fireId, alertExecutors(app));
  log.info({ fireId: payload.fireId, results: results.map((r) => r?.status) }, 'alert.fired');
}

import { emailAction } from '../../../api/src/alerts/alert-email-action.js';
import type { ActionExecutor, ActionExecutors } from '../../../api/src/alerts/alert-firing.js';
import { runFiredAlert } from '../../../api/src/alerts/alert-firing.js';
import { webhookAction } from '../../../api/src/alerts/alert-webhook-action.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { Deps } from '../../../api/src/runtime/deps.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { mailerFor } from './job-mailer.js';

/**
 * Until the Slack app lands (api/src/slack/), a SLACK action is recorded as not done, with the
 * reason; the Slack domain's "post an issue alert to a channel" replaces this executor.
 */
const slackNotConfigured: ActionExecutor = async () => ({
  status: 'skipped',
  detail: process.env.SLACK_BOT_TOKEN ? 'Slack alerts are not available in this build' : 'Slack is not configured (SLACK_BOT_TOKEN is unset)',
});

/** The executor of each action type. */
export function alertExecutors(app: Deps): ActionExecutors {
  return {
    EMAIL: emailAction(app.db, mailerFor(app.config.mail)),
    WEBHOOK: webhookAction(app.db, app.queue),
    SLACK: slackNotConfigured,
  };
}

/** Runs the actions of a fired alert; actions already done are not repeated. */
export async function fireAlertJob(app: Deps, payload: JobPayloads['alert.fire'], { log }: JobHandlerContext): Promise<void> {
  const results = await runFiredAlert(app, payload.fireId, alertExecutors(app));
  log.info({ fireId: payload.fireId, results: results.map((r) => r?.status) }, 'alert.fired');
}

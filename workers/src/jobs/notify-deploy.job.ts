import type { Deps } from '../../../api/src/runtime/deps.js';
import type { Config } from '../../../api/src/config.js';
import { notifyDeploy as sendDeployEmails } from '../../../api/src/deploys/deploy-notification.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import { createMailer, type Mailer } from '../../../integrations/src/email/mailer.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

// One mailer per worker process; keyed by the settings so a process (or a test) that changes them gets a new one.
let cached: { key: string; mailer: Mailer } | undefined;

function mailerFor(settings: Config['mail']): Mailer {
  const key = JSON.stringify(settings);
  if (cached?.key !== key) cached = { key, mailer: createMailer(settings) };
  return cached.mailer;
}

/** Emails the members whose commits the deploy shipped; a rerun after success sends nothing. */
export async function notifyDeployJob(app: Deps, payload: JobPayloads['deploy.notify'], { log }: JobHandlerContext): Promise<void> {
  const result = await sendDeployEmails(app, payload.deployId, mailerFor(app.config.mail));
  log.info({ deployId: payload.deployId, claimed: result.claimed, recipients: result.recipients.length }, 'deploy.notified');
}

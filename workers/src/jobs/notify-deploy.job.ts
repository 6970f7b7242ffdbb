import type { Deps } from '../../../api/src/runtime/deps.js';
import { notifyDeploy as sendDeployEmails } from '../../../api/src/deploys/deploy-notification.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { mailerFor } from '../mailer-for.js';

/** Emails the members whose commits the deploy shipped; a rerun after success sends nothing. */
export async function notifyDeployJob(app: Deps, payload: JobPayloads['deploy.notify'], { log }: JobHandlerContext): Promise<void> {
  const result = await sendDeployEmails(app, payload.deployId, mailerFor(app.config.mail));
  log.info({ deployId: payload.deployId, claimed: result.claimed, recipients: result.recipients.length }, 'deploy.notified');
}

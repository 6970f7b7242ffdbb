import type { Deps } from '../../../api/src/runtime/deps.js';
import { sendInviteEmail } from '../../../api/src/invites/invite-email.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import { mailerFor } from '../mailer-for.js';

/** Emails the invitation link named by the payload, once. */
export async function sendInviteJob(app: Deps, payload: JobPayloads['invite.send'], { log }: JobHandlerContext): Promise<void> {
  const sent = await sendInviteEmail(app, payload.inviteId, payload.nonce, mailerFor(app.config.mail));
  log.info({ inviteId: payload.inviteId, sent }, 'invite.sent');
}

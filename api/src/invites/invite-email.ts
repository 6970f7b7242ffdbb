/**
 * Sends an invitation's email once per link: the row is claimed (emailed_nonce set) before the
 * send, and released if the send fails so the job's retry sends again.
 */
import type { Mailer } from '../../../integrations/src/email/mailer.js';
import { renderInviteEmail } from '../../../integrations/src/email/templates/invite-email.js';
import { recordOutboxMail } from '../deploys/mail-outbox.service.js';
import { Organization } from '../organizations/organization.entity.js';
import type { Deps } from '../runtime/deps.js';
import { User } from '../users/user.entity.js';
import { OrganizationInvite } from './invite.entity.js';
import { inviteToken, inviteUrl } from './invite-link.js';

/** True when this call sent the email; false when the link was renewed, used, revoked or already sent. */
export async function sendInviteEmail(app: Pick<Deps, 'db' | 'config'>, inviteId: number, nonce: string, mailer: Mailer): Promise<boolean> {
  const [claimed] = (await app.db.query(
    'UPDATE organization_invite SET emailed_nonce = nonce WHERE id = $1 AND nonce = $2 AND emailed_nonce IS DISTINCT FROM nonce RETURNING id',
    [inviteId, nonce],
  )) as [unknown[], number];
  if (claimed.length === 0) return false;
  try {
    const invite = await app.db.getRepository(OrganizationInvite).findOneByOrFail({ id: inviteId });
    const organization = await app.db.getRepository(Organization).findOneByOrFail({ id: invite.organizationId });
    const inviter = invite.invitedByUserId === null ? null : await app.db.getRepository(User).findOneBy({ id: invite.invitedByUserId });
    const token = await inviteToken(app.config, invite);
    const email = renderInviteEmail({
      organizationName: organization.name,
      inviterName: inviter ? inviter.name || inviter.email : null,
      role: invite.role,
      acceptUrl: inviteUrl(app.config.publicUrl, invite.id, token),
      expiresAt: invite.expiresAt,
    });
    const outboxFile = await mailer.send({ to: invite.email, ...email });
    if (outboxFile) await recordOutboxMail(app.db, organization.id, outboxFile);
    return true;
  } catch (error) {
    await app.db.query('UPDATE organization_invite SET emailed_nonce = NULL WHERE id = $1 AND emailed_nonce = $2', [inviteId, nonce]);
    throw error;
  }
}

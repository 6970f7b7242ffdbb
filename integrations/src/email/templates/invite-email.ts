/** The invitation email: who invites you where, with which role, and the link that accepts it. */
import { escapeHtml, oneLine, type RenderedEmail } from './deploy-email.js';

export interface InviteEmailView {
  organizationName: string;
  inviterName: string | null;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
}

export function renderInviteEmail(view: InviteEmailView): RenderedEmail {
  const who = view.inviterName ? oneLine(view.inviterName) : 'Someone';
  const organization = oneLine(view.organizationName);
  const expires = view.expiresAt.toUTCString();
  return {
    subject: `${who} invited you to join ${organization} on Vigil`,
    text: [
      `${who} invited you to join ${organization} on Vigil as ${view.role}.`,
      '',
      `Accept the invitation: ${view.acceptUrl}`,
      '',
      `The link works until ${expires}. If you did not expect this, ignore this email: nothing happens until you accept.`,
    ].join('\n'),
    html: `<p>${escapeHtml(who)} invited you to join <strong>${escapeHtml(organization)}</strong> on Vigil as ${escapeHtml(view.role)}.</p>
<p><a href="${escapeHtml(view.acceptUrl)}">Accept the invitation</a></p>
<p style="color:#5a5466">The link works until ${escapeHtml(expires)}. If you did not expect this, ignore this email: nothing happens until you accept.</p>`,
  };
}

/**
 * The EMAIL action: who gets an issue alert, and sending it. Issue owners are the suggested
 * assignees by suspect commits (falling through to all members when there are none, as Sentry's
 * "issue owners, else active members" does); a team, a member, or all members.
 */
import type { DataSource } from 'typeorm';
import type { Mailer } from '../../../integrations/src/email/mailer.js';
import { renderAlertEmail } from '../../../integrations/src/email/templates/alert-email.js';
import { recordOutboxMail } from '../deploys/mail-outbox.service.js';
import { suggestAssignees } from '../issues/suggested-assignees.js';
import type { ActionExecutor, FiredAlert } from './alert-firing.js';
import type { AlertAction } from './alert-rule.model.js';

interface Recipient {
  email: string;
  reason: string;
}

async function members(db: DataSource, organizationId: number, reason: string, userIds?: number[]): Promise<Recipient[]> {
  const rows: { email: string }[] = await db.query(
    `SELECT u.email FROM organization_member m JOIN users u ON u.id = m.user_id
      WHERE m.organization_id = $1 AND ($2::int[] IS NULL OR m.user_id = ANY($2)) ORDER BY u.email`,
    [organizationId, userIds ?? null],
  );
  return rows.map((r) => ({ email: r.email, reason }));
}

export async function alertRecipients(db: DataSource, alert: FiredAlert, action: AlertAction): Promise<Recipient[]> {
  const organizationId = alert.project.organizationId;
  switch (action.target) {
    case 'TEAM': {
      const rows: { email: string; slug: string }[] = await db.query(
        `SELECT u.email, t.slug FROM team t JOIN team_member tm ON tm.team_id = t.id JOIN organization_member m ON m.id = tm.membership_id
           JOIN users u ON u.id = m.user_id WHERE t.id = $1 AND t.organization_id = $2 ORDER BY u.email`,
        [action.teamId, organizationId],
      );
      return rows.map((r) => ({ email: r.email, reason: `you are on the team #${r.slug}` }));
    }
    case 'MEMBER':
      return members(db, organizationId, 'the alert rule names you', [action.userId!]);
    case 'ALL_MEMBERS':
      return members(db, organizationId, `you are a member of ${alert.organizationSlug}`);
    case 'ISSUE_OWNERS':
    default: {
      const owners = await suggestAssignees(db, alert.issue);
      if (owners.length > 0) return members(db, organizationId, 'your commits are suspect commits of this issue', owners.map((o) => o.userId));
      return members(db, organizationId, `the issue has no owners by suspect commits, so its alert goes to the members of ${alert.organizationSlug}`);
    }
  }
}

/** The EMAIL executor over `mailer`. */
export function emailAction(db: DataSource, mailer: Mailer): ActionExecutor {
  return async (alert, action) => {
    const recipients = await alertRecipients(db, alert, action);
    if (recipients.length === 0) return { status: 'skipped', detail: 'Nobody to email' };
    const [event] = alert.fire.eventRowId
      ? ((await db.query('SELECT environment, release FROM event WHERE id = $1', [alert.fire.eventRowId])) as { environment: string; release: string | null }[])
      : [];
    for (const recipient of recipients) {
      const message = renderAlertEmail({
        ruleName: alert.rule.name,
        shortId: alert.shortId,
        title: alert.issue.title,
        culprit: alert.issue.culprit,
        level: alert.issue.level,
        projectSlug: alert.project.slug,
        environment: event?.environment || null,
        release: event?.release ?? null,
        count: alert.issue.timesSeen,
        userCount: alert.issue.userCount,
        firstSeen: alert.issue.firstSeen,
        issueUrl: alert.issueUrl,
        reason: recipient.reason,
      });
      const outboxFile = await mailer.send({ to: recipient.email, ...message });
      if (outboxFile) await recordOutboxMail(db, alert.project.organizationId, outboxFile);
    }
    return { status: 'sent', detail: `Emailed ${recipients.map((r) => r.email).join(', ')}` };
  };
}

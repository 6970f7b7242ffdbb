/**
 * The body of the 'activity.notify' job: email everyone planRecipients picks for one activity row.
 * Each (activity, recipient) pair is claimed in notification_delivery before its email is sent,
 * so a retried or duplicated job sends nobody a second email; a failed send releases its claim
 * so the retry sends it.
 */
import type { DataSource } from 'typeorm';
import type { Mailer } from '../../../integrations/src/email/mailer.js';
import { renderIssueNotification } from '../../../integrations/src/email/templates/issue-notification.js';
import { recordOutboxMail } from '../deploys/mail-outbox.service.js';
import type { ActivityType } from '../issues/activity.entity.js';
import { formatShortId } from '../issues/short-id.js';
import type { SubscriptionReason } from '../issues/subscription-reason.js';
import type { Deps } from '../runtime/deps.js';
import { NOTIFICATION_SETTING_KEYS, type NotificationSettings } from '../users/notification-settings.service.js';
import { planRecipients, type Person, type Recipient } from './notification-plan.js';
import { signUnsubscribeToken, unsubscribeUrl } from './unsubscribe-link.js';

interface ActivityRow {
  id: number;
  type: ActivityType;
  user_id: number | null;
  data: Record<string, unknown>;
  issue_id: number;
  title: string;
  culprit: string;
  short_id_number: number;
  project_slug: string;
  organization_id: number;
  organization_slug: string;
  actor_name: string | null;
  actor_email: string | null;
}

type PersonRow = Record<string, unknown> & { user_id: number; email: string; name: string };

const SETTING_COLUMNS = NOTIFICATION_SETTING_KEYS.map((key) => `u.${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} AS "${key}"`).join(', ');

const toPerson = (row: PersonRow): Person => ({
  userId: row.user_id,
  email: row.email,
  name: row.name,
  settings: Object.fromEntries(NOTIFICATION_SETTING_KEYS.map((key) => [key, row[key] === true])) as NotificationSettings,
});

async function loadActivity(db: DataSource, activityId: number): Promise<ActivityRow | null> {
  const [row] = (await db.query(
    `SELECT a.id, a.type, a.user_id, a.data, a.issue_id, i.title, i.culprit, i.short_id_number,
            p.slug AS project_slug, p.organization_id, o.slug AS organization_slug, u.name AS actor_name, u.email AS actor_email
       FROM activity a
       JOIN issue i ON i.id = a.issue_id
       JOIN project p ON p.id = i.project_id AND p.status = 'active'
       JOIN organization o ON o.id = p.organization_id
       LEFT JOIN users u ON u.id = a.user_id
      WHERE a.id = $1`,
    [activityId],
  )) as ActivityRow[];
  return row ?? null;
}

/** Mentioned people and active subscribers who are still members of the organization. */
async function loadCandidates(db: DataSource, activity: ActivityRow) {
  const mentioned: (PersonRow & { team_slug: string | null })[] = await db.query(
    `SELECT u.id AS user_id, u.email, u.name, t.slug AS team_slug, ${SETTING_COLUMNS}
       FROM mention x JOIN users u ON u.id = x.user_id
       JOIN organization_member m ON m.user_id = u.id AND m.organization_id = $2
       LEFT JOIN team t ON t.id = x.team_id
      WHERE x.activity_id = $1 ORDER BY x.id`,
    [activity.id, activity.organization_id],
  );
  const subscribers: (PersonRow & { reason: SubscriptionReason })[] = await db.query(
    `SELECT u.id AS user_id, u.email, u.name, s.reason, ${SETTING_COLUMNS}
       FROM issue_subscription s JOIN users u ON u.id = s.user_id
       JOIN organization_member m ON m.user_id = u.id AND m.organization_id = $2
      WHERE s.issue_id = $1 AND s.is_active ORDER BY u.id`,
    [activity.issue_id, activity.organization_id],
  );
  return {
    actorUserId: activity.user_id,
    mentioned: mentioned.map((row) => ({ ...toPerson(row), teamSlug: row.team_slug })),
    subscribers: subscribers.map((row) => ({ ...toPerson(row), reason: row.reason })),
  };
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The subject line: who did what to which issue, as the recipient reads it. */
export function headline(activity: ActivityRow, shortId: string, recipient: Recipient): string {
  const actor = activity.actor_name || activity.actor_email || 'Vigil';
  const data = activity.data;
  switch (recipient.kind) {
    case 'mention':
      return `${actor} mentioned you on ${shortId}`;
    case 'comment':
      return `${actor} commented on ${shortId}`;
    case 'assignment': {
      const toYou = data.assigneeType === 'user' && data.assignee === String(recipient.userId);
      const assignee = toYou ? 'you' : data.assigneeType === 'team' ? `#${str(data.teamSlug) ?? 'a team'}` : (str(data.assigneeEmail) ?? 'someone');
      return `${actor} assigned ${shortId} to ${assignee}`;
    }
    case 'resolution':
      if (activity.type === 'set_resolved_in_release') return `${shortId} was resolved in release ${str(data.version) ?? ''}`.trim();
      if (activity.type === 'set_resolved_in_commit') {
        return `${shortId} will be resolved by commit ${str(data.commit)?.slice(0, 7) ?? ''}${str(data.repository) ? ` in ${str(data.repository)}` : ''}`;
      }
      if (activity.type === 'set_resolved_in_next_release') return `${actor} resolved ${shortId} in the next release`;
      return `${actor} resolved ${shortId}`;
    case 'regression':
      return `${shortId} regressed${str(data.version) ? ` in ${str(data.version)}` : ''}`;
  }
}

async function claim(db: DataSource, activityId: number, userId: number): Promise<boolean> {
  const rows: unknown[] = await db.query(
    'INSERT INTO notification_delivery (activity_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id',
    [activityId, userId],
  );
  return rows.length > 0;
}

export interface ActivityNotificationResult {
  /** Who was emailed by this run (those claimed by an earlier run are left out). */
  sent: string[];
}

export async function notifyActivity(app: Pick<Deps, 'db' | 'config'>, activityId: number, mailer: Mailer): Promise<ActivityNotificationResult> {
  const activity = await loadActivity(app.db, activityId);
  if (!activity) return { sent: [] }; // deleted meanwhile (a comment, an issue or its project)
  const recipients = planRecipients(activity.type, await loadCandidates(app.db, activity));
  const shortId = formatShortId(activity.project_slug, activity.short_id_number);
  const publicUrl = app.config.publicUrl;
  const organizationUrl = `${publicUrl}/organizations/${encodeURIComponent(activity.organization_slug)}`;
  const sent: string[] = [];
  for (const recipient of recipients) {
    if (!(await claim(app.db, activity.id, recipient.userId))) continue;
    try {
      const token = await signUnsubscribeToken(app.config, { userId: recipient.userId, issueId: activity.issue_id });
      const email = renderIssueNotification({
        headline: headline(activity, shortId, recipient),
        shortId,
        title: activity.title,
        culprit: activity.culprit,
        projectSlug: activity.project_slug,
        issueUrl: `${organizationUrl}/issues/${shortId}`,
        comment: activity.type === 'note' ? (str(activity.data.text) ?? '') : null,
        reason: recipient.reason,
        unsubscribeUrl: unsubscribeUrl(publicUrl, token),
        settingsUrl: `${organizationUrl}/settings/account/notifications`,
      });
      const outboxFile = await mailer.send({ to: recipient.email, ...email });
      if (outboxFile) await recordOutboxMail(app.db, activity.organization_id, outboxFile);
      sent.push(recipient.email);
    } catch (error) {
      await app.db.query('DELETE FROM notification_delivery WHERE activity_id = $1 AND user_id = $2', [activity.id, recipient.userId]);
      throw error;
    }
  }
  return { sent };
}

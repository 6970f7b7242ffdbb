import type { DataSource } from 'typeorm';
import { setSubscription } from '../issues/issue-subscriptions.js';
import { formatShortId } from '../issues/short-id.js';
import type { Deps } from '../runtime/deps.js';
import { verifyUnsubscribeToken } from './unsubscribe-link.js';

export interface UnsubscribeSubject {
  userId: number;
  issueId: number;
  shortId: string;
  title: string;
  isSubscribed: boolean;
}

/** What a valid link is about (the issue still exists), or null: a bad signature and a deleted issue look alike. */
export async function unsubscribeSubject(app: Pick<Deps, 'db' | 'config'>, token: string): Promise<UnsubscribeSubject | null> {
  const target = await verifyUnsubscribeToken(app.config, token);
  if (!target) return null;
  return loadSubject(app.db, target.userId, target.issueId);
}

async function loadSubject(db: DataSource, userId: number, issueId: number): Promise<UnsubscribeSubject | null> {
  const [row] = (await db.query(
    `SELECT i.title, i.short_id_number, p.slug, COALESCE(s.is_active, false) AS is_subscribed
       FROM issue i JOIN project p ON p.id = i.project_id AND p.status = 'active'
       LEFT JOIN issue_subscription s ON s.issue_id = i.id AND s.user_id = $2
      WHERE i.id = $1`,
    [issueId, userId],
  )) as { title: string; short_id_number: number; slug: string; is_subscribed: boolean }[];
  if (!row) return null;
  return { userId, issueId, shortId: formatShortId(row.slug, row.short_id_number), title: row.title, isSubscribed: row.is_subscribed };
}

/** Unsubscribes the link's person from its issue (an explicit opt-out, so nothing re-subscribes them implicitly). */
export async function unsubscribeByToken(app: Pick<Deps, 'db' | 'config' | 'pubsub'>, token: string): Promise<UnsubscribeSubject | null> {
  const subject = await unsubscribeSubject(app, token);
  if (!subject) return null;
  await app.db.transaction(async (tx) => {
    if (!(await setSubscription(tx, subject.issueId, subject.userId, false))) return;
    const [issue] = (await tx.query('SELECT i.project_id, p.organization_id FROM issue i JOIN project p ON p.id = i.project_id WHERE i.id = $1', [
      subject.issueId,
    ])) as { project_id: number; organization_id: number }[];
    if (issue) await app.pubsub.publish('issueUpdated', { organizationId: issue.organization_id, projectId: issue.project_id, issueId: subject.issueId }, tx);
  });
  return { ...subject, isSubscribed: false };
}

/**
 * Sentry's "For review" inbox. An issue enters when it is created, regresses or its ignore runs
 * out; it leaves when someone marks it reviewed, resolves or ignores it, or after INBOX_DAYS.
 */
import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import type { LoaderFactory } from '../graphql/request-loaders.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { InboxReason } from './issue-inbox.entity.js';

export const INBOX_DAYS = 7;

/** The oldest `date_added` that still counts as waiting for review. */
export function inboxCutoff(now = new Date()): Date {
  return new Date(now.getTime() - INBOX_DAYS * 86_400_000);
}

/** Puts issues (back) into the inbox; a later reason replaces an earlier one, as in Sentry. */
export async function addToInbox(tx: EntityManager, entries: readonly { issueId: number; reason: InboxReason }[], at = new Date()): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO issue_inbox (issue_id, reason, date_added) SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[])
     ON CONFLICT (issue_id) DO UPDATE SET reason = excluded.reason, date_added = excluded.date_added`,
    [entries.map((e) => e.issueId), entries.map((e) => e.reason), entries.map(() => at)],
  );
}

/** Takes issues out of the inbox; returns the ids that were in it. */
export async function removeFromInbox(tx: EntityManager | DataSource, issueIds: readonly number[]): Promise<number[]> {
  if (issueIds.length === 0) return [];
  // (TypeORM returns [rows, count] for a DELETE … RETURNING.)
  const [rows] = (await tx.query('DELETE FROM issue_inbox WHERE issue_id = ANY($1::int[]) RETURNING issue_id', [[...issueIds]])) as [{ issue_id: number }[], number];
  return rows.map((row) => row.issue_id);
}

/** "Mark reviewed": the issues leave the inbox; returns how many were in it. Live views hear of each. */
export async function markReviewed(db: DataSource, pubsub: PgPubSub, access: OrgAccess, issues: readonly { id: number; projectId: number }[]): Promise<number> {
  return db.transaction(async (tx) => {
    const removed = new Set(await removeFromInbox(tx, issues.map((issue) => issue.id)));
    const changed = issues.filter((issue) => removed.has(issue.id));
    await pubsub.publishMany(
      'issueUpdated',
      changed.map((issue) => ({ organizationId: access.organization.id, projectId: issue.projectId, issueId: issue.id })),
      tx,
    );
    return changed.length;
  });
}

export interface InboxEntry {
  reason: InboxReason;
  dateAdded: Date;
}

/** Each issue's inbox entry while it still counts (null otherwise), one query per batch. */
export const inboxByIssue: LoaderFactory<number, InboxEntry | null> = (db) =>
  new DataLoader(async (ids) => {
    const rows: { issue_id: number; reason: InboxReason; date_added: Date }[] = await db.query(
      'SELECT issue_id, reason, date_added FROM issue_inbox WHERE issue_id = ANY($1::int[]) AND date_added >= $2',
      [[...ids], inboxCutoff()],
    );
    const byId = new Map(rows.map((row) => [row.issue_id, { reason: row.reason, dateAdded: new Date(row.date_added) }]));
    return ids.map((id) => byId.get(id) ?? null);
  });

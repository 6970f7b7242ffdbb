/**
 * Deleting issues (Sentry's bulk delete). Small ones go at once; large ones are hidden at once
 * (status pending_deletion, grouping hashes dropped so later events start a new issue) and a job
 * deletes their events in batches, then the issue row (tag values, counters and the rest cascade).
 */
import { In, type DataSource } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import type { Deps } from '../runtime/deps.js';
import { removeFromInbox } from './issue-inbox.js';
import { deleteIssues } from './issue-triage.service.js';
import { Issue } from './issue.entity.js';

/** Above this many events in total, deletion runs as a job. */
export const INLINE_DELETE_EVENTS = 10_000;
const EVENT_BATCH = 5_000;

export type DeletionDeps = Pick<Deps, 'pubsub' | 'queue'>;

/** Deletes or schedules the deletion of issues the caller may delete (already authorized); returns how many. */
export async function requestIssueDeletion(db: DataSource, deps: DeletionDeps, access: OrgAccess, issues: readonly Issue[]): Promise<number> {
  const events = issues.reduce((sum, issue) => sum + issue.timesSeen, 0);
  if (events <= INLINE_DELETE_EVENTS) return deleteIssues(db, deps.pubsub, access, issues.map((issue) => issue.id));
  return db.transaction(async (tx) => {
    const locked = await tx.getRepository(Issue).find({ where: { id: In(issues.map((i) => i.id)) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const ids = locked.filter((issue) => issue.status !== 'pending_deletion').map((issue) => issue.id);
    if (ids.length === 0) return 0;
    await tx.query('DELETE FROM group_hash WHERE issue_id = ANY($1::int[])', [ids]);
    await tx.getRepository(Issue).update({ id: In(ids) }, { status: 'pending_deletion', substatus: null });
    await removeFromInbox(tx, ids);
    await deps.queue.add('issues.delete', { issueIds: ids }, { runner: tx });
    await deps.pubsub.publishMany(
      'issueUpdated',
      locked.filter((issue) => ids.includes(issue.id)).map((issue) => ({ organizationId: access.organization.id, projectId: issue.projectId, issueId: issue.id })),
      tx,
    );
    return ids.length;
  });
}

/**
 * Job body: deletes the events of issues pending deletion in batches (each its own statement, so
 * no transaction grows with the issue), then the issues. Reruns pick up where a crash left off;
 * issues that are gone or not pending deletion are left alone.
 */
export async function deletePendingIssues(db: DataSource, issueIds: readonly number[]): Promise<number> {
  const pending = await db.getRepository(Issue).find({ where: { id: In([...issueIds]), status: 'pending_deletion' }, order: { id: 'ASC' } });
  for (const issue of pending) {
    for (;;) {
      const [rows] = (await db.query(
        `WITH batch AS (SELECT id, project_id, event_id FROM event WHERE issue_id = $1 LIMIT ${EVENT_BATCH}),
              attachments AS (DELETE FROM event_attachment a USING batch b WHERE a.project_id = b.project_id AND a.event_id = b.event_id)
         DELETE FROM event e USING batch b WHERE e.id = b.id AND e.issue_id = $1 RETURNING e.id`,
        [issue.id],
      )) as [unknown[], number];
      if (rows.length < EVENT_BATCH) break;
    }
    await db.getRepository(Issue).delete({ id: issue.id, status: 'pending_deletion' });
  }
  return pending.length;
}

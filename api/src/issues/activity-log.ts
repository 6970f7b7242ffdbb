/**
 * Every new activity row is announced the same way, whoever wrote it (triage, ingest, commits,
 * comments): `activityAdded` for live views, and an `activity.notify` job (keyed by the row, so
 * it is queued once) for the kinds people get emails about. Call it inside the transaction that
 * wrote the rows: both happen only if it commits.
 */
import type { EntityManager } from 'typeorm';
import type { Deps } from '../runtime/deps.js';
import type { ActivityType } from './activity.entity.js';

export type ActivityDeps = Pick<Deps, 'pubsub' | 'queue'>;

/** The kinds of activity subscribers are emailed about. */
export const NOTIFIED_ACTIVITY_TYPES: ReadonlySet<ActivityType> = new Set<ActivityType>([
  'note',
  'assigned',
  'set_resolved',
  'set_resolved_in_next_release',
  'set_resolved_in_release',
  'set_resolved_in_commit',
  'set_regression',
]);

export async function announceActivities(tx: EntityManager, deps: ActivityDeps, activityIds: readonly number[]): Promise<void> {
  if (activityIds.length === 0) return;
  const rows: { id: number; issue_id: number; project_id: number; organization_id: number; type: ActivityType }[] = await tx.query(
    `SELECT a.id, a.issue_id, a.type, i.project_id, p.organization_id
       FROM activity a JOIN issue i ON i.id = a.issue_id JOIN project p ON p.id = i.project_id
      WHERE a.id = ANY($1::int[]) ORDER BY a.id`,
    [activityIds],
  );
  await deps.pubsub.publishMany(
    'activityAdded',
    rows.map((r) => ({ organizationId: r.organization_id, projectId: r.project_id, issueId: r.issue_id, activityId: r.id })),
    tx,
  );
  for (const row of rows) {
    if (!NOTIFIED_ACTIVITY_TYPES.has(row.type)) continue;
    await deps.queue.add('activity.notify', { activityId: row.id }, { runner: tx, singletonKey: `activity:${row.id}` });
  }
  // Service hooks hear of resolutions and assignments (`issue.resolved`, `issue.assigned`).
  await deps.queue.add('issue.activity', { activityIds: rows.map((r) => r.id) }, { runner: tx });
}

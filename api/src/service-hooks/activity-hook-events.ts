import type { DataSource } from 'typeorm';
import type { JobQueue } from '../jobs/job-queue.js';
import { emitServiceHookEvents } from './service-hook-emit.js';
import type { ServiceHookEvent } from './service-hook-events.js';

/** Which activity types are which service hook event (others emit nothing). */
const EVENT_OF_ACTIVITY: Record<string, ServiceHookEvent> = {
  set_resolved: 'issue.resolved',
  set_resolved_in_next_release: 'issue.resolved',
  set_resolved_in_release: 'issue.resolved',
  assigned: 'issue.assigned',
  note: 'comment.created',
};

/** The 'issue.activity' job: `issue.resolved`, `issue.assigned` and `comment.created` for new activity rows (every writer announces them, `issues/activity-log.ts`). */
export async function emitActivityHookEvents(deps: { db: DataSource; queue: Pick<JobQueue, 'add'> }, activityIds: number[]): Promise<number> {
  if (activityIds.length === 0) return 0;
  const rows: { id: number; type: string; issue_id: number; project_id: number }[] = await deps.db.query(
    'SELECT a.id, a.type, a.issue_id, i.project_id FROM activity a JOIN issue i ON i.id = a.issue_id WHERE a.id = ANY($1) AND a.type = ANY($2) ORDER BY a.id',
    [activityIds, Object.keys(EVENT_OF_ACTIVITY)],
  );
  return emitServiceHookEvents(
    { runner: deps.db, queue: deps.queue },
    rows.map((row) => ({ projectId: row.project_id, event: EVENT_OF_ACTIVITY[row.type]!, subject: { issueId: row.issue_id, activityId: row.id } })),
  );
}

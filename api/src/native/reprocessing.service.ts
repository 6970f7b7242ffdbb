/**
 * Reprocessing: v1 sends held events back through the ingest pipeline once their debug files are
 * there (or all of them when reprocessing is turned off); v2 (`reprocessIssue`) re-symbolicates an
 * issue's stored events in place and regroups them. Both run as jobs that take IDs and are
 * idempotent: each batch commits what it took together with what it queued or rewrote.
 */
import { encodeEventPayload, eventPayload } from '../events/event-payload.js';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { NormalizedEvent } from '../events/event.types.js';
import { computeGrouping, GROUPING_CONFIG } from '../events/grouping.js';
import { assignIssues } from '../issues/assign-issues.js';
import { recordIssueEvents } from '../issues/record-issue-events.js';
import { expireHeldEvents, RELEASE_BATCH, takeReleasable, type ReleasedEnvelope } from './held-events.js';
import { symbolicateStored } from './native-processor.js';

/** Puts envelopes into the ingest queue, in the caller's transaction (handed in by the worker, which knows the queue). */
export type RequeueEnvelopes = (tx: EntityManager, envelopes: ReleasedEnvelope[]) => Promise<void>;

export interface ReprocessingDeps {
  db: DataSource;
  queue: JobQueue;
  config: Pick<Config, 'native'>;
}

/** `reprocessProject` / `POST …/reprocessing/`: queue a run. */
export async function startReprocessing(deps: Pick<ReprocessingDeps, 'queue'>, projectId: number): Promise<void> {
  await deps.queue.add('reprocessing.run', { projectId });
}

/**
 * One batch of the project's releasable held events back into the ingest queue; queues the next
 * batch in the same transaction while more may remain. Returns how many were released.
 */
export async function releaseHeldBatch(deps: ReprocessingDeps, projectId: number, everything: boolean, requeue: RequeueEnvelopes): Promise<number> {
  return deps.db.transaction(async (tx) => {
    await expireHeldEvents(tx, projectId, deps.config.native.heldEventMaxAgeDays);
    const released = await takeReleasable(tx, projectId, everything);
    if (released.length > 0) await requeue(tx, released);
    if (released.length === RELEASE_BATCH) await deps.queue.add(everything ? 'reprocessing.release' : 'reprocessing.run', { projectId }, { runner: tx });
    return released.length;
  });
}

/** Events of an issue rewritten per transaction. */
const ISSUE_BATCH = 100;

/** The event as it arrived, before symbolication rewrote its frames (symbolication starts again from there). */
function unsymbolicated(event: NormalizedEvent): NormalizedEvent {
  return {
    ...event,
    exceptions: event.exceptions.map(({ rawFrames, ...exception }) => ({ ...exception, frames: rawFrames ?? exception.frames })),
    errors: event.errors.filter((e) => !e.type.startsWith('native_')),
  };
}

/**
 * `reprocessIssue`: every stored event of the issue is symbolicated again with the debug files known
 * now, replaced in place (same row, id, timestamps) and regrouped; events that now group elsewhere
 * move to that issue (counted there), and the issue's count follows what is left (it is deleted
 * when nothing is). Walks the events by id, so a retried job picks up where it stopped.
 */
export async function reprocessIssue(deps: { db: DataSource; storage: BlobStore }, issueId: number): Promise<{ reprocessed: number; moved: number }> {
  let after = '0';
  let reprocessed = 0;
  let moved = 0;
  for (;;) {
    const batch = await deps.db.transaction(async (tx) => {
      const rows = (await tx.query(
        `SELECT e.id, e.project_id, e.payload, p.organization_id FROM event e JOIN project p ON p.id = e.project_id
         WHERE e.issue_id = $1 AND e.id > $2 ORDER BY e.id LIMIT $3 FOR UPDATE OF e`,
        [issueId, after, ISSUE_BATCH],
      )) as { id: string; project_id: number; payload: Buffer; organization_id: number }[];
      for (const row of rows) {
        const original = unsymbolicated(eventPayload(row));
        const { event } = await symbolicateStored(tx, deps.storage, { id: row.project_id, organizationId: row.organization_id }, original);
        const grouping = computeGrouping(event);
        const { issueIds } = await assignIssues(tx, [{ projectId: row.project_id, event, grouping, firstReleaseId: null }]);
        const target = issueIds[0]!;
        await tx.query('UPDATE event SET payload = $2, hashes = $3, grouping_config = $4, issue_id = $5 WHERE id = $1', [row.id, encodeEventPayload(event), grouping.hashes, GROUPING_CONFIG, target]);
        if (target !== issueId) {
          await recordIssueEvents(tx, [{ issueId: target, event, release: null, userKey: null }]);
          moved++;
        }
        reprocessed++;
      }
      return rows;
    });
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
  }
  await settleIssue(deps.db, issueId);
  return { reprocessed, moved };
}

/** The reprocessed issue keeps the count of the events it still has; without any it goes away. */
async function settleIssue(db: DataSource, issueId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = (await tx.query('SELECT count(*)::int AS n FROM event WHERE issue_id = $1', [issueId])) as { n: number }[];
    if ((row?.n ?? 0) === 0) await tx.query('DELETE FROM issue WHERE id = $1', [issueId]);
    else await tx.query('UPDATE issue SET times_seen = $2 WHERE id = $1', [issueId, row!.n]);
  });
}

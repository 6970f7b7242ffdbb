import type { DataSource } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import { requeueParked } from './ingest-queue.js';

export interface ParkedReasonSummary {
  reason: string;
  count: number;
  firstParkedAt: Date;
  lastParkedAt: Date;
}

export interface ParkedSummary {
  count: number;
  firstParkedAt: Date | null;
  lastParkedAt: Date | null;
  firstReceivedAt: Date | null;
  reasons: ParkedReasonSummary[];
}

const MAX_REASONS = 20;

/** The project's parked envelopes, counted per reason; only within the caller's organization. */
export async function parkedEnvelopeSummary(db: DataSource, access: OrgAccess, projectId: number): Promise<ParkedSummary> {
  const rows: { reason: string; count: number; first: Date; last: Date; received: Date }[] = await db.query(
    `SELECT f.error AS reason, count(*)::int AS count, min(f.date_created) AS first, max(f.date_created) AS last, min(f.received_at) AS received
       FROM ingest_failed f JOIN project p ON p.id = f.project_id
      WHERE f.project_id = $1 AND p.organization_id = $2
      GROUP BY f.error ORDER BY count(*) DESC, max(f.date_created) DESC`,
    [projectId, access.organization.id],
  );
  const dates = (pick: (r: (typeof rows)[number]) => Date, min: boolean) =>
    rows.length === 0 ? null : new Date(Math[min ? 'min' : 'max'](...rows.map((r) => new Date(pick(r)).getTime())));
  return {
    count: rows.reduce((sum, r) => sum + r.count, 0),
    firstParkedAt: dates((r) => r.first, true),
    lastParkedAt: dates((r) => r.last, false),
    firstReceivedAt: dates((r) => r.received, true),
    reasons: rows.slice(0, MAX_REASONS).map((r) => ({ reason: r.reason, count: r.count, firstParkedAt: new Date(r.first), lastParkedAt: new Date(r.last) })),
  };
}

/** Moves the project's parked envelopes back to the queue with fresh attempts and wakes the consumers. */
export async function retryParkedEnvelopes(db: DataSource, pubsub: PgPubSub, access: OrgAccess, projectId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [project]: unknown[] = await tx.query('SELECT 1 FROM project WHERE id = $1 AND organization_id = $2', [projectId, access.organization.id]);
    if (!project) return 0;
    const moved = await requeueParked(tx, projectId);
    if (moved > 0) await pubsub.publish('ingestQueued', {}, tx);
    return moved;
  });
}

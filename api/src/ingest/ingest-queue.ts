import type { DataSource, EntityManager } from 'typeorm';
import type { QueuedEnvelope } from './prepare-envelope.js';

/**
 * The lifecycle of a queued envelope after the edge wrote it (queue-writer.ts): claimed by one
 * consumer loop, locked and deleted by the transaction that stores it, or parked in
 * ingest_failed, from where an admin can move it back.
 */

/** Attempts an envelope gets; the next claim parks it instead. */
export const MAX_ATTEMPTS = 3;
/** Sum of envelope sizes per batch (a larger envelope still makes a batch on its own). */
export const BATCH_BYTES = 8 * 1024 * 1024;
/** Envelopes per batch, whatever their size. */
export const BATCH_COUNT = 250;
/**
 * A claim of a consumer that died runs out after this long. It only has to cover the moment
 * between the claim and the processing transaction's row locks (which SKIP LOCKED respects).
 */
export const CLAIM_SECONDS = 10;
/** Park reasons are for humans: the error message, short. */
const MAX_REASON_LENGTH = 500;

export interface Claim {
  id: string;
  /** Attempts including this one. */
  attempts: number;
}

export interface ClaimOptions {
  /** The claiming consumer loop (a UUID). */
  owner: string;
  maxBytes?: number;
  maxCount?: number;
  claimSeconds?: number;
}

/**
 * Claims the head of the queue for `owner` and counts an attempt on each claimed envelope, in one
 * committed statement before any processing, so an envelope that kills its process is still
 * counted. Envelopes tried before are claimed alone: a batch that failed cannot take its
 * innocent neighbours down with the bad one again.
 */
export async function claimBatch(db: DataSource, options: ClaimOptions): Promise<Claim[]> {
  const rows: [{ id: string; attempts: number }[], number] = await db.query(
    `WITH head AS (
       SELECT id, attempts, octet_length(envelope) AS size FROM ingest_queue
        WHERE claimed_until IS NULL OR claimed_until < now()
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED),
     ranked AS (
       SELECT id, row_number() OVER w AS n, sum(size) OVER w AS total, bool_or(attempts > 0) OVER w AS retried
         FROM head WINDOW w AS (ORDER BY id ROWS UNBOUNDED PRECEDING))
     UPDATE ingest_queue q SET attempts = q.attempts + 1, claimed_by = $3, claimed_until = now() + make_interval(secs => $4)
       FROM ranked r
      WHERE q.id = r.id AND (r.n = 1 OR (r.total <= $2 AND NOT r.retried))
     RETURNING q.id, q.attempts`,
    [options.maxCount ?? BATCH_COUNT, options.maxBytes ?? BATCH_BYTES, options.owner, options.claimSeconds ?? CLAIM_SECONDS],
  );
  return rows[0].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

interface QueueRow {
  id: string;
  project_id: number;
  received_at: Date;
  client_ip: string | null;
  user_agent: string | null;
  envelope: Buffer;
}

/**
 * Locks the claimed envelopes for the transaction that stores them. A row whose claim ran out
 * and went to another consumer is left to that one.
 */
export async function lockClaimed(tx: EntityManager, owner: string, ids: string[]): Promise<QueuedEnvelope[]> {
  const rows: QueueRow[] = await tx.query(
    `SELECT id, project_id, received_at, client_ip, user_agent, envelope FROM ingest_queue
      WHERE id = ANY($1) AND claimed_by = $2 ORDER BY id FOR UPDATE SKIP LOCKED`,
    [ids, owner],
  );
  return rows.map((row) => ({
    id: row.id,
    projectId: row.project_id,
    receivedAt: new Date(row.received_at),
    clientIp: row.client_ip,
    userAgent: row.user_agent,
    envelope: row.envelope,
  }));
}

/** Deletes processed envelopes, in the transaction that stored what they carried. */
export async function deleteProcessed(tx: EntityManager, ids: string[]): Promise<void> {
  await tx.query('DELETE FROM ingest_queue WHERE id = ANY($1)', [ids]);
}

/**
 * Hands back everything `owner` still claims. `refund` takes the attempt back: the failure was the
 * database's, not the envelope's.
 */
export async function releaseClaims(db: DataSource, owner: string, options: { refund: boolean }): Promise<void> {
  await db.query(
    `UPDATE ingest_queue SET claimed_by = NULL, claimed_until = NULL, attempts = CASE WHEN $2 THEN greatest(attempts - 1, 0) ELSE attempts END
      WHERE claimed_by = $1`,
    [owner, options.refund],
  );
}

/** Moves an envelope to ingest_failed with the reason, in one statement. False if it is gone already. */
export async function parkEnvelope(db: DataSource | EntityManager, id: string, reason: string): Promise<boolean> {
  // (A data-modifying WITH ending in INSERT comes back as plain rows.)
  const rows: unknown[] = await db.query(
    `WITH moved AS (DELETE FROM ingest_queue WHERE id = $1 RETURNING project_id, received_at, client_ip, user_agent, envelope)
     INSERT INTO ingest_failed (project_id, received_at, client_ip, user_agent, envelope, error)
     SELECT project_id, received_at, client_ip, user_agent, envelope, $2 FROM moved
     RETURNING id`,
    [id, reason],
  );
  return rows.length > 0;
}

/** Moves a project's parked envelopes back to the queue as new, in arrival order. Returns how many. */
export async function requeueParked(tx: EntityManager, projectId: number): Promise<number> {
  const rows: unknown[] = await tx.query(
    `WITH moved AS (DELETE FROM ingest_failed WHERE project_id = $1 RETURNING id, project_id, received_at, client_ip, user_agent, envelope)
     INSERT INTO ingest_queue (project_id, received_at, client_ip, user_agent, envelope)
     SELECT project_id, received_at, client_ip, user_agent, envelope FROM moved ORDER BY id
     RETURNING id`,
    [projectId],
  );
  return rows.length;
}

/** What a human needs to see why an envelope was parked: the message only, short, without credentials. */
export function parkReason(error: unknown): string {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const clean = message
    .replace(/\/\/[^/\s:@]+:[^/\s@]+@/g, '//[Filtered]@')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > MAX_REASON_LENGTH ? `${clean.slice(0, MAX_REASON_LENGTH - 3)}...` : clean || 'unknown error';
}

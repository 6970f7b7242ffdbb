/**
 * Held events and processing issues (Sentry's reprocessing v1): an event whose mandatory debug files
 * are missing waits here, out of the stream, until they are uploaded; then it goes back into the
 * ingest queue with its original payload and receive time, in batches.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { MissingDebugFile } from './symbolicate-frames.js';

export interface HoldRequest {
  projectId: number;
  eventId: string;
  payload: Buffer;
  received: { at: Date; clientIp: string | null; userAgent: string | null };
  missing: MissingDebugFile[];
  revision: number;
}

/** An envelope to queue again: what the ingest queue needs to process a released event. */
export interface ReleasedEnvelope {
  projectId: number;
  receivedAt: Date;
  clientIp: string | null;
  userAgent: string | null;
  envelope: Buffer;
}

/** Released events go back in batches this big (one transaction each). */
export const RELEASE_BATCH = 100;

/**
 * The project's processing revision, share-locked until the transaction ends: an upload (which bumps
 * it under a row lock) either commits before this read, and the caller sees the new revision and
 * retries, or waits for the caller's commit, and its reprocessing run sees what the caller held.
 */
export async function lockRevision(tx: EntityManager, projectId: number): Promise<number> {
  const [row] = (await tx.query('SELECT processing_revision FROM project WHERE id = $1 FOR SHARE', [projectId])) as { processing_revision: number }[];
  return row?.processing_revision ?? 0;
}

/** Stores the held event (a resend of one already held keeps the first) and its processing issues. */
export async function holdEvent(tx: EntityManager, hold: HoldRequest): Promise<void> {
  const mandatory = hold.missing.filter((m) => m.mandatory || m.type === 'native_bad_dsym');
  await tx.query(
    `INSERT INTO held_event (project_id, event_id, payload, received_at, client_ip, user_agent, missing_debug_ids, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (project_id, event_id) DO NOTHING`,
    [hold.projectId, hold.eventId, hold.payload, hold.received.at, hold.received.clientIp, hold.received.userAgent, [...new Set(mandatory.map((m) => m.debugId))], hold.revision],
  );
  for (const m of mandatory) {
    await tx.query(
      `INSERT INTO processing_issue (project_id, debug_id, type, image_path, arch, message, last_seen) VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (project_id, debug_id) DO UPDATE SET last_seen = now(), type = EXCLUDED.type, message = EXCLUDED.message`,
      [hold.projectId, m.debugId, m.type, m.imagePath, m.arch, m.message ?? null],
    );
  }
}

/** Events held longer than `maxAgeDays` are dropped (Sentry: 10 days), with issues nothing waits for. */
export async function expireHeldEvents(tx: EntityManager, projectId: number, maxAgeDays: number): Promise<number> {
  const rows = (await tx.query(`DELETE FROM held_event WHERE project_id = $1 AND received_at < now() - make_interval(days => $2) RETURNING project_id`, [projectId, maxAgeDays])) as [
    { project_id: number }[],
    number,
  ];
  return afterExpiry(tx, rows[0] ?? []);
}

/**
 * The scheduled sweep (`native.expire-held-events`): held events older than `maxAgeDays` in every
 * project, with the processing issues nothing waits for any more. Returns how many were dropped.
 */
export async function expireAllHeldEvents(db: DataSource, maxAgeDays: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = (await tx.query(`DELETE FROM held_event WHERE received_at < now() - make_interval(days => $1) RETURNING project_id`, [maxAgeDays])) as [
      { project_id: number }[],
      number,
    ];
    return afterExpiry(tx, rows[0] ?? []);
  });
}

/** Expired events are counted (outcome `invalid`, reason `held_event_expired`), never dropped in silence. */
async function afterExpiry(tx: EntityManager, expired: { project_id: number }[]): Promise<number> {
  const perProject = new Map<number, number>();
  for (const row of expired) perProject.set(row.project_id, (perProject.get(row.project_id) ?? 0) + 1);
  for (const [projectId, quantity] of perProject) {
    await deleteOrphanIssues(tx, projectId);
    await tx.query(
      `INSERT INTO outcome (project_id, hour, outcome, reason, category, quantity) VALUES ($1, date_trunc('hour', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 'invalid', 'held_event_expired', 'error', $2)
       ON CONFLICT (project_id, hour, outcome, reason, category) DO UPDATE SET quantity = outcome.quantity + EXCLUDED.quantity`,
      [projectId, quantity],
    );
  }
  return expired.length;
}

async function deleteOrphanIssues(tx: EntityManager, projectId: number): Promise<void> {
  await tx.query(
    `DELETE FROM processing_issue p WHERE p.project_id = $1
       AND NOT EXISTS (SELECT 1 FROM held_event h WHERE h.project_id = p.project_id AND p.debug_id = ANY(h.missing_debug_ids))`,
    [projectId],
  );
}

/** An upload of `debugIds`: their issues are resolved and the revision moves on (under its row lock). */
export async function resolveProcessingIssues(tx: EntityManager, projectId: number, debugIds: string[]): Promise<void> {
  await tx.query('UPDATE project SET processing_revision = processing_revision + 1 WHERE id = $1', [projectId]);
  await tx.query('DELETE FROM processing_issue WHERE project_id = $1 AND debug_id = ANY($2)', [projectId, debugIds]);
}

/**
 * Takes up to RELEASE_BATCH held events off the project: all of them (`everything`, reprocessing
 * turned off) or those whose debug files are now all uploaded. Rows are deleted by the caller's
 * transaction, which queues them again, so a crash loses nothing and nothing runs twice.
 */
export async function takeReleasable(tx: EntityManager, projectId: number, everything: boolean): Promise<ReleasedEnvelope[]> {
  const rows = (await tx.query(
    `DELETE FROM held_event WHERE id IN (
       SELECT h.id FROM held_event h WHERE h.project_id = $1
         AND ($2 OR NOT EXISTS (SELECT 1 FROM unnest(h.missing_debug_ids) AS d(id)
                                WHERE NOT EXISTS (SELECT 1 FROM debug_file f WHERE f.project_id = h.project_id AND f.debug_id = d.id)))
       ORDER BY h.id LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING project_id, event_id, payload, received_at, client_ip, user_agent`,
    [projectId, everything, RELEASE_BATCH],
  )) as [{ project_id: number; event_id: string; payload: Buffer; received_at: Date; client_ip: string | null; user_agent: string | null }[], number];
  const released = rows[0] ?? [];
  if (everything) await tx.query('DELETE FROM processing_issue WHERE project_id = $1', [projectId]);
  else await deleteOrphanIssues(tx, projectId);
  return released.map((r) => ({
    projectId: r.project_id,
    receivedAt: r.received_at,
    clientIp: r.client_ip,
    userAgent: r.user_agent,
    envelope: eventEnvelope(r.event_id, r.payload),
  }));
}

/** A one-event envelope, as an SDK would have sent it. */
export function eventEnvelope(eventId: string, payload: Buffer): Buffer {
  const header = JSON.stringify({ event_id: eventId });
  const item = JSON.stringify({ type: 'event', length: payload.length });
  return Buffer.concat([Buffer.from(`${header}\n${item}\n`), payload, Buffer.from('\n')]);
}

export interface ProcessingIssueRow {
  id: number;
  debugId: string;
  type: string;
  imagePath: string;
  arch: string | null;
  message: string | null;
  lastSeen: Date;
  numEvents: number;
}

/** The project's processing issues with the number of events waiting on each. */
export async function listProcessingIssues(tx: Pick<EntityManager, 'query'>, projectId: number): Promise<ProcessingIssueRow[]> {
  const rows = (await tx.query(
    `SELECT p.id, p.debug_id, p.type, p.image_path, p.arch, p.message, p.last_seen,
            (SELECT count(*)::int FROM held_event h WHERE h.project_id = p.project_id AND p.debug_id = ANY(h.missing_debug_ids)) AS num_events
     FROM processing_issue p WHERE p.project_id = $1 ORDER BY p.last_seen DESC, p.id`,
    [projectId],
  )) as { id: number; debug_id: string; type: string; image_path: string; arch: string | null; message: string | null; last_seen: Date; num_events: number }[];
  return rows.map((r) => ({ id: r.id, debugId: r.debug_id, type: r.type, imagePath: r.image_path, arch: r.arch, message: r.message, lastSeen: r.last_seen, numEvents: r.num_events }));
}

/** How many events of the project are held. */
export async function heldEventCount(tx: Pick<EntityManager, 'query'>, projectId: number): Promise<number> {
  const [row] = (await tx.query('SELECT count(*)::int AS n FROM held_event WHERE project_id = $1', [projectId])) as { n: number }[];
  return row?.n ?? 0;
}

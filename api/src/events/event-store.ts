import type { EntityManager } from 'typeorm';
import { encodeEventPayload } from './event-payload.js';
import type { NormalizedEvent } from './event.types.js';
import { recordEnvironments } from './environments.js';
import { GROUPING_CONFIG } from './grouping.js';
import { searchableMessage, searchableTags } from './event-search-fields.js';

/**
 * The writer of the event and event_attachment tables on the ingest path, and the one interface
 * between ingest and event storage: moving events to another engine (a columnar store) means
 * changing this module and the readers in event.service.ts, nothing upstream.
 */

export interface StoredAttachment {
  name: string;
  contentType: string;
  attachmentType: string;
  data: Buffer;
}

export interface EventToStore {
  projectId: number;
  issueId: number;
  event: NormalizedEvent;
  hashes: string[];
  attachments: StoredAttachment[];
}

const keyOf = (projectId: number, eventId: string) => `${projectId}:${eventId}`;
// Bind parameters per statement stay far below PostgreSQL's 65,535.
const ROWS_PER_INSERT = 500;

/**
 * Which of these (project, event id) pairs are stored already, as `projectId:eventId` keys. First
 * takes a transaction lock on each key (in one order, so two batches cannot deadlock): a
 * partitioned table has no unique index across partitions, so this lock is what keeps a resend
 * processed at the same moment by another worker from being stored twice.
 */
export async function storedEventKeys(tx: EntityManager, events: { projectId: number; eventId: string }[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const params = [events.map((e) => e.projectId), events.map((e) => e.eventId)];
  await tx.query(
    `SELECT pg_advisory_xact_lock(k) FROM (
       SELECT DISTINCT hashtextextended(w.project_id || ':' || w.event_id, 0) AS k FROM unnest($1::int[], $2::text[]) AS w(project_id, event_id) ORDER BY 1) AS keys`,
    params,
  );
  // event_id is char(32): compared with text, PostgreSQL would cast the column and read every
  // event of the project instead of the (project_id, event_id) index of each partition.
  const rows: { project_id: number; event_id: string }[] = await tx.query(
    'SELECT e.project_id, e.event_id FROM event e WHERE e.project_id = ANY($1::int[]) AND e.event_id = ANY($2::char(32)[])',
    [[...new Set(events.map((e) => e.projectId))], [...new Set(events.map((e) => e.eventId))]],
  );
  const wanted = new Set(events.map((e) => keyOf(e.projectId, e.eventId)));
  return new Set(rows.map((row) => keyOf(row.project_id, row.event_id)).filter((key) => wanted.has(key)));
}

/**
 * Inserts events with their attachments, in one multi-row statement per table. The caller has
 * checked the keys with `storedEventKeys` in this transaction. Returns the keys
 * (`projectId:eventId`) of the events inserted.
 */
export async function storeEvents(tx: EntityManager, events: EventToStore[]): Promise<Set<string>> {
  for (let start = 0; start < events.length; start += ROWS_PER_INSERT) await insertEvents(tx, events.slice(start, start + ROWS_PER_INSERT));
  await insertAttachments(tx, events);
  await recordEnvironments(tx, events.map((e) => ({ projectId: e.projectId, environment: e.event.environment, timestamp: e.event.timestamp })));
  return new Set(events.map((e) => keyOf(e.projectId, e.event.eventId)));
}

async function insertEvents(tx: EntityManager, events: EventToStore[]): Promise<void> {
  if (events.length === 0) return;
  // The columns travel as one JSON document (node-postgres escapes array parameters element by
  // element, which costs more than the insert, and PostgreSQL's JSON parser refuses what a text
  // column cannot hold exactly as the columns would); the payloads as binary parameters, neither
  // escaped nor parsed, matched to their rows by position.
  const payloads = events.map((e) => encodeEventPayload(e.event));
  await tx.query(
    `INSERT INTO event (project_id, issue_id, event_id, timestamp, received_at, release, environment, hashes, grouping_config, tags, message, payload)
     SELECT e.project_id, e.issue_id, e.event_id, to_timestamp(e.ts), to_timestamp(e.received), e.release, e.environment,
            ARRAY(SELECT jsonb_array_elements_text(e.hashes)), $2, e.tags, e.message, p.payload
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb)
              AS (project_id int, issue_id int, event_id text, ts float8, received float8, release text, environment text, hashes jsonb,
                  tags jsonb, message text))
            WITH ORDINALITY AS e(project_id, issue_id, event_id, ts, received, release, environment, hashes, tags, message, n)
       JOIN unnest(ARRAY[${payloads.map((_, i) => `$${i + 3}::bytea`).join(', ')}]) WITH ORDINALITY AS p(payload, n) ON p.n = e.n`,
    [
      JSON.stringify(
        events.map((e) => ({
          project_id: e.projectId,
          issue_id: e.issueId,
          event_id: e.event.eventId,
          ts: e.event.timestamp,
          received: e.event.receivedAt,
          release: e.event.release ?? null,
          environment: e.event.environment,
          hashes: e.hashes,
          tags: searchableTags(e.event),
          message: searchableMessage(e.event),
        })),
      ),
      GROUPING_CONFIG,
      ...payloads,
    ],
  );
}

async function insertAttachments(tx: EntityManager, events: EventToStore[]): Promise<void> {
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const e of events) {
    for (const a of e.attachments) {
      const o = values.length;
      values.push(e.projectId, e.event.eventId, a.name, a.contentType, a.attachmentType, a.data.length, a.data);
      rows.push(`($${o + 1}::int, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}::int, $${o + 7}::bytea)`);
    }
  }
  if (rows.length === 0) return;
  await tx.query(`INSERT INTO event_attachment (project_id, event_id, name, content_type, attachment_type, size, data) VALUES ${rows.join(', ')}`, values);
}

/**
 * `VIGIL_MAX_EVENTS_PER_ISSUE`: drops the events (and their attachments) of these issues beyond
 * the newest `cap`. Only payloads go: the issue's counts, hourly buckets and tag values stay
 * exact. Each issue's newest `cap` index entries are skipped to find the rest, so the cost grows
 * with the cap, not with the issue's history. Returns how many events were dropped.
 */
export async function capIssueEvents(tx: EntityManager, issueIds: number[], cap: number): Promise<number> {
  if (issueIds.length === 0) return 0;
  // (TypeORM returns [rows, count] for a DELETE … RETURNING.)
  const [dropped] = (await tx.query(
    `WITH old AS (
       SELECT x.id, x.received_at FROM unnest($1::int[]) AS i(issue_id)
        CROSS JOIN LATERAL (SELECT id, received_at FROM event WHERE issue_id = i.issue_id ORDER BY timestamp DESC, id DESC OFFSET $2) AS x)
     DELETE FROM event e USING old WHERE e.id = old.id AND e.received_at = old.received_at RETURNING e.project_id, e.event_id`,
    [issueIds, cap],
  )) as [{ project_id: number; event_id: string }[], number];
  if (dropped.length === 0) return 0;
  await tx.query(
    `DELETE FROM event_attachment a USING unnest($1::int[], $2::char(32)[]) AS d(project_id, event_id) WHERE a.project_id = d.project_id AND a.event_id = d.event_id`,
    [dropped.map((d) => d.project_id), dropped.map((d) => d.event_id)],
  );
  return dropped.length;
}

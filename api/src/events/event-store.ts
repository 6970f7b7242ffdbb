import type { EntityManager } from 'typeorm';
import type { NormalizedEvent } from './event.types.js';
import { recordEnvironments } from './environments.js';
import { GROUPING_CONFIG } from './grouping.js';

/** The writer of the event and event_attachment tables on the ingest path. */

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

/** Which of these (project, event id) pairs are stored already, as `projectId:eventId` keys. */
export async function storedEventKeys(tx: EntityManager, events: { projectId: number; eventId: string }[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows: { project_id: number; event_id: string }[] = await tx.query(
    `SELECT e.project_id, e.event_id FROM event e JOIN unnest($1::int[], $2::text[]) AS w(project_id, event_id) USING (project_id, event_id)`,
    [events.map((e) => e.projectId), events.map((e) => e.eventId)],
  );
  return new Set(rows.map((row) => keyOf(row.project_id, row.event_id)));
}

/**
 * Inserts events with their attachments; an event id stored meanwhile (a concurrent resend) is
 * skipped. Returns the keys (`projectId:eventId`) of the events inserted.
 */
export async function storeEvents(tx: EntityManager, events: EventToStore[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  // One JSON document for the whole batch: node-postgres escapes array parameters element by
  // element, which costs more than the insert itself for 5-50 KB events.
  const rows: { project_id: number; event_id: string }[] = await tx.query(
    `INSERT INTO event (project_id, issue_id, event_id, timestamp, received_at, release, environment, hashes, grouping_config, data)
     SELECT e.project_id, e.issue_id, e.event_id, to_timestamp(e.ts), to_timestamp(e.received), e.release, e.environment,
            ARRAY(SELECT jsonb_array_elements_text(e.hashes)), $2, e.data
       FROM jsonb_to_recordset($1::jsonb)
         AS e(project_id int, issue_id int, event_id text, ts float8, received float8, release text, environment text, hashes jsonb, data jsonb)
     ON CONFLICT (project_id, event_id) DO NOTHING
     RETURNING project_id, event_id`,
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
          data: e.event,
        })),
      ),
      GROUPING_CONFIG,
    ],
  );
  const inserted = new Set(rows.map((row) => keyOf(row.project_id, row.event_id)));
  const fresh = events.filter((e) => inserted.has(keyOf(e.projectId, e.event.eventId)));
  await insertAttachments(tx, fresh);
  await recordEnvironments(tx, fresh.map((e) => ({ projectId: e.projectId, environment: e.event.environment, timestamp: e.event.timestamp })));
  return inserted;
}

async function insertAttachments(tx: EntityManager, events: EventToStore[]): Promise<void> {
  for (const e of events) {
    for (const a of e.attachments) {
      await tx.query(
        `INSERT INTO event_attachment (project_id, event_id, name, content_type, attachment_type, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [e.projectId, e.event.eventId, a.name, a.contentType, a.attachmentType, a.data.length, a.data],
      );
    }
  }
}

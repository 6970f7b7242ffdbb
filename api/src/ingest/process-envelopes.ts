import type { EntityManager } from 'typeorm';
import type { Deps } from '../runtime/deps.js';
import { GROUPING_CONFIG } from '../events/grouping.js';
import { assignIssues, type GroupableEvent } from '../issues/assign-issues.js';
import { recordIssueEvents, type IssueTransition } from '../issues/record-issue-events.js';
import { ensureReleases, type ReleaseRef } from '../releases/release-ingest.js';
import { parseSession, storeSession, storeSessionAggregates } from '../release-health/session-ingest.js';
import { writeOutcomes, type OutcomeCount } from './outcome-recorder.js';
import { prepareEnvelope, type PreparedEnvelope, type PreparedEvent, type QueuedEnvelope } from './prepare-envelope.js';

interface QueueRow {
  id: string;
  project_id: number;
  received_at: Date;
  client_ip: string | null;
  user_agent: string | null;
  envelope: Buffer;
}

const toQueued = (row: QueueRow): QueuedEnvelope => ({
  id: row.id,
  projectId: row.project_id,
  receivedAt: new Date(row.received_at),
  clientIp: row.client_ip,
  userAgent: row.user_agent,
  envelope: row.envelope,
});

/**
 * Claims up to `limit` queued envelopes (or the one with `onlyId`) and stores what they carry,
 * in one transaction that also deletes them from the queue: a crash at any point leaves them
 * queued, and nothing is stored twice. Returns how many envelopes were processed.
 */
export async function processQueuedEnvelopes(app: Deps, limit: number, onlyId?: string): Promise<number> {
  return app.db.transaction(async (tx) => {
    const claimed: QueueRow[] = await tx.query(
      onlyId
        ? 'SELECT * FROM ingest_queue WHERE id = $1 FOR UPDATE SKIP LOCKED'
        : 'SELECT * FROM ingest_queue ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
      [onlyId ?? limit],
    );
    if (claimed.length === 0) return 0;
    const batch = claimed.map((row) => prepareEnvelope(toQueued(row)));
    // Releases are created on their own connection, outside this transaction's locks.
    const releases = await ensureReleases(app.db, await releaseWants(app, batch));
    await storeBatch(app, tx, batch, releases);
    await tx.query('DELETE FROM ingest_queue WHERE id = ANY($1)', [claimed.map((row) => row.id)]);
    return claimed.length;
  });
}

async function releaseWants(app: Deps, batch: PreparedEnvelope[]) {
  const projectIds = [...new Set(batch.map((b) => b.projectId))];
  const orgs: { id: number; organization_id: number }[] = await app.db.query('SELECT id, organization_id FROM project WHERE id = ANY($1)', [projectIds]);
  const orgOf = new Map(orgs.map((p) => [p.id, p.organization_id]));
  return batch.flatMap((b) =>
    b.events.flatMap((e) => (e.event.release && orgOf.has(e.projectId) ? [{ organizationId: orgOf.get(e.projectId)!, projectId: e.projectId, version: e.event.release }] : [])),
  ).concat(
    // Releases named by sessions exist too (release health before the first error).
    batch.flatMap((b) =>
      [...b.sessions, ...b.sessionAggregates].flatMap((s) => {
        const release = (s as { attrs?: { release?: unknown } } | undefined)?.attrs?.release;
        return typeof release === 'string' && release && orgOf.has(b.projectId) ? [{ organizationId: orgOf.get(b.projectId)!, projectId: b.projectId, version: release }] : [];
      }),
    ),
  );
}

async function storeBatch(app: Deps, tx: EntityManager, batch: PreparedEnvelope[], releases: Map<string, ReleaseRef>): Promise<void> {
  const projects: { id: number; organization_id: number }[] = await tx.query('SELECT id, organization_id FROM project WHERE id = ANY($1)', [
    [...new Set(batch.map((b) => b.projectId))],
  ]);
  const orgOf = new Map(projects.map((p) => [p.id, p.organization_id]));
  // A project deleted since the envelope was accepted takes its events with it.
  const live = batch.filter((b) => orgOf.has(b.projectId));
  const outcomes: OutcomeCount[] = [];
  const count = (projectId: number, outcome: OutcomeCount['outcome'], reason: string, category: string, quantity = 1) =>
    outcomes.push({ projectId, outcome, reason, category, quantity });

  const candidates = await dropDuplicates(tx, live.flatMap((b) => b.events), (e) => count(e.projectId, 'invalid', 'duplicate', 'error'));
  const releaseOf = (e: PreparedEvent) => (e.event.release ? releases.get(`${orgOf.get(e.projectId)}:${e.event.release}`) ?? null : null);
  const groupable: (PreparedEvent & GroupableEvent)[] = candidates.map((e) => ({ ...e, firstReleaseId: releaseOf(e)?.id ?? null }));
  const created = await assignIssues(tx, groupable);
  const inserted = await insertEvents(tx, groupable.map((g) => ({ ...g, issueId: g.issueId! })));
  const stored = groupable.filter((g) => inserted.has(`${g.projectId}:${g.event.eventId}`));

  const releaseDates = await resolvedReleaseDates(tx, stored.map((s) => s.issueId!));
  for (const ref of releases.values()) releaseDates.set(ref.id, ref.dateCreated);
  const transitions = await recordIssueEvents(
    tx,
    stored.map((s) => ({ issueId: s.issueId!, event: s.event, release: releaseOf(s), userKey: s.userKey })),
    releaseDates,
  );
  await writeActivity(tx, transitions);
  await insertAttachments(tx, stored);

  for (const envelope of live) {
    for (const raw of envelope.sessions) {
      const session = parseSession(raw, new Date());
      if (session) await storeSession(tx, envelope.projectId, session);
      count(envelope.projectId, session ? 'accepted' : 'invalid', session ? '' : 'invalid_session', 'session');
    }
    for (const raw of envelope.sessionAggregates) {
      if (await storeSessionAggregates(tx, envelope.projectId, raw)) count(envelope.projectId, 'accepted', '', 'session');
    }
    if (envelope.invalidEvents) count(envelope.projectId, 'invalid', 'invalid_event', 'error', envelope.invalidEvents);
  }
  for (const s of stored) count(s.projectId, 'accepted', '', 'error');
  await writeOutcomes(tx, outcomes);

  // Delivered at commit, and only if it commits.
  const touched = [...new Map(stored.map((s) => [s.issueId!, s.projectId])).entries()].map(([issueId, projectId]) => ({
    organizationId: orgOf.get(projectId)!,
    projectId,
    issueId,
  }));
  await app.pubsub.publishMany('issueCreated', touched.filter((t) => created.has(t.issueId)), tx);
  await app.pubsub.publishMany('issueUpdated', touched.filter((t) => !created.has(t.issueId)), tx);
  await app.pubsub.publishMany(
    'eventReceived',
    stored.map((s) => ({ organizationId: orgOf.get(s.projectId)!, projectId: s.projectId, issueId: s.issueId!, eventId: s.event.eventId })),
    tx,
  );
}

/** Drops events already stored (an SDK resend) and repeats within the batch. */
async function dropDuplicates(tx: EntityManager, events: PreparedEvent[], onDuplicate: (e: PreparedEvent) => void): Promise<PreparedEvent[]> {
  if (events.length === 0) return [];
  const existing: { project_id: number; event_id: string }[] = await tx.query(
    `SELECT e.project_id, e.event_id FROM event e JOIN unnest($1::int[], $2::text[]) AS w(project_id, event_id) USING (project_id, event_id)`,
    [events.map((e) => e.projectId), events.map((e) => e.event.eventId)],
  );
  const seen = new Set(existing.map((row) => `${row.project_id}:${row.event_id}`));
  return events.filter((e) => {
    const key = `${e.projectId}:${e.event.eventId}`;
    if (seen.has(key)) {
      onDuplicate(e);
      return false;
    }
    seen.add(key);
    return true;
  });
}

async function insertEvents(tx: EntityManager, events: (PreparedEvent & { issueId: number })[]): Promise<Set<string>> {
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
          hashes: e.grouping.hashes,
          data: e.event,
        })),
      ),
      GROUPING_CONFIG,
    ],
  );
  return new Set(rows.map((row) => `${row.project_id}:${row.event_id}`));
}

/** Creation dates of the releases that resolved these issues, for regression checks. */
async function resolvedReleaseDates(tx: EntityManager, issueIds: number[]): Promise<Map<number, Date>> {
  const rows: { id: number; date_created: Date }[] = await tx.query(
    'SELECT r.id, r.date_created FROM release r JOIN issue i ON i.resolved_in_release_id = r.id WHERE i.id = ANY($1)',
    [issueIds],
  );
  return new Map(rows.map((r) => [r.id, new Date(r.date_created)]));
}

async function writeActivity(tx: EntityManager, transitions: IssueTransition[]): Promise<void> {
  if (transitions.length === 0) return;
  await tx.query(
    `INSERT INTO activity (issue_id, type, user_id, data) SELECT i, t, NULL, d FROM unnest($1::int[], $2::text[], $3::jsonb[]) AS a(i, t, d)`,
    [transitions.map((t) => t.issueId), transitions.map((t) => t.type), transitions.map((t) => JSON.stringify(t.data))],
  );
}

async function insertAttachments(tx: EntityManager, stored: PreparedEvent[]): Promise<void> {
  for (const s of stored) {
    for (const a of s.attachments) {
      await tx.query(
        `INSERT INTO event_attachment (project_id, event_id, name, content_type, attachment_type, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.projectId, s.event.eventId, a.name, a.contentType, a.attachmentType, a.data.length, a.data],
      );
    }
  }
}

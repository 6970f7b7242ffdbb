import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Deps } from '../runtime/deps.js';
import { isInvalidDataError } from '../errors.js';
import { capIssueEvents, storedEventKeys, storeEvents } from '../events/event-store.js';
import { enqueueStoredBatch } from '../alerts/stored-batch.js';
import { computeGrouping } from '../events/grouping.js';
import { processNativeEvents } from '../native/native-processor.js';
import { assignIssues } from '../issues/assign-issues.js';
import { announceActivities } from '../issues/activity-log.js';
import { recordIssueEvents } from '../issues/record-issue-events.js';
import { adoptEventPlatforms } from '../projects/project-platform.js';
import { ensureReleases, type ReleaseRef } from '../releases/release-ingest.js';
import { parseSession, storeSession, storeSessionAggregates } from '../release-health/session-ingest.js';
import { claimBatch, deleteProcessed, lockClaimed, releaseClaims } from './ingest-queue.js';
import { writeOutcomes, type OutcomeCount } from './outcome-recorder.js';
import { processEnvelopes } from './event-processing.js';
import { prepareEnvelope, type PreparedEnvelope, type PreparedEvent } from './prepare-envelope.js';

type Count = (projectId: number, outcome: OutcomeCount['outcome'], reason: string, category: string, quantity?: number) => void;

interface StoredEvent extends PreparedEvent {
  issueId: number;
}

interface Stored {
  events: StoredEvent[];
  createdIssues: Set<number>;
  /** Activity the events caused (regressions, expired ignores), announced at commit. */
  activityIds: number[];
}

/**
 * Stores what the envelopes `owner` claimed carry, in one transaction that also deletes them
 * from the queue: claim → normalize → sessions → delete → assign issues → store events →
 * record issues → outcomes → publish. A crash at any point leaves them queued, and nothing is stored twice.
 * Returns how many envelopes were processed.
 */
export async function processClaimed(app: Deps, owner: string, ids: string[]): Promise<number> {
  return app.db.transaction(async (tx) => {
    // The envelopes are durable in the queue already (the edge answered only after its commit), and
    // this transaction deletes them: if PostgreSQL loses it in a crash, it loses the deletes with the
    // stored events and the batch is processed again. So its commit need not wait for the WAL flush
    // (PostgreSQL's WAL writer makes it durable within a fraction of a second). What ran on the lost
    // data before the crash, a notification or a job, may then run a second time, as any at-least-once job may.
    await tx.query('SET LOCAL synchronous_commit = off');
    const queued = await lockClaimed(tx, owner, ids);
    if (queued.length === 0) return 0;
    const batch = await processEnvelopes(app, queued.map(prepareEnvelope));
    const organizationOf = await organizationsOf(tx, batch);
    // A project deleted since the envelope was accepted takes its events with it.
    const live = batch.filter((b) => organizationOf.has(b.projectId));
    // Releases are created on their own connection, outside this transaction's locks.
    const releases = await ensureReleases(app, releaseWants(live, organizationOf));
    const releaseOf = (e: PreparedEvent) => (e.event.release ? releases.get(`${organizationOf.get(e.projectId)}:${e.event.release}`) ?? null : null);

    const outcomes: OutcomeCount[] = [];
    const count: Count = (projectId, outcome, reason, category, quantity = 1) => outcomes.push({ projectId, outcome, reason, category, quantity });
    const candidates = await dropDuplicates(tx, live.flatMap((b) => b.events), (e) => count(e.projectId, 'invalid', 'duplicate', 'error'));
    const processed = await symbolicateNative(app, tx, candidates);
    // Work that locks no shared row comes first: concurrent batches touch the same hot issue and
    // outcome rows, and hold those locks from the first one to the commit.
    await storeSessions(tx, live, count);
    await deleteProcessed(tx, queued.map((q) => q.id));
    const stored = await storeRefusingBadValues(tx, processed, releaseOf, (e, error) => {
      app.log.warn({ projectId: e.projectId, eventId: e.event.eventId, error: (error as Error).message }, 'ingest.event-unstorable');
      count(e.projectId, 'invalid', 'unstorable_value', 'error');
    });
    const cap = app.config.events.maxEventsPerIssue;
    if (cap) await capIssueEvents(tx, [...new Set(stored.events.map((s) => s.issueId))].sort((a, b) => a - b), cap);
    for (const s of stored.events) count(s.projectId, 'accepted', '', 'error');
    await adoptEventPlatforms(tx, stored.events.map((s) => ({ projectId: s.projectId, platform: s.event.platform })));
    await writeOutcomes(tx, outcomes);
    await publish(app, tx, stored, organizationOf);
    await enqueueStoredBatch(app.queue, tx, stored.events, stored.createdIssues);
    return queued.length;
  });
}

/** Claims the head of the queue and processes it, for callers without a consumer's retries (tests, tools). */
export async function processQueuedEnvelopes(app: Deps, limit: number): Promise<number> {
  const owner = randomUUID();
  const claims = await claimBatch(app.db, { owner, maxCount: limit });
  if (claims.length === 0) return 0;
  try {
    return await processClaimed(app, owner, claims.map((c) => c.id));
  } finally {
    await releaseClaims(app.db, owner, { refund: false });
  }
}

async function organizationsOf(tx: EntityManager, batch: PreparedEnvelope[]): Promise<Map<number, number>> {
  const rows: { id: number; organization_id: number }[] = await tx.query('SELECT id, organization_id FROM project WHERE id = ANY($1)', [
    [...new Set(batch.map((b) => b.projectId))],
  ]);
  return new Map(rows.map((p) => [p.id, p.organization_id]));
}

function releaseWants(batch: PreparedEnvelope[], organizationOf: Map<number, number>) {
  const want = (projectId: number, version: unknown) =>
    typeof version === 'string' && version ? [{ organizationId: organizationOf.get(projectId)!, projectId, version }] : [];
  return batch.flatMap((b) => [
    ...b.events.flatMap((e) => want(e.projectId, e.event.release)),
    // Releases named by sessions exist too (release health before the first error).
    ...[...b.sessions, ...b.sessionAggregates].flatMap((s) => want(b.projectId, (s as { attrs?: { release?: unknown } } | undefined)?.attrs?.release)),
  ]);
}

/** Native events are symbolicated (and regrouped on their symbolicated frames); held ones are not stored now. */
async function symbolicateNative(app: Deps, tx: EntityManager, events: PreparedEvent[]): Promise<PreparedEvent[]> {
  const outcomes = await processNativeEvents(app, tx, events);
  return events.flatMap((e, i) => {
    const outcome = outcomes[i]!;
    if (outcome.held) return [];
    return outcome.symbolicated ? [{ ...e, event: outcome.event, grouping: computeGrouping(outcome.event) }] : [e];
  });
}

/** Drops events already stored (an SDK resend) and repeats within the batch. */
async function dropDuplicates(tx: EntityManager, events: PreparedEvent[], onDuplicate: (e: PreparedEvent) => void): Promise<PreparedEvent[]> {
  const seen = await storedEventKeys(tx, events.map((e) => ({ projectId: e.projectId, eventId: e.event.eventId })));
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

/** PostgreSQL refused a value of one event (text or jsonb it cannot hold, a date out of range, an index entry too large). */
function isRefusedValue(error: unknown): boolean {
  return isInvalidDataError(error) || (error as { code?: string } | null)?.code === '54000';
}

/**
 * Stores the events; if PostgreSQL refuses a value, stores them one by one instead, so only the
 * event it cannot hold is refused (and counted) while the rest of the batch is stored.
 */
async function storeRefusingBadValues(
  tx: EntityManager,
  events: PreparedEvent[],
  releaseOf: (e: PreparedEvent) => ReleaseRef | null,
  onRefused: (e: PreparedEvent, error: unknown) => void,
): Promise<Stored> {
  try {
    return await inSavepoint(tx, () => storeGroup(tx, events, releaseOf));
  } catch (error) {
    if (!isRefusedValue(error)) throw error;
  }
  const all: Stored = { events: [], createdIssues: new Set(), activityIds: [] };
  for (const e of events) {
    try {
      const one = await inSavepoint(tx, () => storeGroup(tx, [e], releaseOf));
      all.events.push(...one.events);
      for (const id of one.createdIssues) all.createdIssues.add(id);
      all.activityIds.push(...one.activityIds);
    } catch (error) {
      if (!isRefusedValue(error)) throw error;
      onRefused(e, error);
    }
  }
  return all;
}

async function inSavepoint<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
  await tx.query('SAVEPOINT store_events');
  try {
    const result = await work();
    await tx.query('RELEASE SAVEPOINT store_events');
    return result;
  } catch (error) {
    // On a lost connection the rollback fails too; the first error is the one that explains.
    await tx.query('ROLLBACK TO SAVEPOINT store_events').catch(() => undefined);
    throw error;
  }
}

/** Assign → store → record: issues/ and events/ each write their own tables. */
async function storeGroup(tx: EntityManager, events: PreparedEvent[], releaseOf: (e: PreparedEvent) => ReleaseRef | null): Promise<Stored> {
  if (events.length === 0) return { events: [], createdIssues: new Set(), activityIds: [] };
  const { issueIds, created } = await assignIssues(
    tx,
    events.map((e) => ({ projectId: e.projectId, event: e.event, grouping: e.grouping, firstReleaseId: releaseOf(e)?.id ?? null })),
  );
  const assigned = events.map((e, i) => ({ ...e, issueId: issueIds[i]! }));
  const inserted = await storeEvents(
    tx,
    assigned.map((e) => ({ projectId: e.projectId, issueId: e.issueId, event: e.event, hashes: e.grouping.hashes, attachments: e.attachments })),
  );
  const stored = assigned.filter((e) => inserted.has(`${e.projectId}:${e.event.eventId}`));
  const { activityIds } = await recordIssueEvents(
    tx,
    stored.map((s) => ({ issueId: s.issueId, event: s.event, release: releaseOf(s), userKey: s.userKey })),
  );
  return { events: stored, createdIssues: created, activityIds };
}

async function storeSessions(tx: EntityManager, batch: PreparedEnvelope[], count: Count): Promise<void> {
  for (const envelope of batch) {
    const { projectId } = envelope;
    for (const raw of envelope.sessions) {
      const session = parseSession(raw, new Date());
      if (!session) count(projectId, 'invalid', 'invalid_session', 'session');
      else if (await refusesValue(tx, () => storeSession(tx, projectId, session))) count(projectId, 'invalid', 'unstorable_value', 'session');
      else count(projectId, 'accepted', '', 'session');
    }
    for (const raw of envelope.sessionAggregates) {
      let stored = 0;
      if (await refusesValue(tx, async () => void (stored = await storeSessionAggregates(tx, projectId, raw)))) count(projectId, 'invalid', 'unstorable_value', 'session');
      else if (stored) count(projectId, 'accepted', '', 'session');
    }
    if (envelope.invalidEvents) count(projectId, 'invalid', 'invalid_event', 'error', envelope.invalidEvents);
  }
}

/** Runs `work` in a savepoint; true if PostgreSQL refused one of its values (then nothing of it was written). */
async function refusesValue(tx: EntityManager, work: () => Promise<void>): Promise<boolean> {
  try {
    await inSavepoint(tx, work);
    return false;
  } catch (error) {
    if (!isRefusedValue(error)) throw error;
    return true;
  }
}

/** Delivered at commit, and only if it commits. */
async function publish(app: Deps, tx: EntityManager, stored: Stored, organizationOf: Map<number, number>): Promise<void> {
  const touched = [...new Map(stored.events.map((s) => [s.issueId, s.projectId])).entries()].map(([issueId, projectId]) => ({
    organizationId: organizationOf.get(projectId)!,
    projectId,
    issueId,
  }));
  await app.pubsub.publishMany('issueCreated', touched.filter((t) => stored.createdIssues.has(t.issueId)), tx);
  await app.pubsub.publishMany('issueUpdated', touched.filter((t) => !stored.createdIssues.has(t.issueId)), tx);
  await app.pubsub.publishMany(
    'eventReceived',
    stored.events.map((s) => ({ organizationId: organizationOf.get(s.projectId)!, projectId: s.projectId, issueId: s.issueId, eventId: s.event.eventId })),
    tx,
  );
  await announceActivities(tx, app, stored.activityIds);
}

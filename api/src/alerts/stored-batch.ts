/**
 * What a stored ingest batch triggers, off the ingest path (the 'events.processed' job): service
 * hook events (`event.created` per event, `issue.created` and `issue.regressed` per issue) and the
 * alert rules. Rerunning it emits the hook events again (at-least-once, like every webhook); the
 * rules' interval claims keep alerts from firing twice.
 */
import type { EntityManager } from 'typeorm';
import type { JobPayloads } from '../../../schema/src/jobs.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Deps } from '../runtime/deps.js';
import { emitServiceHookEvents, type ServiceHookEmission } from '../service-hooks/service-hook-emit.js';
import { evaluateAlertRules, loadBatchEvents, regressedIssueIds } from './alert-evaluation.js';

/** Queued by the ingest batch in its transaction: one job per batch, only if the batch commits. */
export async function enqueueStoredBatch(
  queue: Pick<JobQueue, 'add'>,
  tx: EntityManager,
  stored: { projectId: number; event: { eventId: string } }[],
  createdIssueIds: Set<number>,
): Promise<void> {
  if (stored.length === 0) return;
  const events = stored.map((s) => ({ projectId: s.projectId, eventId: s.event.eventId }));
  await queue.add('events.processed', { events, createdIssueIds: [...createdIssueIds] }, { runner: tx });
}

export async function processStoredBatch(app: Pick<Deps, 'db' | 'queue'>, payload: JobPayloads['events.processed']): Promise<{ fired: number[]; deliveries: number }> {
  const events = await loadBatchEvents(app.db, payload.events);
  if (events.length === 0) return { fired: [], deliveries: 0 };
  const createdIssueIds = new Set(payload.createdIssueIds);
  const regressed = await regressedIssueIds(app.db, events);
  const firstEventOf = new Map<number, (typeof events)[number]>();
  for (const event of events) if (!firstEventOf.has(event.issueId)) firstEventOf.set(event.issueId, event);
  const emissions: ServiceHookEmission[] = [
    ...events.map((e): ServiceHookEmission => ({ projectId: e.projectId, event: 'event.created', subject: { issueId: e.issueId, eventRowId: e.rowId } })),
    ...[...firstEventOf.values()].flatMap((e): ServiceHookEmission[] => [
      ...(createdIssueIds.has(e.issueId) ? [{ projectId: e.projectId, event: 'issue.created' as const, subject: { issueId: e.issueId, eventRowId: e.rowId } }] : []),
      ...(regressed.has(e.issueId) ? [{ projectId: e.projectId, event: 'issue.regressed' as const, subject: { issueId: e.issueId, eventRowId: e.rowId } }] : []),
    ]),
  ];
  const deliveries = await emitServiceHookEvents({ runner: app.db, queue: app.queue }, emissions);
  const fired = await evaluateAlertRules(app, { events, createdIssueIds, regressedIssueIds: regressed });
  return { fired, deliveries };
}

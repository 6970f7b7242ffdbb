/**
 * Emitting a service hook event: one delivery row per active hook of the project that subscribes
 * to it, and one delivery job each, written with the caller's runner (inside its transaction when
 * it has one). Only ids are stored; the body is built when the delivery is first attempted.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { JobQueue } from '../jobs/job-queue.js';
import type { DeliverySubject } from './service-hook-delivery.entity.js';
import type { ServiceHookEvent } from './service-hook-events.js';

export interface ServiceHookEmission {
  projectId: number;
  event: ServiceHookEvent;
  subject: DeliverySubject;
}

export interface EmitDeps {
  runner: DataSource | EntityManager;
  queue: Pick<JobQueue, 'add'>;
}

/** Emits many events with one lookup of the hooks; returns how many deliveries were queued. */
export async function emitServiceHookEvents({ runner, queue }: EmitDeps, emissions: ServiceHookEmission[]): Promise<number> {
  if (emissions.length === 0) return 0;
  const hooks: { id: number; project_id: number; events: ServiceHookEvent[] }[] = await runner.query(
    `SELECT id, project_id, events FROM service_hook WHERE status = 'active' AND project_id = ANY($1) AND events && $2::text[]`,
    [[...new Set(emissions.map((e) => e.projectId))], [...new Set(emissions.map((e) => e.event))]],
  );
  const rows = emissions.flatMap((emission) =>
    hooks.filter((h) => h.project_id === emission.projectId && h.events.includes(emission.event)).map((h) => ({ hookId: h.id, ...emission })),
  );
  if (rows.length === 0) return 0;
  const inserted: { id: number }[] = await runner.query(
    `INSERT INTO service_hook_delivery (hook_id, event, subject)
     SELECT * FROM unnest($1::int[], $2::text[], $3::jsonb[]) RETURNING id`,
    [rows.map((r) => r.hookId), rows.map((r) => r.event), rows.map((r) => JSON.stringify(r.subject))],
  );
  const sqlRunner = { query: (text: string, values?: unknown[]) => runner.query(text, values) };
  for (const row of inserted) await queue.add('service-hook.deliver', { deliveryId: row.id }, { runner: sqlRunner });
  return inserted.length;
}

/** One event for other domains (comments, triage): `emitServiceHookEvent(deps, projectId, 'comment.created', { issueId, activityId })`. */
export function emitServiceHookEvent(deps: EmitDeps, projectId: number, event: ServiceHookEvent, subject: DeliverySubject): Promise<number> {
  return emitServiceHookEvents(deps, [{ projectId, event, subject }]);
}

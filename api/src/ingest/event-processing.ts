import type { DataSource } from 'typeorm';
import type { NormalizedEvent } from '../events/event.types.js';
import { computeGrouping } from '../events/grouping.js';
import type { Deps } from '../runtime/deps.js';
import { processJavaScript } from '../sourcemaps/javascript-processor.js';
import type { ParsedEnvelope, PreparedEnvelope } from './prepare-envelope.js';

export interface ProcessingScope {
  organizationId: number;
  projectId: number;
}

export type ProcessorDeps = Pick<Deps, 'db' | 'storage' | 'log' | 'config'>;

/**
 * One processing step on a normalized event, before it is grouped. Contract: it rewrites the event
 * in place (frames, `rawFrames`, `processingErrors`, summary fields) and never fails the event for
 * missing or broken artifacts: those become `processingErrors`. Throwing means "try the batch
 * again later" (the database went away), so only transient failures may throw.
 */
export interface EventProcessor {
  name: string;
  process(deps: ProcessorDeps, scope: ProcessingScope, event: NormalizedEvent): Promise<void>;
}

/** In order: each sees what the previous ones made of the event. */
export const EVENT_PROCESSORS: readonly EventProcessor[] = [
  { name: 'javascript', process: (deps, scope, event) => processJavaScript({ ...deps, sourceMapCacheBytes: deps.config.sourceMapCacheBytes }, scope, event) },
];

/**
 * The awaited stage between parsing and storing: every event goes through the processors, then is
 * grouped, so issues group on what the processors made of it (original frames, not minified ones).
 */
export async function processEnvelopes(
  deps: ProcessorDeps,
  envelopes: ParsedEnvelope[],
  processors: readonly EventProcessor[] = EVENT_PROCESSORS,
): Promise<PreparedEnvelope[]> {
  const organizations = await organizationsOf(deps.db, envelopes);
  const prepared: PreparedEnvelope[] = [];
  for (const envelope of envelopes) {
    const organizationId = organizations.get(envelope.projectId);
    const events = [];
    for (const parsed of envelope.events) {
      if (organizationId !== undefined) {
        for (const processor of processors) await processor.process(deps, { organizationId, projectId: envelope.projectId }, parsed.event);
      }
      events.push({ ...parsed, grouping: computeGrouping(parsed.event) });
    }
    prepared.push({ ...envelope, events });
  }
  return prepared;
}

async function organizationsOf(db: DataSource, envelopes: ParsedEnvelope[]): Promise<Map<number, number>> {
  const ids = [...new Set(envelopes.filter((e) => e.events.length > 0).map((e) => e.projectId))];
  if (ids.length === 0) return new Map();
  const rows: { id: number; organization_id: number }[] = await db.query('SELECT id, organization_id FROM project WHERE id = ANY($1)', [ids]);
  return new Map(rows.map((r) => [r.id, r.organization_id]));
}

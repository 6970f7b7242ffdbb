/**
 * The symbolication step of the ingest pipeline, run on each claimed batch before grouping: native
 * events get their frames symbolicated; an event whose mandatory debug files are missing is held
 * (when the project asked for reprocessing) instead of stored, and its processing issues recorded.
 */
import type { EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import type { NormalizedEvent } from '../events/event.types.js';
import type { BlobStore } from '../storage/blob-store.js';
import { demangle } from '../symbolication/index.js';
import { expireHeldEvents, holdEvent, lockRevision } from './held-events.js';
import { projectImageResolver } from './image-symbols.js';
import { needsSymbolication, symbolicateEvent, type SymbolicationResult } from './symbolicate-frames.js';
import { sdkOfEvent } from './system-symbols.js';

export interface NativeCandidate {
  projectId: number;
  event: NormalizedEvent;
  payload: Buffer;
  received: { at: Date; clientIp: string | null; userAgent: string | null };
}

/** What became of an event: stored as `event` (symbolicated, or untouched when not native), or held. */
export type NativeOutcome = { held: false; event: NormalizedEvent; symbolicated: boolean } | { held: true };

export interface NativeDeps {
  config: Pick<Config, 'native'>;
  storage: BlobStore;
}

/** Symbolicates one event with the project's debug files and the system symbols. */
export async function symbolicateStored(
  tx: Pick<EntityManager, 'query'>,
  storage: BlobStore,
  project: { id: number; organizationId: number },
  event: NormalizedEvent,
): Promise<SymbolicationResult> {
  const sdk = sdkOfEvent(event.debugMeta?.sdkInfo, event.contexts.os);
  return symbolicateEvent(event, projectImageResolver(tx, storage, project, sdk), demangle);
}

export async function processNativeEvents(deps: NativeDeps, tx: EntityManager, candidates: NativeCandidate[]): Promise<NativeOutcome[]> {
  const native = candidates.filter((c) => needsSymbolication(c.event));
  if (native.length === 0) return candidates.map((c) => ({ held: false, event: c.event, symbolicated: false }));
  const settings = await projectSettings(tx, [...new Set(native.map((c) => c.projectId))]);
  const outcomes: NativeOutcome[] = [];
  for (const candidate of candidates) {
    if (!needsSymbolication(candidate.event)) {
      outcomes.push({ held: false, event: candidate.event, symbolicated: false });
      continue;
    }
    const project = settings.get(candidate.projectId);
    // A project deleted meanwhile: the caller drops its events.
    outcomes.push(project ? await processOne(deps, tx, candidate, project) : { held: false, event: candidate.event, symbolicated: false });
  }
  return outcomes;
}

interface ProjectReprocessing {
  id: number;
  organizationId: number;
  active: boolean;
  revision: number;
}

async function projectSettings(tx: EntityManager, ids: number[]): Promise<Map<number, ProjectReprocessing>> {
  const rows = (await tx.query('SELECT id, organization_id, reprocessing_active, processing_revision FROM project WHERE id = ANY($1)', [ids])) as {
    id: number;
    organization_id: number;
    reprocessing_active: boolean;
    processing_revision: number;
  }[];
  return new Map(rows.map((r) => [r.id, { id: r.id, organizationId: r.organization_id, active: r.reprocessing_active, revision: r.processing_revision }]));
}

/** Symbolication runs again (at most this often) when an upload lands while an event is in flight. */
const MAX_RETRIES = 3;

async function processOne(deps: NativeDeps, tx: EntityManager, candidate: NativeCandidate, project: ProjectReprocessing): Promise<NativeOutcome> {
  let revision = project.revision;
  for (let attempt = 0; ; attempt++) {
    const result = await symbolicateStored(tx, deps.storage, project, candidate.event);
    const mandatory = result.missing.filter((m) => m.mandatory || m.type === 'native_bad_dsym');
    if (!project.active || mandatory.length === 0) return { held: false, event: result.event, symbolicated: true };
    // A debug file uploaded since symbolication started (revision moved): try again instead of holding.
    const current = await lockRevision(tx, candidate.projectId);
    if (current !== revision && attempt < MAX_RETRIES) {
      revision = current;
      continue;
    }
    await expireHeldEvents(tx, candidate.projectId, deps.config.native.heldEventMaxAgeDays);
    await holdEvent(tx, {
      projectId: candidate.projectId,
      eventId: candidate.event.eventId,
      payload: candidate.payload,
      received: candidate.received,
      missing: result.missing,
      revision: current,
    });
    return { held: true };
  }
}

import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { Deps } from '../runtime/deps.js';
import type { SqlRunner } from '../pubsub/pg-pubsub.js';
import type { ArtifactFileType } from './artifact-file.entity.js';

/** What a processor needs of a stored artifact. */
export interface ArtifactRef {
  id: number;
  url: string;
  fileType: ArtifactFileType | null;
  headers: Record<string, string>;
  checksum: string;
  size: number;
}

const COLUMNS = 'f.id, f.url, f.file_type AS "fileType", f.headers, f.checksum, f.size';
/** Files of bundles serve only the projects the bundle was uploaded for; orphaned release files serve nobody. */
const USABLE = `(f.bundle_id IS NULL AND f.release_id IS NOT NULL) OR EXISTS (
  SELECT 1 FROM artifact_bundle b WHERE b.id = f.bundle_id AND b.state = 'ok' AND (cardinality(b.project_ids) = 0 OR $2 = ANY(b.project_ids)))`;

export interface ArtifactScope {
  organizationId: number;
  projectId: number;
}

/**
 * Answers of the lookups below (found or not), so a hot release asks the database once, not once
 * per file per event. Keys carry the organization's generation: any change to its artifacts
 * (`noteArtifactsChanged`, also reached through `artifactsChanged` notifications from other
 * processes) starts a new generation, and the old answers age out unused. The TTL bounds what a
 * lost notification can cost.
 */
// Bounded by `maxSize` in entries rather than `max`: lru-cache preallocates arrays for `max` entries
// (MBs in every thread, empty), while these grow as they fill.
const answers = new LRUCache<string, Promise<unknown>>({ maxSize: 50_000, sizeCalculation: () => 1, ttl: 5 * 60_000 });
const generations = new Map<number, number>();

/** A key for answers derived from the scope's artifacts: a new generation makes every old key unused. */
export function artifactAnswerKey(scope: ArtifactScope, key: string): string {
  return `${scope.organizationId}:${generations.get(scope.organizationId) ?? 0}:${scope.projectId}:${key}`;
}

function memoized<T>(scope: ArtifactScope, key: string, load: () => Promise<T>): Promise<T> {
  const full = artifactAnswerKey(scope, key);
  const known = answers.get(full);
  if (known) return known as Promise<T>;
  const loading = load();
  answers.set(full, loading);
  // A failed query is not an answer: the next event asks again.
  loading.catch(() => answers.delete(full));
  return loading;
}

/** The organization's artifacts changed here: later lookups ask the database again. */
export function noteArtifactsChanged(organizationId: number): void {
  generations.set(organizationId, (generations.get(organizationId) ?? 0) + 1);
}

/** Tells this process and every other one (through NOTIFY; pass the transaction to send it at commit). */
export async function artifactsChanged(deps: Pick<Deps, 'pubsub'>, organizationId: number, runner?: SqlRunner): Promise<void> {
  noteArtifactsChanged(organizationId);
  await deps.pubsub.publish('artifactsChanged', { organizationId }, runner);
}

const watched = new WeakSet<Deps['pubsub']>();

/** Starts (once per connection) forgetting answers when another process reports a change or a release goes. */
export function watchArtifactChanges(pubsub: Deps['pubsub']): void {
  if (watched.has(pubsub)) return;
  watched.add(pubsub);
  void (async () => {
    for await (const { organizationId } of pubsub.subscribe('artifactsChanged')) noteArtifactsChanged(organizationId);
  })();
  void (async () => {
    for await (const { organizationId, kind } of pubsub.subscribe('releaseChanged')) if (kind === 'deleted') noteArtifactsChanged(organizationId);
  })();
}

/** The newest file of that type with this debug id. */
export function artifactByDebugId(db: DataSource, scope: ArtifactScope, debugId: string, fileType: ArtifactFileType): Promise<ArtifactRef | null> {
  return memoized(scope, `d:${debugId}:${fileType}`, async () => {
    const rows: ArtifactRef[] = await db.query(
      `SELECT ${COLUMNS} FROM artifact_file f WHERE f.organization_id = $1 AND f.debug_id = $3 AND f.file_type = $4 AND (${USABLE}) ORDER BY f.id DESC LIMIT 1`,
      [scope.organizationId, scope.projectId, debugId, fileType],
    );
    return rows[0] ?? null;
  });
}

/** The release's file under the first of `urls` that has one (newest upload wins). */
export function artifactByUrl(db: DataSource, scope: ArtifactScope, release: string, dist: string, urls: string[]): Promise<ArtifactRef | null> {
  if (urls.length === 0) return Promise.resolve(null);
  return memoized(scope, `u:${release}\0${dist}\0${urls.join('\0')}`, async () => {
    const rows: ArtifactRef[] = await db.query(
      `SELECT ${COLUMNS} FROM artifact_file f
       WHERE f.organization_id = $1 AND f.release = $3 AND f.dist = $4 AND f.url = ANY($5::text[]) AND (${USABLE})
       ORDER BY array_position($5::text[], f.url), f.id DESC LIMIT 1`,
      [scope.organizationId, scope.projectId, release, dist, urls],
    );
    return rows[0] ?? null;
  });
}

/** Whether anything was uploaded for the release: only then is a frame without a map worth reporting. */
export function releaseHasArtifacts(db: DataSource, scope: ArtifactScope, release: string): Promise<boolean> {
  return memoized(scope, `r:${release}`, async () => {
    const rows: unknown[] = await db.query(`SELECT 1 FROM artifact_file f WHERE f.organization_id = $1 AND f.release = $3 AND (${USABLE}) LIMIT 1`, [
      scope.organizationId,
      scope.projectId,
      release,
    ]);
    return rows.length > 0;
  });
}

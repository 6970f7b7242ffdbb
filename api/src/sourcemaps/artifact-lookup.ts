import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
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
 * Found debug-id lookups, kept briefly: a debug id is derived from the file's content (sentry-cli
 * hashes it), so a later upload with the same id carries the same map. Misses are not kept: an
 * upload must be seen by the next event.
 */
const byDebugId = new LRUCache<string, ArtifactRef>({ max: 10_000, ttl: 60_000 });

/** The newest file of that type with this debug id. */
export async function artifactByDebugId(db: DataSource, scope: ArtifactScope, debugId: string, fileType: ArtifactFileType): Promise<ArtifactRef | null> {
  const key = `${scope.organizationId}:${scope.projectId}:${debugId}:${fileType}`;
  const known = byDebugId.get(key);
  if (known) return known;
  const found = await findByDebugId(db, scope, debugId, fileType);
  if (found) byDebugId.set(key, found);
  return found;
}

async function findByDebugId(db: DataSource, scope: ArtifactScope, debugId: string, fileType: ArtifactFileType): Promise<ArtifactRef | null> {
  const rows: ArtifactRef[] = await db.query(
    `SELECT ${COLUMNS} FROM artifact_file f WHERE f.organization_id = $1 AND f.debug_id = $3 AND f.file_type = $4 AND (${USABLE}) ORDER BY f.id DESC LIMIT 1`,
    [scope.organizationId, scope.projectId, debugId, fileType],
  );
  return rows[0] ?? null;
}

/** The release's file under the first of `urls` that has one (newest upload wins). */
export async function artifactByUrl(db: DataSource, scope: ArtifactScope, release: string, dist: string, urls: string[]): Promise<ArtifactRef | null> {
  if (urls.length === 0) return null;
  const rows: ArtifactRef[] = await db.query(
    `SELECT ${COLUMNS} FROM artifact_file f
     WHERE f.organization_id = $1 AND f.release = $3 AND f.dist = $4 AND f.url = ANY($5::text[]) AND (${USABLE})
     ORDER BY array_position($5::text[], f.url), f.id DESC LIMIT 1`,
    [scope.organizationId, scope.projectId, release, dist, urls],
  );
  return rows[0] ?? null;
}

/** Whether anything was uploaded for the release: only then is a frame without a map worth reporting. */
export async function releaseHasArtifacts(db: DataSource, scope: ArtifactScope, release: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM artifact_file f WHERE f.organization_id = $1 AND f.release = $3 AND (${USABLE}) LIMIT 1`, [
    scope.organizationId,
    scope.projectId,
    release,
  ]);
  return rows.length > 0;
}

import type { Deps } from '../runtime/deps.js';
import { artifactKey } from './artifact-blobs.js';

/**
 * Release files whose release was deleted (their `release_id` was set to null, so they serve no
 * event) are removed with each blob no other artifact uses. Blobs go first and the rows after, so a
 * storage outage midway leaves the rows for the retried job to find again. Idempotent.
 */
export async function removeUnusedArtifacts(deps: Pick<Deps, 'db' | 'storage'>, organizationId: number): Promise<{ files: number; blobs: number }> {
  const unused: { checksum: string }[] = await deps.db.query(
    `SELECT DISTINCT o.checksum FROM artifact_file o
     WHERE o.organization_id = $1 AND o.source = 'release_file' AND o.release_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM artifact_file f WHERE f.checksum = o.checksum AND NOT (f.source = 'release_file' AND f.release_id IS NULL))`,
    [organizationId],
  );
  for (const { checksum } of unused) await deps.storage.delete(artifactKey(checksum));
  // TypeORM answers a DELETE with [rows, affected count].
  const [, files]: [unknown[], number] = await deps.db.query(`DELETE FROM artifact_file WHERE organization_id = $1 AND source = 'release_file' AND release_id IS NULL`, [organizationId]);
  return { files, blobs: unused.length };
}

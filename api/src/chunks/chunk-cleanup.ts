import type { Deps } from '../runtime/deps.js';
import { chunkKey } from './chunk.service.js';

/** A chunk gets this long for the assemble request that uses it. */
export const UNREFERENCED_CHUNK_AGE_MS = 24 * 3600 * 1000;
const BATCH = 500;

/** Neither a bundle of the organization nor a debug file assembly of one of its projects (any state), nor one of their debug files, uses the chunk. */
const UNREFERENCED = `NOT EXISTS (SELECT 1 FROM artifact_bundle b WHERE b.organization_id = c.organization_id AND b.chunks @> ARRAY[c.checksum::text])
  AND NOT EXISTS (SELECT 1 FROM dif_assembly a JOIN project p ON p.id = a.project_id WHERE p.organization_id = c.organization_id AND a.chunks @> ARRAY[c.checksum::text])
  AND NOT EXISTS (SELECT 1 FROM debug_file d JOIN project p ON p.id = d.project_id WHERE p.organization_id = c.organization_id AND d.checksum = c.checksum)`;

/**
 * Removes organizations' claims on chunks that are older than `olderThanMs` and that no artifact
 * bundle, debug file assembly or debug file refers to (an upload whose assemble never came), and
 * each chunk's bytes once no organization
 * claims them. Bytes go first and rows after, so a storage outage midway leaves the rows for the
 * next run to find again. Idempotent. A chunk claimed again while its bytes go is asked for again
 * by the next assemble (which drops a claim whose bytes are gone).
 */
export async function removeUnreferencedChunks(
  deps: Pick<Deps, 'db' | 'storage'>,
  olderThanMs = UNREFERENCED_CHUNK_AGE_MS,
): Promise<{ claims: number; blobs: number }> {
  let claims = 0;
  let blobs = 0;
  for (;;) {
    const stale: { organization_id: number; checksum: string }[] = await deps.db.query(
      `SELECT c.organization_id, c.checksum FROM file_chunk c
       WHERE c.date_created < now() - make_interval(secs => $1::double precision / 1000) AND ${UNREFERENCED}
       ORDER BY c.date_created, c.checksum LIMIT ${BATCH}`,
      [olderThanMs],
    );
    if (stale.length === 0) break;
    const checksums = [...new Set(stale.map((s) => s.checksum))];
    const claimed: { checksum: string; n: number }[] = await deps.db.query(
      'SELECT checksum, count(*)::int AS n FROM file_chunk WHERE checksum = ANY($1::char(40)[]) GROUP BY checksum',
      [checksums],
    );
    const staleClaims = new Map<string, number>();
    for (const { checksum } of stale) staleClaims.set(checksum, (staleClaims.get(checksum) ?? 0) + 1);
    // Bytes another organization still claims stay.
    const unused = claimed.filter((c) => c.n === staleClaims.get(c.checksum)).map((c) => c.checksum);
    for (const checksum of unused) await deps.storage.delete(chunkKey(checksum));
    // TypeORM answers a DELETE with [rows, affected count].
    const [, removed]: [unknown[], number] = await deps.db.query(
      `DELETE FROM file_chunk c USING unnest($1::int[], $2::char(40)[]) AS s(organization_id, checksum)
       WHERE c.organization_id = s.organization_id AND c.checksum = s.checksum AND ${UNREFERENCED}`,
      [stale.map((s) => s.organization_id), stale.map((s) => s.checksum)],
    );
    claims += removed;
    blobs += unused.length;
    if (stale.length < BATCH) break;
  }
  return { claims, blobs };
}

import { createHash } from 'node:crypto';
import type { Deps } from '../runtime/deps.js';
import { badInput } from '../errors.js';
import { CHUNK_LIMITS, isSha1 } from './chunk-limits.js';

type ChunkDeps = Pick<Deps, 'db' | 'storage'>;

export interface UploadedChunk {
  /** The name sentry-cli gave it: SHA-1 of the uncompressed bytes. */
  checksum: string;
  data: Buffer;
}

export interface AssembledFile {
  checksum: string;
  size: number;
  data: Buffer;
}

/** Some chunks of a file are not (or no longer) uploaded: the client should send exactly these. */
export class MissingChunksError extends Error {
  constructor(readonly missing: string[]) {
    super(`${missing.length} chunk(s) missing`);
    this.name = 'MissingChunksError';
  }
}

export const sha1 = (data: Buffer): string => createHash('sha1').update(data).digest('hex');

/** Where a chunk's bytes live: content-addressed, shared by every organization that uploaded them. */
export const chunkKey = (checksum: string): string => `chunks/${checksum.slice(0, 2)}/${checksum}`;

/**
 * Stores chunks (already decompressed) for an organization. Each must hash to its name and fit
 * the announced size; bytes already in the store are not written again.
 */
export async function storeChunks(deps: ChunkDeps, organizationId: number, chunks: UploadedChunk[]): Promise<void> {
  for (const chunk of chunks) {
    if (!isSha1(chunk.checksum)) throw badInput(`Chunk names must be the SHA-1 of the chunk, got ${JSON.stringify(chunk.checksum)}`);
    if (chunk.data.length > CHUNK_LIMITS.chunkSize) throw badInput(`Chunk ${chunk.checksum} is larger than chunkSize (${CHUNK_LIMITS.chunkSize} bytes)`);
    if (sha1(chunk.data) !== chunk.checksum) throw badInput(`Chunk ${chunk.checksum} does not match its checksum`);
  }
  // All checked first: a bad chunk in a request stores none of them.
  for (const chunk of chunks) {
    const key = chunkKey(chunk.checksum);
    if (!(await deps.storage.has(key))) await deps.storage.put(key, chunk.data);
  }
  if (chunks.length === 0) return;
  await deps.db.query(
    `INSERT INTO file_chunk (organization_id, checksum, size)
     SELECT $1, c, s FROM unnest($2::char(40)[], $3::int[]) AS t(c, s)
     ON CONFLICT DO NOTHING`,
    [organizationId, chunks.map((c) => c.checksum), chunks.map((c) => c.data.length)],
  );
}

/** The checksums (of those asked about, in their order, once each) the organization has not uploaded. */
export async function missingChunks(deps: Pick<Deps, 'db'>, organizationId: number, checksums: string[]): Promise<string[]> {
  const wanted = [...new Set(checksums)];
  if (wanted.length === 0) return [];
  const rows: { checksum: string }[] = await deps.db.query('SELECT checksum FROM file_chunk WHERE organization_id = $1 AND checksum = ANY($2::char(40)[])', [
    organizationId,
    wanted,
  ]);
  const present = new Set(rows.map((r) => r.checksum));
  return wanted.filter((checksum) => !present.has(checksum));
}

/**
 * The file made of `chunks` in their order, checked against its SHA-1 `checksum`. Throws
 * MissingChunksError when the organization lacks some chunk, and a BAD_USER_INPUT error when the
 * result does not hash to the checksum.
 */
export async function assembleFile(deps: ChunkDeps, organizationId: number, checksum: string, chunks: string[]): Promise<AssembledFile> {
  if (!isSha1(checksum)) throw badInput('checksum must be a SHA-1 (40 hex digits)', 'checksum');
  if (chunks.length === 0 || !chunks.every(isSha1)) throw badInput('chunks must be a non-empty list of SHA-1 checksums', 'chunks');
  const missing = await missingChunks(deps, organizationId, chunks);
  if (missing.length > 0) throw new MissingChunksError(missing);
  const parts: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    const data = await deps.storage.get(chunkKey(chunk));
    // Claimed but gone from the store (cleaned up, lost): upload it again.
    if (!data) {
      await deps.db.query('DELETE FROM file_chunk WHERE organization_id = $1 AND checksum = $2', [organizationId, chunk]);
      throw new MissingChunksError([chunk]);
    }
    size += data.length;
    if (size > CHUNK_LIMITS.maxFileSize) throw badInput(`The file is larger than maxFileSize (${CHUNK_LIMITS.maxFileSize} bytes)`);
    parts.push(data);
  }
  const data = Buffer.concat(parts);
  if (sha1(data) !== checksum) throw badInput(`The chunks do not add up to checksum ${checksum}`, 'checksum');
  return { checksum, size, data };
}

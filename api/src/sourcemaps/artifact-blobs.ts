import type { Deps } from '../runtime/deps.js';
import { sha1 } from '../chunks/chunk.service.js';

/** Where an artifact's bytes live: content-addressed, so identical files are stored once. */
export const artifactKey = (checksum: string): string => `artifacts/${checksum.slice(0, 2)}/${checksum}`;

/** Stores the bytes unless the store has them already; their SHA-1 and size. */
export async function storeArtifactBlob(deps: Pick<Deps, 'storage'>, data: Buffer): Promise<{ checksum: string; size: number }> {
  const checksum = sha1(data);
  const key = artifactKey(checksum);
  if (!(await deps.storage.has(key))) await deps.storage.put(key, data);
  return { checksum, size: data.length };
}

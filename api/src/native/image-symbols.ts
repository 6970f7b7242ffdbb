/**
 * Finds an image's debug information: the project's uploaded debug files first, then the system
 * symbol sets (for images outside the app). Opened indexes are cached per process by storage key
 * (keys are immutable), so a burst of crashes from one build reads each index once.
 */
import type { EntityManager } from 'typeorm';
import { LRUCache } from 'lru-cache';
import { DebugFileError, SymCache } from '../symbolication/index.js';
import type { BlobStore } from '../storage/blob-store.js';
import { isAppImage, type NativeImage } from './native-images.js';
import type { ImageSymbols } from './symbol-lookup.js';
import { systemSymbolCandidates, type SdkVersion } from './system-symbols.js';

const opened = new LRUCache<string, SymCache | DebugFileError>({ max: 256 });

/** Opens an index from the store; a broken one is remembered as malformed. */
export async function openSymCache(storage: BlobStore, key: string): Promise<SymCache | DebugFileError | null> {
  const cached = opened.get(key);
  if (cached) return cached;
  const bytes = await storage.get(key);
  if (!bytes) return null;
  let result: SymCache | DebugFileError;
  try {
    result = SymCache.open(bytes);
  } catch (error) {
    if (!(error instanceof DebugFileError)) throw error;
    result = error;
  }
  opened.set(key, result);
  return result;
}

function symbolsOf(cache: SymCache | DebugFileError | null): ImageSymbols | null {
  if (!cache) return null;
  if (cache instanceof DebugFileError) return { status: 'malformed', reason: cache.message };
  return { status: 'found', lookup: (relative) => (relative > 0xffffffffn ? [] : cache.lookup(Number(relative))) };
}

/** The resolver for one project's events (`sdk`: the OS build the event names, for system images). */
export function projectImageResolver(
  tx: Pick<EntityManager, 'query'>,
  storage: BlobStore,
  project: { id: number; organizationId: number },
  sdk: SdkVersion | null,
) {
  return async (image: NativeImage): Promise<ImageSymbols> => {
    const rows = (await tx.query(
      // Like Symbolicator: a file with debug information (dSYM, debug ELF) beats one with a symbol table only.
      `SELECT symcache_key FROM debug_file WHERE project_id = $1 AND debug_id = $2
       ORDER BY ('debug' = ANY(features)) DESC, (arch = $3) DESC, id DESC LIMIT 1`,
      [project.id, image.debugId, image.arch ?? ''],
    )) as { symcache_key: string }[];
    if (rows[0]) {
      const found = symbolsOf(await openSymCache(storage, rows[0].symcache_key));
      if (found) return found;
    }
    if (!isAppImage(image.codeFile)) {
      for (const match of await systemSymbolCandidates(tx, [project.organizationId], image.debugId, sdk)) {
        const found = symbolsOf(await openSymCache(storage, match.symcacheKey));
        if (found?.status === 'found') return found;
      }
    }
    return { status: 'missing' };
  };
}

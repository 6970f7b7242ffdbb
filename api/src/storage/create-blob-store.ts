import type { StorageConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { BlobStore } from './blob-store.js';
import { CachedBlobStore, type BlobCacheCounters } from './cached-blob-store.js';
import { FilesystemBlobStore } from './filesystem-blob-store.js';

/** A process's artifact storage and what its cache (if any) has done. */
export interface Storage {
  store: BlobStore;
  /** The S3 cache's counters; null for the filesystem backend, which needs no cache. */
  cache: { counters: BlobCacheCounters; readonly cachedBytes: number } | null;
  close(): void;
}

/**
 * The configured backend: the filesystem, or S3 behind the bounded local cache. The AWS SDK (a few
 * MB of heap in each thread) is loaded only for S3.
 */
export async function createStorage(config: StorageConfig, log: Logger): Promise<Storage> {
  if (config.backend === 'filesystem') return { store: new FilesystemBlobStore(config.path), cache: null, close() {} };
  const { S3BlobStore } = await import('./s3-blob-store.js');
  const origin = new S3BlobStore({ ...config.s3 });
  const cached = new CachedBlobStore(origin, { dir: config.cache.path, maxBytes: config.cache.maxBytes, freshSeconds: config.cache.freshSeconds }, log);
  return { store: cached, cache: cached, close: () => origin.close() };
}

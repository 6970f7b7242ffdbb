import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startTestS3, type TestS3 } from '../../../test/support/s3.js';
import { StorageUnavailableError, type BlobStore } from './blob-store.js';
import { createStorage, type Storage } from './create-blob-store.js';
import { FilesystemBlobStore } from './filesystem-blob-store.js';
import { StorageMetrics } from './storage-metrics.js';

const log = createLogger('silent');
let scratch: string;
let s3: TestS3;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'vigil-storage-'));
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
  await rm(scratch, { recursive: true, force: true });
});

async function roundTrip(store: BlobStore, prefix: string): Promise<void> {
  const key = `${prefix}/ab/abcdef`;
  expect(await store.get(key)).toBeNull();
  expect(await store.has(key)).toBe(false);
  expect(await store.stat(key)).toBeNull();
  await store.put(key, Buffer.from('hello artifact'));
  expect((await store.get(key))?.toString()).toBe('hello artifact');
  expect(await store.has(key)).toBe(true);
  expect(await store.stat(key)).toEqual({ size: 14 });
  await store.delete(key);
  expect(await store.get(key)).toBeNull();
  await store.delete(key);
}

function s3Storage(cacheName: string, extra: Record<string, string> = {}): Promise<Storage> {
  return createStorage(loadConfig(s3.env(path.join(scratch, cacheName), extra)).storage, log);
}

describe('filesystem backend', () => {
  it('puts, gets, stats and deletes by key, writing whole files only', async () => {
    const root = path.join(scratch, 'fs');
    const store = new FilesystemBlobStore(root);
    await roundTrip(store, 'chunks');
    await store.put('chunks/x', Buffer.alloc(1024, 1));
    expect((await readdir(root, { recursive: true })).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('refuses keys that would leave its directory', async () => {
    const store = new FilesystemBlobStore(path.join(scratch, 'fs2'));
    for (const key of ['../escape', '/abs', 'a//b', 'a/../b', '']) await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
  });

  it('is the default, under the data directory', async () => {
    const config = loadConfig({ VIGIL_DATA_DIR: path.join(scratch, 'data') });
    expect(config.storage.backend).toBe('filesystem');
    expect(config.storage.path).toBe(path.join(scratch, 'data', 'artifacts'));
    expect((await createStorage(config.storage, log)).cache).toBeNull();
  });
});

describe('S3 backend behind the local cache (s3rver on 127.0.0.1)', () => {
  it('round-trips through S3', async () => {
    const storage = await s3Storage('cache-roundtrip');
    await roundTrip(storage.store, 'roundtrip');
    storage.close();
  });

  it('serves fresh copies locally and fetches each key once when readers arrive together', async () => {
    const writer = await s3Storage('cache-writer');
    await writer.store.put('sf/one', Buffer.from('shared bytes'));
    const reader = await s3Storage('cache-reader');
    const reads = await Promise.all(Array.from({ length: 5 }, () => reader.store.get('sf/one')));
    expect(reads.map((r) => r?.toString())).toEqual(Array(5).fill('shared bytes'));
    expect(reader.cache?.counters).toMatchObject({ miss: 1, hit: 0 });
    await reader.store.get('sf/one');
    expect(reader.cache?.counters).toMatchObject({ miss: 1, hit: 1 });
    writer.close();
    reader.close();
  });

  it('keeps the cache within its byte bound, least recently used out first', async () => {
    const storage = await s3Storage('cache-bound', { VIGIL_STORAGE_CACHE_MAX_BYTES: '250' });
    for (const name of ['a', 'b', 'c']) await storage.store.put(`bound/${name}`, Buffer.alloc(100, name));
    expect(storage.cache?.cachedBytes).toBe(200);
    const files = await readdir(path.join(scratch, 'cache-bound', 'bound'));
    expect(files.sort()).toEqual(['b', 'c']);
    // Evicted from the cache, still in S3.
    expect((await storage.store.get('bound/a'))?.length).toBe(100);
    expect(storage.cache?.counters.miss).toBe(1);
    storage.close();
  });

  it('serves stale copies while S3 is down, reports what it cannot serve, and writes nothing half', async () => {
    // Fresh for 0 s: every read asks S3 first, as a copy past its freshness would.
    const storage = await s3Storage('cache-outage', { VIGIL_STORAGE_CACHE_FRESH_SECONDS: '0', VIGIL_STORAGE_TIMEOUT_MS: '500' });
    await storage.store.put('outage/kept', Buffer.from('cached before the outage'));
    const other = await s3Storage('cache-other');
    await other.store.put('outage/uncached', Buffer.from('never read by the first'));
    other.close();
    expect((await storage.store.get('outage/kept'))?.toString()).toBe('cached before the outage');
    const metrics = new StorageMetrics(storage);

    await s3.stop();
    try {
      expect((await storage.store.get('outage/kept'))?.toString()).toBe('cached before the outage');
      expect(await storage.store.stat('outage/kept')).toEqual({ size: 24 });
      await expect(storage.store.get('outage/uncached')).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(storage.store.put('outage/new', Buffer.from('during the outage'))).rejects.toThrow(/Artifact storage is unavailable \(put outage\/new\)/);
      expect(storage.cache?.counters).toMatchObject({ stale: 2, error: 2 });
      const page = await metrics.render();
      expect(page).toContain('vigil_storage_cache_requests_total{result="stale"} 2');
      expect(page).toContain('vigil_storage_cache_requests_total{result="error"} 2');
    } finally {
      await s3.start();
    }
    // The failed upload left nothing: neither in S3 nor in the cache.
    expect(await storage.store.get('outage/new')).toBeNull();
    expect((await readdir(path.join(scratch, 'cache-outage', 'outage'))).sort()).toEqual(['kept']);
    storage.close();
  });

  it('needs a bucket', () => {
    expect(() => loadConfig({ VIGIL_STORAGE_BACKEND: 's3' })).toThrow(/VIGIL_STORAGE_BUCKET/);
  });
});

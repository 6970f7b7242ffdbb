import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { assertBlobKey, StorageUnavailableError, type BlobStat, type BlobStore } from './blob-store.js';
import { isMissing } from './filesystem-blob-store.js';

export interface BlobCacheOptions {
  /** Local directory of cached copies. */
  dir: string;
  /** Bound of the cached copies' bytes; the least recently used go first. */
  maxBytes: number;
  /** A copy younger than this is served without asking the origin; older ones are revalidated. */
  freshSeconds: number;
}

/** What the cache did for each read: served it, fetched it, served an old copy because the origin failed, or failed. */
export interface BlobCacheCounters {
  hit: number;
  miss: number;
  stale: number;
  error: number;
}

interface Entry {
  size: number;
  /** When the origin last confirmed the copy (epoch ms). */
  checkedAt: number;
}

/**
 * A bounded local disk cache in front of a remote origin (S3), as an nginx `proxy_cache` with
 * `proxy_cache_use_stale error timeout` and `proxy_cache_lock` would be: fresh copies are served
 * locally, one origin request per key at a time fills the cache, and when the origin errors or
 * times out a cached copy is served rather than failing the pipeline. Writes go to the origin
 * first, so a failed upload leaves nothing behind.
 */
export class CachedBlobStore implements BlobStore {
  readonly counters: BlobCacheCounters = { hit: 0, miss: 0, stale: 0, error: 0 };
  /** Insertion order is recency: a used entry is deleted and set again. */
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Buffer | null>>();
  private bytes = 0;
  private readonly loaded: Promise<void>;

  constructor(
    private readonly origin: BlobStore,
    private readonly options: BlobCacheOptions,
    private readonly log: Pick<Logger, 'warn'>,
  ) {
    this.loaded = this.load();
  }

  get cachedBytes(): number {
    return this.bytes;
  }

  async get(key: string): Promise<Buffer | null> {
    assertBlobKey(key);
    await this.loaded;
    const entry = this.entries.get(key);
    if (entry && this.isFresh(entry)) {
      const copy = await this.readCopy(key);
      if (copy) {
        this.counters.hit++;
        return copy;
      }
    }
    return this.singleFlight(key, () => this.fetch(key));
  }

  async has(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async stat(key: string): Promise<BlobStat | null> {
    assertBlobKey(key);
    await this.loaded;
    const entry = this.entries.get(key);
    if (entry && this.isFresh(entry)) {
      this.counters.hit++;
      return { size: entry.size };
    }
    try {
      const found = await this.origin.stat(key);
      if (!found) this.forget(key);
      else if (entry) entry.checkedAt = Date.now();
      this.counters.miss++;
      return found;
    } catch (error) {
      if (entry) {
        this.counters.stale++;
        return { size: entry.size };
      }
      this.counters.error++;
      throw new StorageUnavailableError('stat', key, error);
    }
  }

  async put(key: string, data: Buffer): Promise<void> {
    assertBlobKey(key);
    await this.loaded;
    try {
      await this.origin.put(key, data);
    } catch (error) {
      this.counters.error++;
      throw new StorageUnavailableError('put', key, error);
    }
    // Whatever was just uploaded is about to be read (assembling, processing): keep it close.
    await this.remember(key, data);
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.loaded;
    try {
      await this.origin.delete(key);
    } catch (error) {
      this.counters.error++;
      throw new StorageUnavailableError('delete', key, error);
    }
    this.forget(key);
    await rm(this.fileOf(key), { force: true });
  }

  private async fetch(key: string): Promise<Buffer | null> {
    const entry = this.entries.get(key);
    try {
      // A cached copy only needs the origin's word that it still exists (keys never change content).
      if (entry) {
        const found = await this.origin.stat(key);
        if (found && found.size === entry.size) {
          const copy = await this.readCopy(key);
          if (copy) {
            entry.checkedAt = Date.now();
            await utimes(this.fileOf(key), new Date(), new Date()).catch(() => undefined);
            this.counters.hit++;
            return copy;
          }
        }
      }
      const data = await this.origin.get(key);
      this.counters.miss++;
      if (data === null) {
        this.forget(key);
        await rm(this.fileOf(key), { force: true });
        return null;
      }
      await this.remember(key, data);
      return data;
    } catch (error) {
      const copy = entry ? await this.readCopy(key) : null;
      if (copy) {
        this.counters.stale++;
        this.log.warn({ key, error: error instanceof Error ? error.message : String(error) }, 'storage.serving-stale');
        return copy;
      }
      this.counters.error++;
      throw new StorageUnavailableError('get', key, error);
    }
  }

  private singleFlight(key: string, work: () => Promise<Buffer | null>): Promise<Buffer | null> {
    const running = this.inflight.get(key);
    if (running) return running;
    const started = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, started);
    return started;
  }

  private isFresh(entry: Entry): boolean {
    return Date.now() - entry.checkedAt < this.options.freshSeconds * 1000;
  }

  private async readCopy(key: string): Promise<Buffer | null> {
    try {
      const data = await readFile(this.fileOf(key));
      this.touch(key);
      return data;
    } catch (error) {
      if (!isMissing(error)) throw error;
      this.forget(key);
      return null;
    }
  }

  private async remember(key: string, data: Buffer): Promise<void> {
    if (data.length > this.options.maxBytes) return;
    const file = this.fileOf(key);
    const temporary = `${file}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(temporary, data);
      await rename(temporary, file);
    } catch (error) {
      // The cache is an optimization: a full disk must not fail a read the origin answered.
      await rm(temporary, { force: true });
      this.log.warn({ key, error: error instanceof Error ? error.message : String(error) }, 'storage.cache-write-failed');
      return;
    }
    this.forget(key);
    this.entries.set(key, { size: data.length, checkedAt: Date.now() });
    this.bytes += data.length;
    await this.evict();
  }

  private touch(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  private async evict(): Promise<void> {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.options.maxBytes) return;
      this.entries.delete(key);
      this.bytes -= entry.size;
      await rm(this.fileOf(key), { force: true });
    }
  }

  /** Copies left by an earlier run count towards the bound, oldest first; half-written ones are removed. */
  private async load(): Promise<void> {
    await mkdir(this.options.dir, { recursive: true });
    const found: { key: string; size: number; mtime: number }[] = [];
    for (const dirent of await readdir(this.options.dir, { recursive: true, withFileTypes: true })) {
      if (!dirent.isFile()) continue;
      const file = path.join(dirent.parentPath, dirent.name);
      if (dirent.name.endsWith('.partial')) {
        await rm(file, { force: true });
        continue;
      }
      const info = await stat(file).catch(() => null);
      if (!info) continue;
      found.push({ key: path.relative(this.options.dir, file).split(path.sep).join('/'), size: info.size, mtime: info.mtimeMs });
    }
    found.sort((a, b) => a.mtime - b.mtime);
    for (const copy of found) {
      this.entries.set(copy.key, { size: copy.size, checkedAt: copy.mtime });
      this.bytes += copy.size;
    }
    await this.evict();
  }

  private fileOf(key: string): string {
    return path.join(this.options.dir, ...key.split('/'));
  }
}

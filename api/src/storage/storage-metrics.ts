import { Counter, Gauge, Registry } from 'prom-client';
import type { Storage } from './create-blob-store.js';

/** `/metrics` figures of the artifact storage cache (none for the filesystem backend). */
export class StorageMetrics {
  readonly registry = new Registry();

  constructor(storage: Pick<Storage, 'cache'>) {
    const cache = storage.cache;
    if (!cache) return;
    new Counter({
      name: 'vigil_storage_cache_requests_total',
      help: 'Artifact storage reads by what the local cache did: hit (local copy), miss (fetched from S3), stale (S3 failed, old copy served), error (S3 failed, nothing cached).',
      labelNames: ['result'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const result of ['hit', 'miss', 'stale', 'error'] as const) this.inc({ result }, cache.counters[result]);
      },
    });
    new Gauge({
      name: 'vigil_storage_cache_bytes',
      help: 'Bytes of S3 objects held in the local artifact cache.',
      registers: [this.registry],
      collect() {
        this.set(cache.cachedBytes);
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

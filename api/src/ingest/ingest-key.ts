import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { DEFAULT_INBOUND_FILTERS, type InboundFilterSettings, DEFAULT_SCRUB_OPTIONS, type ScrubOptions } from '../projects/project-options.js';
import { isPublicKey } from './dsn-key.js';

/** What the ingest edge needs to know about a DSN key and its project, in one row. */
export interface IngestKey {
  keyId: number;
  isActive: boolean;
  keyRateLimit: { count: number; window: number } | null;
  projectId: number;
  organizationId: number;
  projectRateLimit: { count: number; window: number } | null;
  scrubbing: ScrubOptions;
  inboundFilters: InboundFilterSettings;
}

interface Row {
  key_id: number;
  is_active: boolean;
  key_rate_limit_count: number | null;
  key_rate_limit_window: number | null;
  project_id: number;
  organization_id: number;
  project_rate_limit_count: number | null;
  project_rate_limit_window: number | null;
  scrubbing: Partial<ScrubOptions> | null;
  inbound_filters: Partial<InboundFilterSettings> | null;
}

// Changes to keys and settings take effect within this long on every web process.
const TTL_MS = 2000;
/** Memory the cache may hold, measured as the JSON size of the cached rows (UTF-16: 2 bytes a character). */
const MAX_CACHE_BYTES = 8 * 1024 * 1024;

/**
 * Looks up DSN keys with a short cache, so a busy SDK costs no query per event. Only known keys are
 * cached: a flood of made-up keys costs an indexed lookup each and cannot grow the cache.
 */
export class IngestKeyCache {
  private readonly entries: LRUCache<string, IngestKey>;

  constructor(
    private readonly db: DataSource,
    maxBytes = MAX_CACHE_BYTES,
  ) {
    this.entries = new LRUCache<string, IngestKey>({
      ttl: TTL_MS,
      maxSize: maxBytes,
      sizeCalculation: (value, publicKey) => 2 * (publicKey.length + JSON.stringify(value).length),
    });
  }

  async get(publicKey: string): Promise<IngestKey | null> {
    if (!isPublicKey(publicKey)) return null;
    const cached = this.entries.get(publicKey);
    if (cached) return cached;
    const value = await this.load(publicKey);
    if (value) this.entries.set(publicKey, value);
    return value;
  }

  /** Cached keys and their estimated bytes, for tests and metrics. */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  private async load(publicKey: string): Promise<IngestKey | null> {
    const rows: Row[] = await this.db.query(
      `SELECT k.id AS key_id, k.is_active, k.rate_limit_count AS key_rate_limit_count, k.rate_limit_window AS key_rate_limit_window,
              p.id AS project_id, p.organization_id, p.rate_limit_count AS project_rate_limit_count,
              p.rate_limit_window AS project_rate_limit_window, p.scrubbing, p.inbound_filters
         FROM project_key k
         JOIN project p ON p.id = k.project_id AND p.status = 'active'
         JOIN organization o ON o.id = p.organization_id AND o.status = 'active'
        WHERE k.public_key = $1`,
      [publicKey],
    );
    const row = rows[0];
    if (!row) return null;
    const limit = (count: number | null, window: number | null) => (count && window ? { count, window } : null);
    return {
      keyId: row.key_id,
      isActive: row.is_active,
      keyRateLimit: limit(row.key_rate_limit_count, row.key_rate_limit_window),
      projectId: row.project_id,
      organizationId: row.organization_id,
      projectRateLimit: limit(row.project_rate_limit_count, row.project_rate_limit_window),
      scrubbing: { ...DEFAULT_SCRUB_OPTIONS, ...row.scrubbing },
      inboundFilters: { ...DEFAULT_INBOUND_FILTERS, ...row.inbound_filters },
    };
  }
}

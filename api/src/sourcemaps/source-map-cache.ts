import { TraceMap } from '@jridgewell/trace-mapping';
import { LRUCache } from 'lru-cache';

/** A parsed source map and what a processor needs of it. */
export interface ParsedSourceMap {
  map: TraceMap;
  /** `sources` resolved against the map's URL and `sourceRoot`, index by index. */
  sources: string[];
  /** Index of each of the map's resolved sources, as trace-mapping answers them. */
  sourceIndex: Map<string, number>;
  /** The original sources' lines, when the map carries `sourcesContent`. */
  contentLines: (string[] | null)[];
  /** Size of the map's JSON, the base of the memory estimate. */
  bytes: number;
}

/** Parsed maps take several times their JSON size in memory; the bound counts this estimate. */
const BYTES_PER_JSON_BYTE = 4;

/**
 * Parsed source maps by the SHA-1 of their bytes, least recently used out first, bounded by an
 * estimate of their memory. Keys are content addresses, so an upload that replaces a map (new
 * bytes, new checksum) is never answered with the old parse: the lookup finds the new file's key.
 */
export class SourceMapCache {
  private readonly cache: LRUCache<string, ParsedSourceMap>;

  constructor(maxBytes: number) {
    this.cache = new LRUCache<string, ParsedSourceMap>({ maxSize: maxBytes, sizeCalculation: (value) => Math.max(1, estimateBytes(value)) });
  }

  get(checksum: string): ParsedSourceMap | undefined {
    return this.cache.get(checksum);
  }

  set(checksum: string, parsed: ParsedSourceMap): void {
    this.cache.set(checksum, parsed);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}

function estimateBytes(parsed: ParsedSourceMap): number {
  return parsed.bytes * BYTES_PER_JSON_BYTE;
}

let shared: SourceMapCache | null = null;

/** The process's cache (`VIGIL_SOURCEMAP_CACHE_BYTES`), made on first use. */
export function sharedSourceMapCache(maxBytes: number): SourceMapCache {
  shared ??= new SourceMapCache(maxBytes);
  return shared;
}

import { TraceMap } from '@jridgewell/trace-mapping';
import { LRUCache } from 'lru-cache';
import { displayFilename, isInAppSource, resolveArtifactUrl } from './artifact-urls.js';
import { OriginalSource } from './original-source.js';

/**
 * A parsed source map and what a processor needs of it, per source index, worked out once: the
 * resolved URL, the name shown, whether it is application code, and the original source (from
 * `sourcesContent`, null when the map has none for it).
 */
export class ParsedSourceMap {
  /** `sources` resolved against the map's URL and `sourceRoot`, index by index. */
  readonly sources: string[];
  readonly displayNames: string[];
  readonly inApp: boolean[];
  private readonly contents: (OriginalSource | null | undefined)[];

  constructor(
    readonly map: TraceMap,
    mapUrl: string,
    /** Size of the map's JSON, the base of the memory estimate. */
    readonly bytes: number,
  ) {
    this.sources = map.sources.map((source) => resolveArtifactUrl(mapUrl, `${map.sourceRoot ?? ''}${source ?? ''}`));
    this.displayNames = this.sources.map(displayFilename);
    this.inApp = this.sources.map((source) => isInAppSource(source, undefined));
    this.contents = new Array(this.sources.length);
  }

  /** The original source from `sourcesContent`, split on first use. */
  content(index: number): OriginalSource | null {
    let content = this.contents[index];
    if (content === undefined) {
      const text = this.map.sourcesContent?.[index];
      content = typeof text === 'string' ? new OriginalSource(text, this.sources[index] ?? '') : null;
      this.contents[index] = content;
    }
    return content;
  }
}

/** Parsed maps take several times their JSON size in memory (decoded mappings, split lines, scopes); the bound counts this estimate. */
const BYTES_PER_JSON_BYTE = 4;
/** A source's lines, context and scopes, per byte of its text. */
const BYTES_PER_SOURCE_BYTE = 3;

type Entry = ParsedSourceMap | OriginalSource;

/**
 * Parsed source maps and uploaded original sources by the SHA-1 of their bytes (and how they were
 * reached), least recently used out first, bounded by an estimate of their memory. Keys are
 * content addresses, so an upload that replaces a map (new bytes, new checksum) is never answered
 * with the old parse: the lookup, told of the upload, finds the new file's key, and the old parse
 * ages out, or goes at once through `forget`.
 */
export class SourceMapCache {
  private readonly cache: LRUCache<string, Entry>;

  constructor(maxBytes: number) {
    this.cache = new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (value) => Math.max(1, estimateBytes(value)) });
  }

  map(key: string): ParsedSourceMap | undefined {
    const entry = this.cache.get(key);
    return entry instanceof ParsedSourceMap ? entry : undefined;
  }

  source(key: string): OriginalSource | undefined {
    const entry = this.cache.get(key);
    return entry instanceof OriginalSource ? entry : undefined;
  }

  set(key: string, entry: Entry): void {
    this.cache.set(key, entry);
  }

  forget(key: string): void {
    this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }

  /** The estimate the bound is held to. */
  get calculatedSize(): number {
    return this.cache.calculatedSize;
  }
}

function estimateBytes(entry: Entry): number {
  return entry instanceof ParsedSourceMap ? entry.bytes * BYTES_PER_JSON_BYTE : entry.bytes * BYTES_PER_SOURCE_BYTE;
}

let shared: SourceMapCache | null = null;

/** The process's cache (`VIGIL_SOURCEMAP_CACHE_BYTES`), made on first use. */
export function sharedSourceMapCache(maxBytes: number): SourceMapCache {
  shared ??= new SourceMapCache(maxBytes);
  return shared;
}

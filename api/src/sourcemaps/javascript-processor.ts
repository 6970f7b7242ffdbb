import { originalPositionFor, traceSegment, TraceMap, type SourceMapSegment } from '@jridgewell/trace-mapping';
import { LRUCache } from 'lru-cache';
import type { ExceptionValue, NormalizedEvent, SourceProcessingError, StackFrame } from '../events/event.types.js';
import { summarizeEvent } from '../events/normalize-summary.js';
import type { Deps } from '../runtime/deps.js';
import { StorageUnavailableError } from '../storage/blob-store.js';
import { artifactKey } from './artifact-blobs.js';
import { artifactAnswerKey, artifactByDebugId, artifactByUrl, releaseHasArtifacts, watchArtifactChanges, type ArtifactRef, type ArtifactScope } from './artifact-lookup.js';
import { artifactUrlCandidates, isCdnFile, resolveArtifactUrl } from './artifact-urls.js';
import { canonicalDebugId } from './debug-id.js';
import { OriginalSource } from './original-source.js';
import { ParsedSourceMap, sharedSourceMapCache, type SourceMapCache } from './source-map-cache.js';

export type JavaScriptDeps = Pick<Deps, 'db' | 'storage' | 'log'> & Partial<Pick<Deps, 'pubsub'>> & { sourceMaps?: SourceMapCache; sourceMapCacheBytes?: number };

/** A frame's file resolved to its map (`key`: the parse's key in the cache), or why not. */
type Resolution = { map: ParsedSourceMap; key: string; mapUrl: string; cdn: boolean } | { error: SourceProcessingError } | null;

/** Fields of native frames, copied to a mapped frame only when it has them. */
const NATIVE_FIELDS = ['package', 'instructionAddr', 'symbolAddr', 'imageAddr', 'addrMode', 'symbol', 'trust', 'symbolicatorStatus'] as const;
type NativeField = (typeof NATIVE_FIELDS)[number];

function hasNativeFields(f: StackFrame): boolean {
  return (
    f.package !== undefined || f.instructionAddr !== undefined || f.symbolAddr !== undefined || f.imageAddr !== undefined ||
    f.addrMode !== undefined || f.symbol !== undefined || f.trust !== undefined || f.symbolicatorStatus !== undefined
  );
}

/** A file resolved to its map. */
type Found = Extract<Resolution, { map: ParsedSourceMap }>;
/**
 * A frame's original position: the map's own segment (source index, 0-based line and column, name
 * index), as trace-mapping finds it. Read in place, it costs no object per frame and no lookup of
 * the source's index by its URL.
 */
type Position = Readonly<Extract<SourceMapSegment, { length: 4 | 5 }>>;

/**
 * `sourceMappingURL` of minified files by their checksum (content-addressed, so never stale):
 * reading a megabyte bundle per event to find it again is what this saves.
 */
const mappingReferences = new LRUCache<string, { reference: string | undefined }>({ maxSize: 10_000, sizeCalculation: () => 1 }); // grows as it fills (`max` preallocates)

/**
 * Where a file's map was found, by everything finding it depends on (scope and artifact generation,
 * debug id, release, dist, file): the next event from the same bundle skips the lookups and their
 * awaits. Holds the parse's cache key, not the parse, so the cache's memory bound still holds;
 * the TTL is the artifact lookups' own.
 */
const knownMaps = new LRUCache<string, { key: string; mapUrl: string; cdn: boolean }>({ maxSize: 50_000, sizeCalculation: () => 1, ttl: 5 * 60_000 }); // grows as it fills (`max` preallocates)

/** Whether the event is JavaScript (browser or Node) and so may carry minified frames. */
export function isJavaScriptEvent(event: NormalizedEvent): boolean {
  if (event.platform === 'javascript' || event.platform === 'node') return true;
  return event.exceptions.some((e) => e.frames.some((f) => f.platform === 'javascript' || f.platform === 'node'));
}

/**
 * Source-map processing of one event: each frame's map is found by debug id (`debug_meta` images of
 * type `sourcemap`), else by its URL among the release's artifacts, else through the minified
 * file's `sourceMappingURL`. Mapped frames get the original file, line, column, function name
 * (the map's `names` entry at the caller's call site, else the enclosing function in the parsed
 * original source) and source context; the SDK's frames are kept as `rawFrames`. Nothing here
 * fails the event: what could not be done is listed in `processingErrors`.
 */
export async function processJavaScript(deps: JavaScriptDeps, scope: ArtifactScope, event: NormalizedEvent): Promise<void> {
  if (!isJavaScriptEvent(event)) return;
  if (deps.pubsub) watchArtifactChanges(deps.pubsub);
  const run = new ProcessingRun(deps, scope, event);
  for (const exception of event.exceptions) await run.processException(exception);
  if (run.errors.length > 0) event.processingErrors = [...(event.processingErrors ?? []), ...run.errors];
  if (run.changed) Object.assign(event, summarizeEvent(event));
}

class ProcessingRun {
  readonly errors: SourceProcessingError[] = [];
  changed = false;
  private readonly resolutions = new Map<string, Resolution>();
  private uploadedSources: Map<string, OriginalSource | null> | null = null;
  private readonly cache: SourceMapCache;

  constructor(
    private readonly deps: JavaScriptDeps,
    private readonly scope: ArtifactScope,
    private readonly event: NormalizedEvent,
  ) {
    this.cache = deps.sourceMaps ?? sharedSourceMapCache(deps.sourceMapCacheBytes ?? 256 * 1024 * 1024);
  }

  async processException(exception: ExceptionValue): Promise<void> {
    const raw = exception.frames;
    const positions: (Position | null)[] = new Array(raw.length);
    const maps: (Found | null)[] = new Array(raw.length);
    let any = false;
    for (let i = 0; i < raw.length; i++) {
      const frame = raw[i]!;
      const file = mappableFile(frame);
      let resolved: Resolution | undefined = null;
      if (file !== null) {
        resolved = this.resolutions.get(file);
        if (resolved === undefined) {
          resolved = this.known(file) ?? (await this.resolve(file));
          this.resolutions.set(file, resolved);
        }
      }
      const position = resolved ? this.mapFrame(frame, file!, resolved) : null;
      positions[i] = position;
      maps[i] = position ? (resolved as Found) : null;
      if (position) any = true;
    }
    if (!any) return;
    const frames: StackFrame[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const frame = raw[i]!;
      const position = positions[i];
      const found = maps[i];
      if (!position || !found) {
        // The SDK's frame objects become `rawFrames` as they are; `frames` gets its own objects.
        frames[i] = { ...frame };
        continue;
      }
      const index = position[1];
      const content = found.map.content(index) ?? (this.event.release ? await this.uploadedSource(found.map.sources[index] ?? '') : null);
      frames[i] = this.originalFrame(frame, found, position, i > 0 ? callerName(positions[i - 1]!, maps[i - 1]!) : null, content);
    }
    exception.frames = frames;
    exception.rawFrames = raw;
    this.changed = true;
  }

  private originalFrame(frame: StackFrame, { map, cdn }: Found, position: Position, caller: string | null, content: OriginalSource | null): StackFrame {
    const index = position[1];
    const line = position[2] + 1;
    const column = position[3];
    const source = map.sources[index] ?? '';
    // Sentry's rule: a frame's function is named where its caller called it (the older frame).
    const name = caller ?? content?.functionNameAt(line, column) ?? frame.function;
    // The minified context does not belong to the original position.
    const context = content?.context(line);
    if (!content) this.report({ type: 'js_missing_sources_content', file: source, detail: 'The source map has no sourcesContent for this file and it was not uploaded' });
    // One literal of a fixed shape: copying the SDK's frame and then changing half of it costs
    // more than the rest of the frame's processing. Native fields only when the frame has any.
    const next: StackFrame = {
      filename: map.displayNames[index] ?? source,
      absPath: source,
      module: frame.module,
      function: name,
      lineno: line,
      colno: column + 1,
      inApp: (map.inApp[index] ?? true) && !cdn,
      contextLine: context?.contextLine,
      preContext: context?.preContext,
      postContext: context?.postContext,
      vars: frame.vars,
      platform: frame.platform,
    } satisfies { [K in Exclude<keyof StackFrame, NativeField>]-?: StackFrame[K] };
    if (hasNativeFields(frame)) for (const key of NATIVE_FIELDS) if (frame[key] !== undefined) next[key] = frame[key];
    return next;
  }

  /** The frame's original position in its file's map (or why not, reported). */
  private mapFrame(frame: StackFrame, file: string, resolved: NonNullable<Resolution>): Position | null {
    if ('error' in resolved) {
      this.report(resolved.error);
      return null;
    }
    const line = frame.lineno! - 1;
    const segment = line < 0 ? null : traceSegment(resolved.map.map, line, Math.max(0, frame.colno! - 1));
    if (segment === null || segment.length === 1 || segment[1] >= resolved.map.sources.length) {
      this.report({ type: 'js_invalid_sourcemap_location', file, detail: `Line ${frame.lineno}, column ${frame.colno} is not in the source map ${resolved.mapUrl}` });
      return null;
    }
    return segment;
  }

  /** The debug id `debug_meta` gives the file (the last `sourcemap` image naming it with a valid one). Asked once per file per event. */
  private debugIdOf(file: string): string | undefined {
    const images = this.event.debugMeta?.images;
    for (let i = (images?.length ?? 0) - 1; i >= 0; i--) {
      const image = images![i]!;
      if (image.type !== 'sourcemap' || image.code_file !== file) continue;
      const debugId = canonicalDebugId(image.debug_id);
      if (debugId) return debugId;
    }
    return undefined;
  }

  private knownKey(file: string): string {
    return artifactAnswerKey(this.scope, `${this.debugIdOf(file) ?? ''}\0${this.event.release ?? ''}\0${this.event.dist ?? ''}\0${file}`);
  }

  /** The file's map as an earlier event found it, while its parse is still cached. */
  private known(file: string): Found | undefined {
    const known = knownMaps.get(this.knownKey(file));
    const map = known && this.cache.map(known.key);
    return map ? { map, key: known.key, mapUrl: known.mapUrl, cdn: known.cdn } : undefined;
  }

  private async resolve(file: string): Promise<Resolution> {
    const found = await this.find(file);
    if (!found || !('map' in found)) return found;
    const cdn = isCdnFile(file);
    knownMaps.set(this.knownKey(file), { key: found.key, mapUrl: found.mapUrl, cdn });
    return { ...found, cdn };
  }

  private async find(file: string): Promise<Resolution> {
    try {
      const debugId = this.debugIdOf(file);
      if (debugId) {
        const map = await artifactByDebugId(this.deps.db, this.scope, debugId, 'source_map');
        if (map) return await this.load(map, map.url);
      }
      const { release } = this.event;
      const releaseArtifacts = release ? await releaseHasArtifacts(this.deps.db, this.scope, release) : false;
      if (release && releaseArtifacts) {
        const found = await this.resolveByUrl(file, release, this.event.dist ?? '');
        if (found) return found;
      }
      if (debugId || releaseArtifacts) {
        return {
          error: {
            type: 'js_no_source',
            file,
            detail: debugId
              ? `No source map with debug id ${debugId} was uploaded (sentry-cli sourcemaps upload)`
              : `No source map for this file was uploaded to release ${release}${this.event.dist ? ` (dist ${this.event.dist})` : ''}`,
          },
        };
      }
      return null;
    } catch (error) {
      if (!(error instanceof StorageUnavailableError)) throw error;
      return { error: { type: 'js_fetch_error', file, detail: error.message } };
    }
  }

  /** The release's map for the file: uploaded under the file's URL + `.map`, or named by the minified file. */
  private async resolveByUrl(file: string, release: string, dist: string): Promise<Resolution> {
    const minified = await artifactByUrl(this.deps.db, this.scope, release, dist, artifactUrlCandidates(file));
    if (minified?.fileType === 'source_map') return this.load(minified, minified.url);
    if (minified) {
      const reference = minified.headers.sourcemap ?? minified.headers['x-sourcemap'] ?? (await this.mappingReference(minified));
      if (reference?.startsWith('data:')) return this.loadInline(reference, minified);
      if (reference) {
        const mapUrl = resolveArtifactUrl(minified.url, reference);
        const map = await artifactByUrl(this.deps.db, this.scope, release, dist, [mapUrl, ...artifactUrlCandidates(mapUrl)]);
        if (map) return this.load(map, mapUrl);
        return { error: { type: 'js_no_source', file: mapUrl, detail: `${minified.url} names the source map ${reference}, which was not uploaded to release ${release}` } };
      }
    }
    const map = await artifactByUrl(this.deps.db, this.scope, release, dist, artifactUrlCandidates(file).map((url) => `${url}.map`));
    return map ? this.load(map, map.url) : null;
  }

  private async mappingReference(minified: ArtifactRef): Promise<string | undefined> {
    const known = mappingReferences.get(minified.checksum);
    if (known) return known.reference;
    const reference = sourceMappingUrl(await this.read(minified));
    mappingReferences.set(minified.checksum, { reference });
    return reference;
  }

  private async read(artifact: ArtifactRef): Promise<Buffer> {
    const data = await this.deps.storage.get(artifactKey(artifact.checksum));
    if (!data) throw new StorageUnavailableError('get', artifactKey(artifact.checksum), new Error('the artifact is indexed but its bytes are gone'));
    return data;
  }

  /** Parses are keyed by the map's checksum and the URL its sources resolve against. */
  private async load(artifact: ArtifactRef, mapUrl: string): Promise<Resolution> {
    const key = `map:${artifact.checksum}:${mapUrl}`;
    const cached = this.cache.map(key);
    if (cached) return { map: cached, key, mapUrl, cdn: false };
    return this.parsed(key, (await this.read(artifact)).toString('utf8'), mapUrl);
  }

  private async loadInline(reference: string, minified: ArtifactRef): Promise<Resolution> {
    const key = `inline:${minified.checksum}:${minified.url}`;
    const cached = this.cache.map(key);
    if (cached) return { map: cached, key, mapUrl: minified.url, cdn: false };
    const comma = reference.indexOf(',');
    const body = reference.slice(comma + 1);
    const json = reference.slice(0, comma).endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
    return this.parsed(key, json, minified.url);
  }

  /** The map parsed and cached under `key` (or why it cannot be read, not cached: the next event tries again). */
  private parsed(key: string, json: string, mapUrl: string): Resolution {
    const parsed = parse(json, mapUrl);
    if (!(parsed instanceof ParsedSourceMap)) return parsed;
    this.cache.set(key, parsed);
    return { map: parsed, key, mapUrl, cdn: false };
  }

  /** An original source uploaded as its own file (`type: source` in a bundle, or a release file). */
  private async uploadedSource(url: string): Promise<OriginalSource | null> {
    const release = this.event.release;
    if (!release) return null;
    this.uploadedSources ??= new Map();
    let source = this.uploadedSources.get(url);
    if (source !== undefined) return source;
    const file = await artifactByUrl(this.deps.db, this.scope, release, this.event.dist ?? '', [url, ...artifactUrlCandidates(url)]);
    source = null;
    if (file) {
      const key = `source:${file.checksum}`;
      source = this.cache.source(key) ?? new OriginalSource((await this.read(file)).toString('utf8'), url);
      this.cache.set(key, source);
    }
    this.uploadedSources.set(url, source);
    return source;
  }

  private report(error: SourceProcessingError): void {
    if (!this.errors.some((e) => e.type === error.type && e.file === error.file)) this.errors.push(error);
  }
}

function parse(json: string, mapUrl: string): ParsedSourceMap | { error: SourceProcessingError } {
  try {
    const map = new TraceMap(json);
    // Decoding is lazy: make a broken `mappings` fail here, not in the middle of a frame.
    originalPositionFor(map, { line: 1, column: 0 });
    return new ParsedSourceMap(map, mapUrl, json.length);
  } catch (error) {
    return { error: { type: 'js_invalid_source', file: mapUrl, detail: `The source map cannot be read: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/** The name the map gives at the caller's call site (trace-mapping's `name`), if the caller was mapped. */
function callerName(caller: Position | null, found: Found | null): string | null {
  return caller !== null && caller.length === 5 ? (found!.map.map.names[caller[4]] ?? null) : null;
}

/** The file a frame's position is in, when it is one a map may exist for. */
function mappableFile(frame: StackFrame): string | null {
  const file = frame.absPath ?? frame.filename;
  if (!file || frame.lineno === undefined || frame.colno === undefined) return null;
  if (file.startsWith('node:') || file.startsWith('internal/') || file === '<anonymous>') return null;
  return file;
}

/** The last `//# sourceMappingURL=` of a minified file. */
function sourceMappingUrl(data: Buffer): string | undefined {
  const tail = data.subarray(Math.max(0, data.length - 64 * 1024)).toString('utf8');
  const matches = [...tail.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)/g)];
  return matches.at(-1)?.[1];
}

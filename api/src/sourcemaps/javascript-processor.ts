import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { ExceptionValue, NormalizedEvent, SourceProcessingError, StackFrame } from '../events/event.types.js';
import { summarizeEvent } from '../events/normalize-summary.js';
import type { Deps } from '../runtime/deps.js';
import { StorageUnavailableError } from '../storage/blob-store.js';
import { artifactKey } from './artifact-blobs.js';
import { artifactByDebugId, artifactByUrl, releaseHasArtifacts, type ArtifactRef, type ArtifactScope } from './artifact-lookup.js';
import { artifactUrlCandidates, displayFilename, isInAppSource, resolveArtifactUrl } from './artifact-urls.js';
import { canonicalDebugId } from './debug-id.js';
import { enclosingFunctionName } from './function-names.js';
import { sharedSourceMapCache, type ParsedSourceMap, type SourceMapCache } from './source-map-cache.js';

export type JavaScriptDeps = Pick<Deps, 'db' | 'storage' | 'log'> & { sourceMaps?: SourceMapCache; sourceMapCacheBytes?: number };

const CONTEXT_LINES = 5;
/** Lines longer than this (minified code) are not shown as context. */
const MAX_CONTEXT_LINE = 300;

/** A frame's file resolved to its map (or why not). */
type Resolution = { map: ParsedSourceMap; mapUrl: string } | { error: SourceProcessingError } | null;

/** Whether the event is JavaScript (browser or Node) and so may carry minified frames. */
export function isJavaScriptEvent(event: NormalizedEvent): boolean {
  return ['javascript', 'node'].includes(event.platform) || event.exceptions.some((e) => e.frames.some((f) => f.platform === 'javascript' || f.platform === 'node'));
}

/**
 * Source-map processing of one event: each frame's map is found by debug id (`debug_meta` images of
 * type `sourcemap`), else by its URL among the release's artifacts, else through the minified
 * file's `sourceMappingURL`. Mapped frames get the original file, line, column, function name
 * (the map's `names` entry at the caller's call site, else the enclosing function of the original
 * source) and source context; the SDK's frames are kept as `rawFrames`. Nothing here fails the
 * event: what could not be done is listed in `processingErrors`.
 */
export async function processJavaScript(deps: JavaScriptDeps, scope: ArtifactScope, event: NormalizedEvent): Promise<void> {
  if (!isJavaScriptEvent(event)) return;
  const run = new ProcessingRun(deps, scope, event);
  for (const exception of event.exceptions) await run.processException(exception);
  if (run.errors.length > 0) event.processingErrors = [...(event.processingErrors ?? []), ...run.errors];
  if (run.changed) Object.assign(event, summarizeEvent(event));
}

class ProcessingRun {
  readonly errors: SourceProcessingError[] = [];
  changed = false;
  private readonly resolutions = new Map<string, Promise<Resolution>>();
  private readonly debugIds = new Map<string, string>();
  private readonly cache: SourceMapCache;
  private releaseArtifacts: Promise<boolean> | null = null;

  constructor(
    private readonly deps: JavaScriptDeps,
    private readonly scope: ArtifactScope,
    private readonly event: NormalizedEvent,
  ) {
    this.cache = deps.sourceMaps ?? sharedSourceMapCache(deps.sourceMapCacheBytes ?? 256 * 1024 * 1024);
    for (const image of event.debugMeta?.images ?? []) {
      const debugId = canonicalDebugId(image.debug_id);
      if (image.type === 'sourcemap' && typeof image.code_file === 'string' && debugId) this.debugIds.set(image.code_file, debugId);
    }
  }

  async processException(exception: ExceptionValue): Promise<void> {
    const raw = exception.frames.map((frame) => ({ ...frame }));
    const mapped: ({ map: ParsedSourceMap; source: number; line: number; column: number; name: string | null } | null)[] = [];
    for (const frame of raw) mapped.push(await this.mapFrame(frame));
    if (mapped.every((m) => m === null)) return;
    exception.frames = raw.map((frame, index) => {
      const position = mapped[index];
      if (!position) return { ...frame };
      const source = position.map.sources[position.source] ?? '';
      const lines = position.map.contentLines[position.source] ?? null;
      // Sentry's rule: a frame's function is named where its caller called it (the older frame).
      const caller = index > 0 ? mapped[index - 1] : null;
      const name = caller?.name ?? (lines ? enclosingFunctionName(lines, position.line) : null) ?? frame.function;
      const next: StackFrame = {
        ...frame,
        absPath: source,
        filename: displayFilename(source),
        lineno: position.line,
        colno: position.column + 1,
        inApp: isInAppSource(source, frame.absPath),
        ...(name ? { function: name } : {}),
      };
      delete next.contextLine;
      delete next.preContext;
      delete next.postContext;
      if (lines) Object.assign(next, contextAround(lines, position.line));
      else this.report({ type: 'js_missing_sources_content', file: source, detail: 'The source map has no sourcesContent for this file and it was not uploaded' });
      return next;
    });
    exception.rawFrames = raw;
    this.changed = true;
  }

  private async mapFrame(frame: StackFrame) {
    const file = frame.absPath ?? frame.filename;
    if (!file || frame.lineno === undefined || frame.colno === undefined) return null;
    if (file.startsWith('node:') || file.startsWith('internal/') || file === '<anonymous>') return null;
    let resolution = this.resolutions.get(file);
    if (!resolution) {
      resolution = this.resolve(file);
      this.resolutions.set(file, resolution);
    }
    const resolved = await resolution;
    if (!resolved) return null;
    if ('error' in resolved) {
      this.report(resolved.error);
      return null;
    }
    const original = originalPositionFor(resolved.map.map, { line: frame.lineno, column: Math.max(0, frame.colno - 1) });
    if (original.source === null || original.line === null) {
      this.report({ type: 'js_invalid_sourcemap_location', file, detail: `Line ${frame.lineno}, column ${frame.colno} is not in the source map ${resolved.mapUrl}` });
      return null;
    }
    const source = resolved.map.sourceIndex.get(original.source) ?? 0;
    return { map: resolved.map, source, line: original.line, column: original.column ?? 0, name: original.name };
  }

  private async resolve(file: string): Promise<Resolution> {
    try {
      const debugId = this.debugIds.get(file);
      if (debugId) {
        const map = await artifactByDebugId(this.deps.db, this.scope, debugId, 'source_map');
        if (map) return await this.load(map, map.url);
      }
      const { release } = this.event;
      const releaseArtifacts = release ? await this.hasReleaseArtifacts(release) : false;
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
      const reference = minified.headers.sourcemap ?? minified.headers['x-sourcemap'] ?? sourceMappingUrl(await this.read(minified));
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

  private hasReleaseArtifacts(release: string): Promise<boolean> {
    this.releaseArtifacts ??= releaseHasArtifacts(this.deps.db, this.scope, release);
    return this.releaseArtifacts;
  }

  private async read(artifact: ArtifactRef): Promise<Buffer> {
    const data = await this.deps.storage.get(artifactKey(artifact.checksum));
    if (!data) throw new StorageUnavailableError('get', artifactKey(artifact.checksum), new Error('the artifact is indexed but its bytes are gone'));
    return data;
  }

  private async load(artifact: ArtifactRef, mapUrl: string): Promise<Resolution> {
    const cached = this.cache.get(artifact.checksum);
    if (cached) return { map: cached, mapUrl };
    const parsed = await this.parse((await this.read(artifact)).toString('utf8'), mapUrl);
    if ('error' in parsed) return parsed;
    this.cache.set(artifact.checksum, parsed.map);
    return parsed;
  }

  private async loadInline(reference: string, minified: ArtifactRef): Promise<Resolution> {
    const comma = reference.indexOf(',');
    const body = reference.slice(comma + 1);
    const json = reference.slice(0, comma).endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
    return this.parse(json, minified.url);
  }

  private async parse(json: string, mapUrl: string): Promise<{ map: ParsedSourceMap; mapUrl: string } | { error: SourceProcessingError }> {
    let map: TraceMap;
    try {
      map = new TraceMap(json);
      // Decoding is lazy: make a broken `mappings` fail here, not in the middle of a frame.
      originalPositionFor(map, { line: 1, column: 0 });
    } catch (error) {
      return { error: { type: 'js_invalid_source', file: mapUrl, detail: `The source map cannot be read: ${error instanceof Error ? error.message : String(error)}` } };
    }
    const sources = map.sources.map((source) => resolveArtifactUrl(mapUrl, `${map.sourceRoot ?? ''}${source ?? ''}`));
    const contentLines: (string[] | null)[] = [];
    for (let i = 0; i < sources.length; i++) {
      const content = map.sourcesContent?.[i];
      contentLines.push(typeof content === 'string' ? content.split(/\r?\n/) : await this.uploadedSourceLines(sources[i]!));
    }
    const sourceIndex = new Map(map.resolvedSources.map((source, index) => [source, index] as const));
    return { map: { map, sources, sourceIndex, contentLines, bytes: json.length }, mapUrl };
  }

  /** An original source uploaded as its own file (`type: source` in a bundle, or a release file). */
  private async uploadedSourceLines(url: string): Promise<string[] | null> {
    if (!this.event.release) return null;
    const file = await artifactByUrl(this.deps.db, this.scope, this.event.release, this.event.dist ?? '', [url, ...artifactUrlCandidates(url)]);
    return file ? (await this.read(file)).toString('utf8').split(/\r?\n/) : null;
  }

  private report(error: SourceProcessingError): void {
    if (!this.errors.some((e) => e.type === error.type && e.file === error.file)) this.errors.push(error);
  }
}

/** The last `//# sourceMappingURL=` of a minified file. */
function sourceMappingUrl(data: Buffer): string | undefined {
  const tail = data.subarray(Math.max(0, data.length - 64 * 1024)).toString('utf8');
  const matches = [...tail.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)/g)];
  return matches.at(-1)?.[1];
}

function contextAround(lines: string[], line: number): Pick<StackFrame, 'contextLine' | 'preContext' | 'postContext'> {
  const cut = (text: string) => (text.length > MAX_CONTEXT_LINE ? `${text.slice(0, MAX_CONTEXT_LINE)} {snip}` : text);
  const index = line - 1;
  return {
    contextLine: cut(lines[index] ?? ''),
    preContext: lines.slice(Math.max(0, index - CONTEXT_LINES), index).map(cut),
    postContext: lines.slice(index + 1, index + 1 + CONTEXT_LINES).map(cut),
  };
}

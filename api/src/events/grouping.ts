/**
 * Decides which issue an event belongs to. Modeled on Sentry's grouping: the SDK fingerprint wins,
 * else the stack trace of the exception chain (in-app frames only when there are any), else the
 * exception type and value, else the message, else nothing but the platform. Everything volatile
 * (line numbers, ids, checkout paths, bundle hashes) is normalized away before hashing.
 */
import { createHash } from 'node:crypto';
import type { ExceptionValue, NormalizedEvent, StackFrame } from './event.types.js';
import { normalizeFilename, normalizeFunctionName, normalizeModule, parameterizeMessage } from './grouping-normalize.js';

/** Stored next to every hash: changing any rule below needs a new value so old groups can be migrated. */
export const GROUPING_CONFIG = 'vigil:2026-11';

export type GroupingVariant = 'fingerprint' | 'app-stacktrace' | 'system-stacktrace' | 'exception' | 'message' | 'fallback';

export interface GroupingResult {
  /** Most specific first; a fingerprinted event also reports its default hash, for later merging. */
  hashes: string[];
  /** hashes[0]. */
  primary: string;
  variant: GroupingVariant;
  /** The human-readable inputs of the primary hash ("why was this grouped"). */
  components: string[];
}

interface DefaultGrouping {
  variant: Exclude<GroupingVariant, 'fingerprint'>;
  components: string[];
}

export function computeGrouping(event: NormalizedEvent): GroupingResult {
  const byDefault = defaultGrouping(event);
  const defaultHash = hashComponents(byDefault.components);
  if (event.fingerprint && event.fingerprint.length > 0) {
    const components = fingerprintComponents(event, event.fingerprint, byDefault.components);
    const hash = hashComponents(components);
    // `['{{ default }}']` alone is the default grouping, not a fingerprint.
    if (hash !== defaultHash) return { hashes: [hash, defaultHash], primary: hash, variant: 'fingerprint', components };
  }
  return { hashes: [defaultHash], primary: defaultHash, variant: byDefault.variant, components: byDefault.components };
}

/** JSON keeps component boundaries unambiguous (messages and fingerprint values may contain newlines). */
function hashComponents(components: string[]): string {
  return createHash('md5').update(JSON.stringify(components)).digest('hex');
}

function isSynthetic(exception: ExceptionValue): boolean {
  return exception.mechanism?.synthetic === true;
}

function defaultGrouping(event: NormalizedEvent): DefaultGrouping {
  // A synthetic exception (v11 captureMessage, captureException of a non-Error) only carries the
  // stack of wherever capture was called: grouping by it would split one message into many issues.
  const exceptions = event.exceptions.filter((exception) => !isSynthetic(exception));
  const byStacktrace = stacktraceGrouping(exceptions);
  if (byStacktrace) return byStacktrace;

  const exceptionComponents = exceptions.flatMap((exception) => typeAndValueComponents(exception));
  if (exceptionComponents.length > 0) return { variant: 'exception', components: exceptionComponents };

  const message = groupingMessage(event);
  if (message) return { variant: 'message', components: [`message:${parameterizeMessage(message)}`] };

  return { variant: 'fallback', components: [`platform:${event.platform}`, '<no data>'] };
}

function stacktraceGrouping(exceptions: ExceptionValue[]): DefaultGrouping | undefined {
  if (!exceptions.some((exception) => exception.frames.length > 0)) return undefined;
  // System frames vary with dependency versions and runtimes; they only count when there is nothing else.
  const inAppOnly = exceptions.some((exception) => exception.frames.some((frame) => frame.inApp));
  const components: string[] = [];
  let frameCount = 0;
  for (const exception of exceptions) {
    const frames = frameComponents(exception.frames, inAppOnly);
    if (frames.length === 0) {
      // Like Sentry: an exception whose stack contributes nothing is identified by its value instead.
      components.push(...typeAndValueComponents(exception));
      continue;
    }
    frameCount += frames.length;
    if (exception.type) components.push(`type:${exception.type}`);
    components.push(...frames);
  }
  if (frameCount === 0) return undefined;
  return { variant: inAppOnly ? 'app-stacktrace' : 'system-stacktrace', components };
}

function frameComponents(frames: StackFrame[], inAppOnly: boolean): string[] {
  const components: string[] = [];
  for (const frame of frames) {
    if (inAppOnly && !frame.inApp) continue;
    const component = frameComponent(frame);
    // Consecutive identical frames are recursion: its depth must not split groups.
    if (component !== undefined && component !== components[components.length - 1]) components.push(component);
  }
  return components;
}

/** Filenames browsers and V8 report for code that has no file. */
const PLACEHOLDER_FILENAMES = new Set(['<anonymous>', 'native', '[native code]', '<unknown>']);
const MAX_CONTEXT_LINE = 120;

/** Location and function, never line or column: those move with every unrelated edit. */
function frameComponent(frame: StackFrame): string | undefined {
  const location = frameLocation(frame);
  const functionName = frame.function ? normalizeFunctionName(frame.function) : '';
  if (functionName) return `frame:${location || '?'} in ${functionName}`;
  // Without a function name the source line is the next best identity (minified lines are too long to help).
  const contextLine = frame.contextLine?.trim().replace(/\s+/g, ' ');
  if (contextLine && contextLine.length <= MAX_CONTEXT_LINE) return `frame:${location || '?'} at ${contextLine}`;
  return location ? `frame:${location}` : undefined;
}

function frameLocation(frame: StackFrame): string {
  // The module is app-relative already (the Node SDK computes it), so it beats any path heuristic.
  if (frame.module) return normalizeModule(frame.module);
  const filename = frame.filename ?? frame.absPath;
  if (filename && !PLACEHOLDER_FILENAMES.has(filename)) return normalizeFilename(filename);
  if (frame.package) return normalizeFilename(frame.package).split('/').pop() ?? '';
  return '';
}

function typeAndValueComponents(exception: ExceptionValue): string[] {
  const components: string[] = [];
  if (exception.type) components.push(`type:${exception.type}`);
  if (exception.value) components.push(`value:${parameterizeMessage(exception.value)}`);
  return components;
}

/** The template before parameters, so "Order %s failed" groups across orders. */
function groupingMessage(event: NormalizedEvent): string | undefined {
  const syntheticValue = event.exceptions.findLast(isSynthetic)?.value;
  for (const candidate of [event.logentry?.message, event.message, event.logentry?.formatted, syntheticValue]) {
    if (candidate?.trim()) return candidate;
  }
  return undefined;
}

const FINGERPRINT_VARIABLE = /^\{\{\s*([\w.-]+)\s*\}\}$/;

function fingerprintComponents(event: NormalizedEvent, fingerprint: string[], defaultComponents: string[]): string[] {
  const components: string[] = [];
  for (const entry of fingerprint) {
    const variable = FINGERPRINT_VARIABLE.exec(entry)?.[1];
    if (variable?.toLowerCase() === 'default') components.push(...defaultComponents);
    else components.push(`fingerprint:${(variable && resolveVariable(event, variable)) ?? entry}`);
  }
  return components;
}

/** Sentry's fingerprint variables; undefined for unknown ones, which then stay literal. */
function resolveVariable(event: NormalizedEvent, variable: string): string | undefined {
  const exception = mainException(event);
  const frame = exception && crashingFrame(exception);
  switch (variable.toLowerCase()) {
    case 'transaction':
      return event.transaction || '<no-transaction>';
    case 'type':
    case 'error.type':
      return exception?.type || '<no-type>';
    case 'error.value':
      return exception?.value || '<no-value>';
    case 'function':
    case 'stack.function':
      return (frame?.function && normalizeFunctionName(frame.function)) || '<no-function>';
    case 'module':
    case 'stack.module':
      return (frame?.module && normalizeModule(frame.module)) || '<no-module>';
    case 'package':
    case 'stack.package':
      return frame?.package || '<no-package>';
    case 'level':
      return event.level;
    case 'logger':
      return event.logger || '<no-logger>';
    case 'message':
      return event.message || event.logentry?.formatted || event.logentry?.message || exception?.value || '<no-message>';
  }
  if (variable.toLowerCase().startsWith('tags.')) {
    const key = variable.slice('tags.'.length);
    return event.tags.find(([name]) => name === key)?.[1] ?? `<no-value-for-tag-${key}>`;
  }
  return undefined;
}

/** The outermost real exception: the last one in Sentry's order. */
function mainException(event: NormalizedEvent): ExceptionValue | undefined {
  return event.exceptions.findLast((exception) => !isSynthetic(exception)) ?? event.exceptions.at(-1);
}

/** Frames are oldest → newest, so the crash site is the last in-app frame (else the last frame). */
function crashingFrame(exception: ExceptionValue): StackFrame | undefined {
  return exception.frames.findLast((frame) => frame.inApp) ?? exception.frames.at(-1);
}

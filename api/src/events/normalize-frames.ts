/**
 * Stack frames: Sentry's snake_case frame keys to StackFrame, the in_app default, and trimming of
 * very deep stacks (recursion) the way Sentry does it.
 */
import type { StackFrame } from './event.types.js';
import { addError, coerceString, isRecord, readInteger, readStringArray, type ErrorSink } from './normalize-values.js';

/** Sentry keeps at most this many frames per stack: the outermost and innermost halves. */
export const MAX_FRAMES = 250;

/**
 * Frames of a `stacktrace` object (`{frames: [...]}`), oldest → newest as SDKs send them. Frames that
 * are not objects are dropped; stacks over MAX_FRAMES lose their middle.
 */
export function normalizeStacktrace(raw: unknown, name: string, errors: ErrorSink): StackFrame[] {
  if (raw === undefined || raw === null) return [];
  const rawFrames = isRecord(raw) ? raw.frames : undefined;
  if (!Array.isArray(rawFrames)) {
    addError(errors, 'invalid_data', name, raw);
    return [];
  }
  const frames: StackFrame[] = [];
  for (const rawFrame of rawFrames) {
    if (isRecord(rawFrame)) frames.push(normalizeFrame(rawFrame));
    else addError(errors, 'invalid_data', `${name}.frames`, rawFrame);
  }
  return trimFrames(frames, `${name}.frames`, errors);
}

/** Keeps the first and last MAX_FRAMES / 2 frames: both the entry point and the crash site survive. */
export function trimFrames(frames: StackFrame[], name: string, errors: ErrorSink): StackFrame[] {
  if (frames.length <= MAX_FRAMES) return frames;
  addError(errors, 'value_too_long', name, `${frames.length} frames, kept ${MAX_FRAMES}`);
  const half = MAX_FRAMES / 2;
  return [...frames.slice(0, half), ...frames.slice(frames.length - half)];
}

function normalizeFrame(raw: Record<string, unknown>): StackFrame {
  const absPath = optionalText(raw.abs_path);
  const frame: StackFrame = {
    filename: optionalText(raw.filename) ?? filenameFromAbsPath(absPath),
    absPath,
    module: optionalText(raw.module),
    function: optionalText(raw.function),
    lineno: readInteger(raw.lineno),
    colno: readInteger(raw.colno),
    inApp: false,
    contextLine: coerceString(raw.context_line),
    preContext: readStringArray(raw.pre_context),
    postContext: readStringArray(raw.post_context),
    vars: isRecord(raw.vars) ? raw.vars : undefined,
    package: optionalText(raw.package),
    platform: optionalText(raw.platform),
    instructionAddr: readAddress(raw.instruction_addr),
    symbolAddr: readAddress(raw.symbol_addr),
    imageAddr: readAddress(raw.image_addr),
    addrMode: optionalText(raw.addr_mode),
    symbol: optionalText(raw.symbol),
    trust: optionalText(raw.trust),
  };
  frame.inApp = typeof raw.in_app === 'boolean' ? raw.in_app : defaultInApp(frame);
  return dropUndefined(frame);
}

/**
 * The SDK did not say: library code (node_modules), Node's own modules (`node:`/`internal/`) and
 * engine-native frames are not the application's; everything else is.
 */
export function defaultInApp(frame: Pick<StackFrame, 'filename' | 'absPath'>): boolean {
  for (const path of [frame.absPath, frame.filename]) {
    if (path === undefined) continue;
    if (/[\\/]node_modules[\\/]/.test(path) || path.startsWith('node_modules/')) return false;
    if (path.startsWith('node:') || path.startsWith('internal/')) return false;
    if (path === 'native' || path === '[native code]' || path === '<native>') return false;
  }
  return true;
}

/** Like Relay: a frame with only `abs_path` gets a filename, the URL's path for URLs. */
function filenameFromAbsPath(absPath: string | undefined): string | undefined {
  if (absPath === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(absPath)) return absPath;
  try {
    const { pathname } = new URL(absPath);
    return pathname && pathname !== '/' ? pathname : absPath;
  } catch {
    return absPath;
  }
}

function optionalText(raw: unknown): string | undefined {
  const text = coerceString(raw);
  return text === undefined || text === '' ? undefined : text;
}

/** Addresses are hex strings in the protocol; a numeric one is turned into that form. */
function readAddress(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return `0x${raw.toString(16)}`;
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

/**
 * Absent fields stay absent, so stored events and test expectations stay compact. A copy, not
 * `delete`: deleting properties turns every frame and breadcrumb into a slow dictionary object.
 */
export function dropUndefined<T extends object>(value: T): T {
  const defined: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] !== undefined) defined[key] = value[key];
  }
  return defined as T;
}

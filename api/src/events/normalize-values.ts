/**
 * Small, pure building blocks for event normalization: type guards, string coercion, truncation,
 * size bounding and timestamp parsing. Everything that drops or fixes data reports into an ErrorSink.
 */
import type { ProcessingError } from './event.types.js';

/** Collects what normalization had to drop or fix; becomes `NormalizedEvent.errors`. */
export type ErrorSink = ProcessingError[];

/** Sentry's limit for strings inside free-form bags (extra, contexts, breadcrumb data). */
export const MAX_BAG_STRING_LENGTH = 16 * 1024;
/** Past this depth a bag value is dropped: JSON can nest deeper than we care to walk. */
const MAX_BAG_DEPTH = 16;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first `end` UTF-16 units, one fewer when the cut would split a surrogate pair (PostgreSQL's jsonb refuses half of one). */
export function sliceText(value: string, end: number): string {
  const code = value.charCodeAt(end - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/** Truncates to at most `max` characters, marking the cut with "..." like Sentry's trimming. */
export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${sliceText(value, Math.max(0, max - 3))}...`;
}

/** Keeps error values short: they are for humans debugging a payload, not a second copy of it. */
export function errorValue(value: unknown): unknown {
  if (typeof value === 'string') return truncate(value, 200);
  if (value === null || typeof value !== 'object') return value;
  return truncate(JSON.stringify(value) ?? '', 200);
}

export function addError(errors: ErrorSink, type: string, name: string, value?: unknown): void {
  errors.push(value === undefined ? { type, name } : { type, name, value: errorValue(value) });
}

/** Strings pass; finite numbers and booleans are stringified (SDKs send numeric ids and releases). */
export function coerceString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * A top-level scalar attribute (release, server_name, …): trimmed, empty means absent, too long is
 * truncated, anything that is not string-like is dropped. Each fix is recorded under `name`.
 */
export function readString(raw: unknown, name: string, errors: ErrorSink, maxLength = 200): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = coerceString(raw);
  if (text === undefined) {
    addError(errors, 'invalid_data', name, raw);
    return undefined;
  }
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.length > maxLength) {
    addError(errors, 'value_too_long', name, trimmed);
    return truncate(trimmed, maxLength);
  }
  return trimmed;
}

/** A string array (frame context lines, fingerprints): numbers are stringified, other items dropped. */
export function readStringArray(raw: unknown): string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const items: string[] = [];
  for (const item of raw) {
    const text = coerceString(item);
    if (text !== undefined) items.push(text);
  }
  return items;
}

/** A non-negative integer (line and column numbers); numeric strings are accepted. */
export function readInteger(raw: unknown): number | undefined {
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A user-supplied object is copied with bounded strings; anything else is dropped and recorded. */
export function readBag(raw: unknown, name: string, errors: ErrorSink): Record<string, unknown> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    addError(errors, 'invalid_data', name, raw);
    return undefined;
  }
  const report = { trimmed: false, tooDeep: false };
  const bounded = boundValue(raw, 0, report);
  if (report.trimmed) addError(errors, 'value_too_long', name);
  if (report.tooDeep) addError(errors, 'invalid_data', name, 'nested too deep');
  return isRecord(bounded) ? bounded : {};
}

/** Like readBag, for a value of any JSON type (request.data). */
export function readBoundedValue(raw: unknown, name: string, errors: ErrorSink): unknown {
  const report = { trimmed: false, tooDeep: false };
  const bounded = boundValue(raw, 0, report);
  if (report.trimmed) addError(errors, 'value_too_long', name);
  if (report.tooDeep) addError(errors, 'invalid_data', name, 'nested too deep');
  return bounded;
}

function boundValue(value: unknown, depth: number, report: { trimmed: boolean; tooDeep: boolean }): unknown {
  if (typeof value === 'string') {
    if (value.length <= MAX_BAG_STRING_LENGTH) return value;
    report.trimmed = true;
    return truncate(value, MAX_BAG_STRING_LENGTH);
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_BAG_DEPTH) {
    report.tooDeep = true;
    return null;
  }
  if (Array.isArray(value)) return value.map((item) => boundValue(item, depth + 1, report));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = boundValue(item, depth + 1, report);
  return copy;
}

// RFC 3339 (a space instead of "T" and a missing offset are tolerated, as Relay does).
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * Epoch seconds from a float, a numeric string or an RFC 3339 string. A missing offset means UTC
 * (Date.parse would read it as local time). Returns undefined when the value is unusable.
 */
export function parseTimestamp(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, date, time, fraction, offset] = match;
  const rawOffset = offset === undefined || offset.toUpperCase() === 'Z' ? 'Z' : offset;
  const normalizedOffset = rawOffset.length === 5 ? `${rawOffset.slice(0, 3)}:${rawOffset.slice(3)}` : rawOffset;
  // Whole seconds through Date.parse, the fraction added separately to keep microseconds.
  const millis = Date.parse(`${date}T${time}${normalizedOffset}`);
  if (Number.isNaN(millis)) return undefined;
  return millis / 1000 + (fraction ? Number(`0${fraction}`) : 0);
}

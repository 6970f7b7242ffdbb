/**
 * The smaller event interfaces: level, breadcrumbs, contexts, sdk, fingerprint, modules, debug_meta.
 */
import type { Breadcrumb, Level, NormalizedEvent, SdkInfo } from './event.types.js';
import { dropUndefined } from './normalize-frames.js';
import {
  addError,
  coerceString,
  isRecord,
  parseTimestamp,
  readBag,
  readStringArray,
  type ErrorSink,
} from './normalize-values.js';

/** SDKs keep 100 breadcrumbs; so do we, the newest ones, which lead up to the event. */
export const MAX_BREADCRUMBS = 100;

const LEVEL_ALIASES: Record<string, Level> = {
  fatal: 'fatal',
  critical: 'fatal',
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  log: 'info',
  debug: 'debug',
};

/** A level name (any case, with Sentry's aliases) or a Python logging number; undefined if unknown. */
export function parseLevel(raw: unknown): Level | undefined {
  if (typeof raw === 'number') {
    if (raw >= 50) return 'fatal';
    if (raw >= 40) return 'error';
    if (raw >= 30) return 'warning';
    if (raw >= 20) return 'info';
    return raw >= 0 ? 'debug' : undefined;
  }
  return typeof raw === 'string' ? LEVEL_ALIASES[raw.trim().toLowerCase()] : undefined;
}

/** An array or `{values: [...]}`; at most MAX_BREADCRUMBS, keeping the newest. */
export function normalizeBreadcrumbs(raw: unknown, errors: ErrorSink): Breadcrumb[] {
  if (raw === undefined || raw === null) return [];
  const rawValues = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.values) ? raw.values : undefined;
  if (rawValues === undefined) {
    addError(errors, 'invalid_data', 'breadcrumbs', raw);
    return [];
  }
  const breadcrumbs: Breadcrumb[] = [];
  rawValues.forEach((rawCrumb, index) => {
    const name = `breadcrumbs.values.${index}`;
    if (!isRecord(rawCrumb)) {
      addError(errors, 'invalid_data', name, rawCrumb);
      return;
    }
    const timestamp = rawCrumb.timestamp === undefined ? undefined : parseTimestamp(rawCrumb.timestamp);
    if (rawCrumb.timestamp !== undefined && timestamp === undefined) {
      addError(errors, 'invalid_data', `${name}.timestamp`, rawCrumb.timestamp);
    }
    const rawMessage = rawCrumb.message;
    breadcrumbs.push(
      dropUndefined<Breadcrumb>({
        timestamp,
        type: coerceString(rawCrumb.type) || undefined,
        category: coerceString(rawCrumb.category) || undefined,
        message: isRecord(rawMessage) || Array.isArray(rawMessage) ? JSON.stringify(rawMessage) : coerceString(rawMessage),
        level: parseLevel(rawCrumb.level),
        data: readBag(rawCrumb.data, `${name}.data`, errors),
      }),
    );
  });
  if (breadcrumbs.length <= MAX_BREADCRUMBS) return breadcrumbs;
  addError(errors, 'value_too_long', 'breadcrumbs', `${breadcrumbs.length} breadcrumbs, kept ${MAX_BREADCRUMBS}`);
  return breadcrumbs.slice(-MAX_BREADCRUMBS);
}

/** Every context is an object (trace, runtime, os, …); anything else is dropped. */
export function normalizeContexts(raw: unknown, errors: ErrorSink): NormalizedEvent['contexts'] {
  const contexts: NormalizedEvent['contexts'] = {};
  if (raw === undefined || raw === null) return contexts;
  if (!isRecord(raw)) {
    addError(errors, 'invalid_data', 'contexts', raw);
    return contexts;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const context = readBag(value, `contexts.${key}`, errors);
    if (context) contexts[key] = context;
  }
  return contexts;
}

/** `name` and `version` are required by the protocol: without them the SDK info says nothing. */
export function normalizeSdk(raw: unknown, errors: ErrorSink): SdkInfo | undefined {
  if (raw === undefined || raw === null) return undefined;
  const name = isRecord(raw) ? coerceString(raw.name)?.trim() : undefined;
  const version = isRecord(raw) ? coerceString(raw.version)?.trim() : undefined;
  if (!isRecord(raw) || !name || !version) {
    addError(errors, 'invalid_data', 'sdk', raw);
    return undefined;
  }
  const packages = Array.isArray(raw.packages)
    ? raw.packages.flatMap((item) => {
        const packageName = isRecord(item) ? coerceString(item.name) : undefined;
        const packageVersion = isRecord(item) ? coerceString(item.version) : undefined;
        return packageName && packageVersion ? [{ name: packageName, version: packageVersion }] : [];
      })
    : undefined;
  return dropUndefined<SdkInfo>({ name, version, integrations: readStringArray(raw.integrations), packages });
}

/** An array of strings (numbers are stringified, as Relay does); empty means "not sent". */
export function normalizeFingerprint(raw: unknown, errors: ErrorSink): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parts = Array.isArray(raw) ? raw.map(coerceString) : undefined;
  if (parts === undefined || parts.some((part) => part === undefined)) {
    addError(errors, 'invalid_data', 'fingerprint', raw);
    return undefined;
  }
  const fingerprint = parts.filter((part): part is string => part !== undefined);
  return fingerprint.length > 0 ? fingerprint : undefined;
}

/** Package name → version. Non-string versions are stringified or dropped. */
export function normalizeModules(raw: unknown, errors: ErrorSink): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    addError(errors, 'invalid_data', 'modules', raw);
    return undefined;
  }
  const modules: Record<string, string> = {};
  for (const [name, version] of Object.entries(raw)) {
    const text = coerceString(version);
    if (text !== undefined) modules[name] = text;
    else addError(errors, 'invalid_data', `modules.${name}`, version);
  }
  return Object.keys(modules).length > 0 ? modules : undefined;
}

/** Debug images (sourcemap debug IDs, native modules): objects kept as sent, for symbolication. */
export function normalizeDebugMeta(raw: unknown, errors: ErrorSink): NormalizedEvent['debugMeta'] {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw) || (raw.images !== undefined && raw.images !== null && !Array.isArray(raw.images))) {
    addError(errors, 'invalid_data', 'debug_meta', raw);
    return undefined;
  }
  const images = (Array.isArray(raw.images) ? raw.images : []).filter(isRecord);
  // Apple SDKs name the OS build there: system symbols are looked up by it.
  const sdkInfo = isRecord(raw.sdk_info) ? raw.sdk_info : undefined;
  if (images.length === 0) return undefined;
  return sdkInfo ? { images, sdkInfo } : { images };
}

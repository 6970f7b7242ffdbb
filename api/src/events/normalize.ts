/**
 * Turns a raw Sentry event payload, as any Sentry SDK or sentry-cli sends it, into a NormalizedEvent.
 * Like Relay, it repairs what it can (recording each fix in `errors`) and rejects only payloads that
 * are not events at all.
 */
import { randomUUID } from 'node:crypto';
import type { Level, NormalizedEvent } from './event.types.js';
import { attachTopLevelStacktrace, normalizeExceptions } from './normalize-exceptions.js';
import { dropUndefined } from './normalize-frames.js';
import {
  normalizeBreadcrumbs,
  normalizeContexts,
  normalizeDebugMeta,
  normalizeFingerprint,
  normalizeModules,
  normalizeSdk,
  parseLevel,
} from './normalize-interfaces.js';
import { normalizeMessage } from './normalize-message.js';
import { normalizeRequest, normalizeUser, userAgentOf } from './normalize-request.js';
import { summarizeEvent } from './normalize-summary.js';
import { normalizeTags, withDerivedTags } from './normalize-tags.js';
import { addError, coerceString, isRecord, parseTimestamp, readBag, readString, type ErrorSink } from './normalize-values.js';
import { addUserAgentContexts } from './user-agent.js';
import { parseEventId } from './event-id.js';

/** The payload is not an event (not a JSON object): the caller should reject it. */
export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

export interface NormalizeContext {
  /** When Vigil accepted the event: the fallback and reference for the event's own timestamp. */
  receivedAt: Date;
  /** The sender's address, which `{{auto}}` user IPs resolve to. */
  clientIp?: string;
  /** The ingest request's User-Agent: for browser SDKs it is the end user's browser. */
  userAgent?: string;
}

/** Relay's defaults: clocks may run a minute fast; events older than 30 days are re-dated. */
const MAX_SECONDS_IN_FUTURE = 60;
const MAX_SECONDS_IN_PAST = 30 * 24 * 3600;
/** Platforms whose ingest request comes from the end user's browser. */
const BROWSER_PLATFORMS = new Set(['javascript']);

export function normalizeEvent(raw: unknown, context: NormalizeContext): NormalizedEvent {
  if (!isRecord(raw)) throw new InvalidEventError('An event payload must be a JSON object');
  const receivedAt = context.receivedAt.getTime() / 1000;
  if (!Number.isFinite(receivedAt)) throw new InvalidEventError('receivedAt is not a valid date');
  const errors: ErrorSink = [];

  const platform = normalizePlatform(raw.platform, errors);
  const { message, logentry } = normalizeMessage(raw.logentry, raw.message, errors);
  const exceptions = attachTopLevelStacktrace(normalizeExceptions(raw.exception, errors), raw.stacktrace, message, errors);
  const request = normalizeRequest(raw.request, errors);
  const contexts = normalizeContexts(raw.contexts, errors);
  const userAgent = userAgentOf(request) ?? (BROWSER_PLATFORMS.has(platform) ? context.userAgent : undefined);
  if (userAgent !== undefined) addUserAgentContexts(contexts, userAgent, platform);
  const remoteAddr = coerceString(request?.env?.REMOTE_ADDR);

  const event = {
    eventId: normalizeEventId(raw.event_id, errors),
    timestamp: normalizeTimestamp(raw.timestamp, receivedAt, errors),
    receivedAt,
    platform,
    level: normalizeLevel(raw.level, errors),
    logger: readString(raw.logger, 'logger', errors, 64),
    transaction: readString(raw.transaction, 'transaction', errors, 200),
    serverName: readString(raw.server_name, 'server_name', errors, 200),
    release: normalizeRelease(raw.release, errors),
    dist: readNameLike(raw.dist, 'dist', 64, errors),
    environment: readNameLike(raw.environment, 'environment', 64, errors) ?? 'production',
    message,
    logentry,
    exceptions,
    breadcrumbs: normalizeBreadcrumbs(raw.breadcrumbs, errors),
    contexts,
    user: normalizeUser(raw.user, { platform, clientIp: context.clientIp, remoteAddr }, errors),
    request,
    sdk: normalizeSdk(raw.sdk, errors),
    fingerprint: normalizeFingerprint(raw.fingerprint, errors),
    extra: readBag(raw.extra, 'extra', errors) ?? {},
    modules: normalizeModules(raw.modules, errors),
    debugMeta: normalizeDebugMeta(raw.debug_meta, errors),
  };
  const tags = withDerivedTags(normalizeTags(raw.tags, errors), event);
  return dropUndefined<NormalizedEvent>({ ...event, tags, ...summarizeEvent(event), errors });
}

/** 32 lower-case hex characters; hyphenated UUIDs (sentry-cli) are accepted. Else a fresh id. */
function normalizeEventId(raw: unknown, errors: ErrorSink): string {
  const id = parseEventId(raw);
  if (id) return id;
  addError(errors, raw === undefined || raw === null ? 'missing_attribute' : 'invalid_data', 'event_id', raw ?? undefined);
  return randomUUID().replace(/-/g, '');
}

/** Missing means "now"; clocks far off are not trusted, the receive time is used instead. */
function normalizeTimestamp(raw: unknown, receivedAt: number, errors: ErrorSink): number {
  if (raw === undefined || raw === null) return receivedAt;
  const timestamp = parseTimestamp(raw);
  if (timestamp === undefined) {
    addError(errors, 'invalid_data', 'timestamp', raw);
    return receivedAt;
  }
  if (timestamp > receivedAt + MAX_SECONDS_IN_FUTURE) {
    addError(errors, 'future_timestamp', 'timestamp', raw);
    return receivedAt;
  }
  if (timestamp < receivedAt - MAX_SECONDS_IN_PAST) {
    addError(errors, 'past_timestamp', 'timestamp', raw);
    return receivedAt;
  }
  return timestamp;
}

/** Missing means error (Sentry's default); an unknown level too, recorded. */
function normalizeLevel(raw: unknown, errors: ErrorSink): Level {
  if (raw === undefined || raw === null) return 'error';
  const level = parseLevel(raw);
  if (level === undefined) addError(errors, 'invalid_data', 'level', raw);
  return level ?? 'error';
}

/** Platform names are short identifiers ("node", "javascript", "native"); anything else is "other". */
function normalizePlatform(raw: unknown, errors: ErrorSink): string {
  if (raw === undefined || raw === null) return 'other';
  const platform = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (/^[a-z][a-z0-9._-]{0,63}$/.test(platform)) return platform;
  addError(errors, 'invalid_data', 'platform', raw);
  return 'other';
}

/** Sentry refuses versions it cannot put in a URL or tell apart from keywords: dropped, recorded. */
function normalizeRelease(raw: unknown, errors: ErrorSink): string | undefined {
  const release = readNameLike(raw, 'release', 200, errors);
  if (release === undefined || !['.', '..', 'latest'].includes(release)) return release;
  addError(errors, 'invalid_data', 'release', raw);
  return undefined;
}

/** Environment, dist, release: one line, no "/", not over `max` (too long is refused, not cut). */
function readNameLike(raw: unknown, name: string, max: number, errors: ErrorSink): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const text = coerceString(raw)?.trim();
  if (text === '') return undefined;
  if (text === undefined || text.length > max || /[\r\n\t\f/\\]/.test(text)) {
    addError(errors, 'invalid_data', name, raw);
    return undefined;
  }
  return text;
}

/**
 * Server-side data scrubbing, run on the raw Sentry event JSON at ingestion, before anything is
 * stored. It follows Sentry's "Data Scrubber" defaults: values under sensitive-looking keys,
 * credit-card numbers and passwords inside URLs become "[Filtered]"; IP addresses are removed on
 * request. Structural fields (ids, timestamps, exception types, frame locations, sdk, fingerprint)
 * are never touched, because grouping and symbolication need them.
 *
 * One pass over the event; every regular expression is compiled once, at module load.
 */

import type { ScrubOptions } from '../projects/project-options.js';

export const FILTERED = '[Filtered]';

const DEFAULT_SENSITIVE_KEYS = [
  'password', 'passwd', 'secret', 'api_key', 'apikey', 'access_token', 'auth', 'credentials',
  'mysql_pwd', 'privatekey', 'private_key', 'token', 'session', 'set-cookie', 'cookie',
  'authorization', 'sentry_auth_token',
];

// Keys are compared without `-`, `_` and spaces, so `X-Api-Key` matches `api_key`.
const KEY_SEPARATORS = /[-_ ]/g;
const DEFAULT_SENSITIVE_KEY = new RegExp(
  [...new Set(DEFAULT_SENSITIVE_KEYS.map((key) => key.replace(KEY_SEPARATORS, '')))].join('|'),
);

/** Top-level fields the pipeline needs as sent; user data never lives there. */
const STRUCTURAL_TOP_LEVEL_KEYS = new Set([
  'event_id', 'timestamp', 'start_timestamp', 'received', 'level', 'platform', 'release', 'dist',
  'environment', 'sdk', 'fingerprint', 'type', 'logger', 'transaction', 'transaction_info',
  'server_name', 'modules', 'debug_meta', 'culprit', 'errors', 'version', '_meta',
  'measurements', 'breakdowns',
]);

const FRAME_DATA_KEYS = new Set(['vars', 'pre_context', 'context_line', 'post_context']);
const BREADCRUMB_DATA_KEYS = new Set(['message', 'data']);
const MESSAGE_DATA_KEYS = new Set(['message', 'formatted', 'params']);
const MECHANISM_DATA_KEYS = new Set(['data']);

/** `user` fields shown as they are: Sentry keeps them so that issues can be tied to users. */
const KEPT_USER_KEYS = new Set(['id', 'email', 'username', 'ip_address']);

/** Headers that carry the end user's address (matched lowercased). */
const CLIENT_IP_HEADERS = new Set([
  'x-forwarded-for', 'x-real-ip', 'forwarded', 'cf-connecting-ip', 'true-client-ip',
  'x-client-ip', 'x-cluster-client-ip', 'fastly-client-ip',
]);

// 13–19 digits, optionally separated by single spaces or dashes. The first digit is 2–6 (the
// Mastercard, Amex, Visa and Discover ranges), which keeps millisecond timestamps (1…) out.
const CARD_CANDIDATE = /(?<!\d)[2-6](?:[ -]?\d){12,18}(?!\d)/g;
const CARD_SEPARATOR = /[ -]/;
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)([^\s/?#@]+)@/gi;
const URL_KEY = /url$/i;
const WHITESPACE = /\s/;
const PLUS = /\+/g;
const MIN_CARD_DIGITS = 13;

type KeyKind = 'safe' | 'sensitive' | 'plain';

interface Scrubber {
  /** Default key list and value rules in force. */
  defaults: boolean;
  extraSensitive: string[];
  safe: Set<string>;
  count: number;
}

/** Returns a scrubbed copy of the event and how many values were replaced or removed. */
export function scrubEvent(raw: Record<string, unknown>, options: ScrubOptions): { event: Record<string, unknown>; scrubbed: number } {
  const s: Scrubber = {
    defaults: options.enabled && options.scrubDefaults,
    extraSensitive: options.sensitiveFields.map(normalizeKey).filter((key) => key !== ''),
    safe: new Set(options.safeFields.map(normalizeKey)),
    count: 0,
  };
  const event: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    setKey(event, key, options.enabled ? scrubTopLevel(s, key, value) : value);
  }
  if (options.scrubIpAddresses) removeIpAddresses(s, event);
  return { event, scrubbed: s.count };
}

function scrubTopLevel(s: Scrubber, key: string, value: unknown): unknown {
  switch (key) {
    case 'request': return scrubRequest(s, value);
    case 'user': return mapRecord(value, (k, v) => (KEPT_USER_KEYS.has(k) ? v : scrubEntry(s, k, v)));
    case 'exception': return mapValues(value, (item) => scrubException(s, item));
    case 'threads': return mapValues(value, (thread) => mapRecord(thread, (k, v) => (k === 'stacktrace' ? scrubStacktrace(s, v) : v)));
    case 'stacktrace': return scrubStacktrace(s, value);
    case 'breadcrumbs': return mapValues(value, (crumb) => scrubOnly(s, crumb, BREADCRUMB_DATA_KEYS));
    case 'tags': return scrubMapLike(s, value);
    case 'message':
    case 'logentry': return isRecord(value) ? scrubOnly(s, value, MESSAGE_DATA_KEYS) : scrubValue(s, value);
    default: return STRUCTURAL_TOP_LEVEL_KEYS.has(key) ? value : scrubEntry(s, key, value);
  }
}

function scrubRequest(s: Scrubber, request: unknown): unknown {
  return mapRecord(request, (key, value) => {
    switch (key) {
      case 'headers':
      case 'env': return scrubMapLike(s, value);
      case 'cookies': return scrubCookies(s, value);
      case 'query_string':
      case 'fragment': return typeof value === 'string' ? scrubPairsText(s, value, '&', false) : scrubMapLike(s, value);
      case 'data': return scrubBody(s, value);
      case 'url': return typeof value === 'string' ? scrubUrl(s, value) : value;
      case 'method':
      case 'inferred_content_type':
      case 'api_target': return value;
      default: return scrubEntry(s, key, value);
    }
  });
}

/** `type`, `module` and `mechanism.type` stay: they are grouping input. */
function scrubException(s: Scrubber, exception: unknown): unknown {
  return mapRecord(exception, (key, value) => {
    if (key === 'value') return scrubValue(s, value);
    if (key === 'stacktrace' || key === 'raw_stacktrace') return scrubStacktrace(s, value);
    return key === 'mechanism' ? scrubOnly(s, value, MECHANISM_DATA_KEYS) : value;
  });
}

/** Frame locations stay (symbolication input); local variables and source lines are user data. */
function scrubStacktrace(s: Scrubber, stacktrace: unknown): unknown {
  return mapRecord(stacktrace, (key, frames) =>
    key === 'frames' && Array.isArray(frames) ? frames.map((frame) => scrubOnly(s, frame, FRAME_DATA_KEYS)) : frames);
}

/** A copy of a protocol record in which only the listed keys hold user data. */
function scrubOnly(s: Scrubber, value: unknown, dataKeys: ReadonlySet<string>): unknown {
  return mapRecord(value, (key, item) => (dataKeys.has(key) ? scrubValue(s, item) : item));
}

/** Cookies are credentials as a whole: with the default rules every value goes, names stay. */
function scrubCookies(s: Scrubber, cookies: unknown): unknown {
  if (!s.defaults) return typeof cookies === 'string' ? scrubPairsText(s, cookies, ';', false) : scrubMapLike(s, cookies);
  if (typeof cookies === 'string') return scrubPairsText(s, cookies, ';', true);
  const cookieValue = (name: string, value: unknown): unknown => (keyKind(s, name) === 'safe' ? value : filtered(s, value));
  if (Array.isArray(cookies)) return cookies.map((item) => (isPair(item) ? [item[0], cookieValue(item[0], item[1])] : filtered(s, item)));
  return isRecord(cookies) ? mapRecord(cookies, cookieValue) : filtered(s, cookies);
}

/** `request.data`: an object, pairs, a JSON text or a form-encoded text. */
function scrubBody(s: Scrubber, body: unknown): unknown {
  if (typeof body !== 'string') return scrubMapLike(s, body);
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const before = s.count;
    try {
      const scrubbed = scrubValue(s, JSON.parse(body));
      return s.count === before ? body : JSON.stringify(scrubbed);
    } catch {
      // Not JSON after all: fall through to the text rules.
    }
  }
  return body.includes('=') && !WHITESPACE.test(body) ? scrubPairsText(s, body, '&', false) : scrubString(s, body);
}

/** Query and fragment are scrubbed as pairs: browser SDKs send `location.href`, OAuth tokens included. */
function scrubUrl(s: Scrubber, url: string): string {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const base = scrubString(s, queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt));
  if (base === FILTERED) return FILTERED;
  const query = queryAt < 0 ? '' : `?${scrubPairsText(s, beforeHash.slice(queryAt + 1), '&', false)}`;
  const fragment = hashAt < 0 ? '' : `#${scrubPairsText(s, url.slice(hashAt + 1), '&', false)}`;
  return base + query + fragment;
}

/** "a=b&password=x" or "a=b; session=x": filters values by key, keeping the text's layout. */
function scrubPairsText(s: Scrubber, text: string, separator: string, filterAll: boolean): string {
  return text.split(separator).map((part) => {
    const eq = part.indexOf('=');
    if (eq < 0) return scrubString(s, part);
    const value = part.slice(eq + 1);
    const kind = keyKind(s, decodeComponent(part.slice(0, eq).trim()));
    if (kind === 'safe' || value === '') return part;
    if (filterAll || kind === 'sensitive' || (s.defaults && containsCardNumber(decodeComponent(value)))) {
      s.count++;
      return `${part.slice(0, eq + 1)}${FILTERED}`;
    }
    return `${part.slice(0, eq + 1)}${scrubString(s, value)}`;
  }).join(separator);
}

/** Objects and Sentry's `[[key, value], …]` pair lists. */
function scrubMapLike(s: Scrubber, value: unknown): unknown {
  if (!Array.isArray(value)) return scrubValue(s, value);
  return value.map((item) => (isPair(item) ? [item[0], scrubEntry(s, item[0], item[1])] : scrubValue(s, item)));
}

function scrubEntry(s: Scrubber, key: string, value: unknown): unknown {
  const kind = keyKind(s, key);
  if (kind === 'safe') return value;
  if (kind === 'sensitive') return filtered(s, value);
  return scrubValue(s, value, URL_KEY.test(key));
}

function scrubValue(s: Scrubber, value: unknown, isUrl = false): unknown {
  if (typeof value === 'string') return isUrl ? scrubUrl(s, value) : scrubString(s, value);
  if (typeof value === 'number') return scrubNumber(s, value);
  if (Array.isArray(value)) return value.map((item) => scrubValue(s, item));
  if (isRecord(value)) return mapRecord(value, (key, item) => scrubEntry(s, key, item));
  return value;
}

function scrubString(s: Scrubber, text: string): string {
  if (!s.defaults) return text;
  if (containsCardNumber(text)) {
    s.count++;
    return FILTERED;
  }
  if (!text.includes('://') || !text.includes('@')) return text;
  return text.replace(URL_PASSWORD, (_match, prefix: string) => {
    s.count++;
    return `${prefix}${FILTERED}@`;
  });
}

function scrubNumber(s: Scrubber, value: number): unknown {
  if (!s.defaults || !Number.isSafeInteger(value) || value < 1e12) return value;
  return containsCardNumber(String(value)) ? filtered(s, value) : value;
}

function filtered(s: Scrubber, value: unknown): unknown {
  if (value === null || value === undefined || value === '' || value === FILTERED) return value;
  s.count++;
  return FILTERED;
}

function keyKind(s: Scrubber, key: string): KeyKind {
  const normalized = normalizeKey(key);
  if (s.safe.has(normalized)) return 'safe';
  if (s.defaults && DEFAULT_SENSITIVE_KEY.test(normalized)) return 'sensitive';
  for (const field of s.extraSensitive) if (normalized.includes(field)) return 'sensitive';
  return 'plain';
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(KEY_SEPARATORS, '');
}

export function containsCardNumber(text: string): boolean {
  if (!hasDigits(text, MIN_CARD_DIGITS)) return false;
  CARD_CANDIDATE.lastIndex = 0;
  for (let match = CARD_CANDIDATE.exec(text); match; match = CARD_CANDIDATE.exec(text)) {
    // A separated candidate may run into a following number ("… 1111 12"): try each group boundary.
    let digits = '';
    for (const group of match[0].split(CARD_SEPARATOR)) {
      digits += group;
      if (digits.length >= MIN_CARD_DIGITS && passesLuhn(digits)) return true;
    }
  }
  return false;
}

function hasDigits(text: string, wanted: number): boolean {
  if (text.length < wanted) return false;
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57 && ++found >= wanted) return true;
  }
  return false;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double && (digit *= 2) > 9) digit -= 9;
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

function removeIpAddresses(s: Scrubber, event: Record<string, unknown>): void {
  if (isRecord(event.user) && event.user.ip_address != null) {
    const { ip_address: _removed, ...user } = event.user;
    event.user = user;
    s.count++;
  }
  if (!isRecord(event.request)) return;
  const request = { ...event.request };
  if (request.headers !== undefined) request.headers = withoutKeys(s, request.headers, (name) => CLIENT_IP_HEADERS.has(name.toLowerCase()));
  if (request.env !== undefined) request.env = withoutKeys(s, request.env, (name) => name.toUpperCase() === 'REMOTE_ADDR');
  event.request = request;
}

/** A copy of an object or pair list without the matching keys (counted as scrubbed). */
function withoutKeys(s: Scrubber, value: unknown, drop: (key: string) => boolean): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => {
      const dropped = isPair(item) && drop(item[0]);
      if (dropped) s.count++;
      return !dropped;
    });
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (drop(key)) s.count++;
    else setKey(out, key, value[key]);
  }
  return out;
}

/** `{values: […]}` or a bare array, as the protocol allows both. */
function mapValues(container: unknown, map: (item: unknown) => unknown): unknown {
  if (Array.isArray(container)) return container.map(map);
  return mapRecord(container, (key, value) => (key === 'values' && Array.isArray(value) ? value.map(map) : value));
}

function mapRecord(value: unknown, map: (key: string, item: unknown) => unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setKey(out, key, map(key, value[key]));
  return out;
}

/** Raw JSON can carry an own "__proto__" key: define it rather than set the prototype. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key !== '__proto__') target[key] = value;
  else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(PLUS, ' '));
  } catch {
    return text;
  }
}

function isPair(value: unknown): value is [string, unknown] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sentry's inbound data filters, run on the raw event at ingestion: a filtered event is dropped
 * before it is stored or counted. Each filter is off unless the project turns it on.
 */
import {
  BROWSER_PATTERNS,
  EXTENSION_ERROR_MESSAGES,
  EXTENSION_SOURCE_FRAGMENTS,
  EXTENSION_SOURCE_PREFIXES,
  GENERIC_CRAWLER,
  LEGACY_BROWSER_MIN_VERSION,
  WEB_CRAWLER_ALLOWED,
  WEB_CRAWLER_FRAGMENTS,
} from './inbound-filter-lists.js';
import type { InboundFilterSettings } from '../projects/project-options.js';

export type FilterReason =
  | 'legacy-browsers'
  | 'browser-extensions'
  | 'web-crawlers'
  | 'localhost'
  | 'error-message'
  | 'release-version';

export interface InboundFilterContext {
  /** The ingest request's User-Agent: the browser's own for browser SDKs. */
  userAgent?: string;
  /** The address the envelope came from. */
  clientIp?: string;
}

/** Server SDKs and sentry-cli send their own transport UA ("sentry.javascript.node/11.12.0"). */
const SDK_TRANSPORT_USER_AGENT = /^sentry[\w.-]*\//i;
const LOOPBACK_IP = /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/i;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const FORMAT_PLACEHOLDER = /%[sdifoOj%]/g;

/** Returns why the event must be dropped, or null to keep it. Cheap checks run first. */
export function applyInboundFilters(
  raw: Record<string, unknown>,
  settings: InboundFilterSettings,
  context: InboundFilterContext,
): FilterReason | null {
  if (settings.releases.length > 0 && matchesRelease(raw, settings.releases)) return 'release-version';
  if (settings.errorMessages.length > 0 && matchesErrorMessage(raw, settings.errorMessages)) return 'error-message';
  if (settings.localhost && isFromLocalhost(raw, context)) return 'localhost';
  if (settings.browserExtensions && isFromBrowserExtension(raw)) return 'browser-extensions';
  if (!settings.legacyBrowsers && !settings.webCrawlers) return null;
  const userAgent = eventUserAgent(raw, context);
  if (userAgent === undefined) return null;
  if (settings.legacyBrowsers && isLegacyBrowser(userAgent)) return 'legacy-browsers';
  if (settings.webCrawlers && isWebCrawler(userAgent)) return 'web-crawlers';
  return null;
}

/** Sentry never filters events without a release. */
function matchesRelease(raw: Record<string, unknown>, patterns: string[]): boolean {
  const release = raw.release;
  return typeof release === 'string' && release !== '' && matchesAnyGlob(patterns, release);
}

/** Transactions are never matched, as in Sentry. */
function matchesErrorMessage(raw: Record<string, unknown>, patterns: string[]): boolean {
  if (raw.type === 'transaction') return false;
  return errorDescriptions(raw).some((text) => matchesAnyGlob(patterns, text));
}

/** What Sentry shows as the title: "Type: value" per exception, and the formatted message. */
function errorDescriptions(raw: Record<string, unknown>): string[] {
  const descriptions: string[] = [];
  for (const exception of exceptionValues(raw)) {
    const type = stringField(exception, 'type');
    const value = stringField(exception, 'value');
    if (type !== undefined && value !== undefined) descriptions.push(`${type}: ${value}`);
    else if (type !== undefined || value !== undefined) descriptions.push(type ?? value ?? '');
  }
  for (const message of [raw.logentry, raw.message]) {
    const formatted = formatMessage(message);
    if (formatted !== undefined) descriptions.push(formatted);
  }
  return descriptions;
}

/** `message` is a string (JS SDKs) or a logentry `{message, formatted?, params?}` (sentry-cli). */
function formatMessage(message: unknown): string | undefined {
  if (typeof message === 'string') return message;
  if (!isRecord(message)) return undefined;
  const formatted = stringField(message, 'formatted');
  if (formatted !== undefined) return formatted;
  const template = stringField(message, 'message');
  if (template === undefined) return undefined;
  const params = Array.isArray(message.params) ? message.params : [];
  let next = 0;
  return template.replace(FORMAT_PLACEHOLDER, (placeholder) => {
    if (placeholder === '%%') return '%';
    return next < params.length ? String(params[next++]) : placeholder;
  });
}

/**
 * Loopback `user.ip_address`, or a request URL on localhost. The sender's address counts when the
 * SDK asked us to infer the IP ("{{auto}}") or the event has no request at all — so a local app
 * reporting to a Vigil on the same machine is dropped when, and only when, the filter is on.
 */
function isFromLocalhost(raw: Record<string, unknown>, context: InboundFilterContext): boolean {
  const user = isRecord(raw.user) ? raw.user : undefined;
  const declaredIp = user === undefined ? undefined : stringField(user, 'ip_address');
  const ip = declaredIp === '{{auto}}' ? context.clientIp : declaredIp;
  if (ip !== undefined && isLoopbackIp(ip)) return true;
  const url = isRecord(raw.request) ? stringField(raw.request, 'url') : undefined;
  if (url !== undefined) return isLocalUrl(url);
  return ip === undefined && raw.request === undefined && context.clientIp !== undefined && isLoopbackIp(context.clientIp);
}

function isLoopbackIp(ip: string): boolean {
  return ip === '::1' || ip === '0:0:0:0:0:0:0:1' || LOOPBACK_IP.test(ip);
}

function isLocalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const host = new URL(url).hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || LOOPBACK_IP.test(host);
}

/** A known extension error message, or a crashing frame inside extension code. */
function isFromBrowserExtension(raw: Record<string, unknown>): boolean {
  for (const exception of exceptionValues(raw)) {
    const value = stringField(exception, 'value')?.toLowerCase();
    if (value !== undefined && EXTENSION_ERROR_MESSAGES.some((message) => value.includes(message))) return true;
    const source = crashingFrameSource(exception)?.toLowerCase();
    if (source === undefined) continue;
    if (EXTENSION_SOURCE_PREFIXES.some((prefix) => source.startsWith(prefix))) return true;
    if (EXTENSION_SOURCE_FRAGMENTS.some((fragment) => source.includes(fragment))) return true;
  }
  return false;
}

/** Frames run oldest → newest, so the crashing frame is the last one. */
function crashingFrameSource(exception: Record<string, unknown>): string | undefined {
  const stacktrace = exception.stacktrace;
  const frames = isRecord(stacktrace) && Array.isArray(stacktrace.frames) ? stacktrace.frames : [];
  const frame: unknown = frames[frames.length - 1];
  if (!isRecord(frame)) return undefined;
  return stringField(frame, 'abs_path') ?? stringField(frame, 'filename');
}

export function isLegacyBrowser(userAgent: string): boolean {
  for (const [family, pattern] of BROWSER_PATTERNS) {
    const version = pattern.exec(userAgent)?.[1];
    if (version !== undefined) return Number(version) < LEGACY_BROWSER_MIN_VERSION[family];
  }
  return false;
}

export function isWebCrawler(userAgent: string): boolean {
  if (WEB_CRAWLER_ALLOWED.test(userAgent)) return false;
  const lowered = userAgent.toLowerCase();
  return WEB_CRAWLER_FRAGMENTS.some((fragment) => lowered.includes(fragment)) || GENERIC_CRAWLER.test(userAgent);
}

/** The end user's browser: the event's own `request.headers`, else the ingest request's UA. */
function eventUserAgent(raw: Record<string, unknown>, context: InboundFilterContext): string | undefined {
  const headers = isRecord(raw.request) ? raw.request.headers : undefined;
  const fromEvent = headerValue(headers, 'user-agent');
  if (fromEvent !== undefined && fromEvent !== '') return fromEvent;
  const fromTransport = context.userAgent;
  if (fromTransport === undefined || fromTransport === '' || SDK_TRANSPORT_USER_AGENT.test(fromTransport)) return undefined;
  return fromTransport;
}

/** Headers come as an object or as `[[name, value], …]`, with names in any case. */
function headerValue(headers: unknown, name: string): string | undefined {
  const entries: unknown[] = Array.isArray(headers) ? headers : isRecord(headers) ? Object.entries(headers) : [];
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || entry[0].toLowerCase() !== name) continue;
    const value: unknown = entry[1];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** `exception` is `{values: […]}` or, in old SDKs, a bare array. */
function exceptionValues(raw: Record<string, unknown>): Record<string, unknown>[] {
  const exception = raw.exception;
  const values: unknown = isRecord(exception) ? exception.values : exception;
  return Array.isArray(values) ? values.filter(isRecord) : [];
}

function matchesAnyGlob(patterns: string[], text: string): boolean {
  const lowered = text.toLowerCase();
  return patterns.some((pattern) => pattern.trim() !== '' && globMatches(pattern.trim().toLowerCase(), lowered));
}

/**
 * Whole-string glob, as Sentry's filters use: `*` is any run, `?` one character, `\` makes the
 * next character literal. Callers lowercase both sides (Sentry's filters ignore case). Greedy
 * with one backtrack point, so it is linear-ish and never compiles a regex per pattern.
 */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const token = pattern[p];
    if (token === '*') {
      starP = ++p;
      starT = t;
      continue;
    }
    const escaped = token === '\\' && p + 1 < pattern.length;
    const literal = escaped ? pattern[p + 1] : token;
    if (token !== undefined && ((token === '?' && !escaped) || literal === text[t])) {
      p += escaped ? 2 : 1;
      t++;
    } else if (starP >= 0) {
      p = starP;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The `request` and `user` interfaces. Headers become ordered pairs with canonical names, the
 * query string and cookies become strings, and `{{auto}}` IP addresses become the client's IP.
 */
import { isIP } from 'node:net';
import type { EventUser, RequestInfo } from './event.types.js';
import { dropUndefined } from './normalize-frames.js';
import {
  addError,
  coerceString,
  isRecord,
  readBag,
  readBoundedValue,
  readString,
  type ErrorSink,
} from './normalize-values.js';

/** Platforms whose SDKs run on the end user's device, so the sender's IP is the user's IP (Relay). */
const CLIENT_PLATFORMS = new Set(['javascript', 'cocoa', 'objc']);

export function normalizeRequest(raw: unknown, errors: ErrorSink): RequestInfo | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    addError(errors, 'invalid_data', 'request', raw);
    return undefined;
  }
  const headers = readPairs(raw.headers, 'request.headers', errors).map(([name, value]): [string, string] => [
    canonicalHeaderName(name),
    value,
  ]);
  let url = readString(raw.url, 'request.url', errors, 8192);
  let queryString = readQueryString(raw.query_string, errors);
  // Like Relay: the query part of the URL moves to query_string, so `url` identifies the endpoint.
  if (url !== undefined) {
    const [beforeFragment, fragment] = splitOnce(url, '#');
    const [base, search] = splitOnce(beforeFragment, '?');
    if (search !== undefined) {
      url = fragment === undefined ? base : `${base}#${fragment}`;
      queryString ??= search || undefined;
    }
  }
  let cookies = readCookies(raw.cookies, errors);
  const cookieHeader = headers.findIndex(([name]) => name === 'Cookie');
  if (cookieHeader >= 0) {
    // Cookies live in one place: `cookies`. The header copy is dropped once moved.
    cookies ??= headers[cookieHeader]?.[1];
    headers.splice(cookieHeader, 1);
  }
  return dropUndefined({
    method: readString(raw.method, 'request.method', errors, 32)?.toUpperCase(),
    url,
    queryString,
    headers,
    cookies,
    data: raw.data === undefined || raw.data === null ? undefined : readBoundedValue(raw.data, 'request.data', errors),
    env: readBag(raw.env, 'request.env', errors),
  });
}

/** The request's User-Agent header, if it sent one. */
export function userAgentOf(request: RequestInfo | undefined): string | undefined {
  return request?.headers.find(([name]) => name === 'User-Agent')?.[1];
}

/** "user-agent" → "User-Agent": header names are case-insensitive, stored in one spelling. */
function canonicalHeaderName(name: string): string {
  return name
    .trim()
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/** An object or an array of [key, value] pairs; values are stringified, multi-values joined. */
function readPairs(raw: unknown, name: string, errors: ErrorSink): [string, string][] {
  if (raw === undefined || raw === null) return [];
  const entries = Array.isArray(raw) ? raw : isRecord(raw) ? Object.entries(raw) : undefined;
  if (entries === undefined) {
    addError(errors, 'invalid_data', name, raw);
    return [];
  }
  const pairs: [string, string][] = [];
  for (const entry of entries) {
    const key = Array.isArray(entry) && entry.length === 2 ? coerceString(entry[0]) : undefined;
    const rawValue: unknown = Array.isArray(entry) ? entry[1] : undefined;
    const value = Array.isArray(rawValue) ? rawValue.map(coerceString).filter(isDefined).join(', ') : coerceString(rawValue);
    if (key === undefined || key.trim() === '' || value === undefined) {
      if (rawValue !== null) addError(errors, 'invalid_data', name, entry);
      continue;
    }
    pairs.push([key, value]);
  }
  return pairs;
}

function readQueryString(raw: unknown, errors: ErrorSink): string | undefined {
  if (typeof raw === 'string') return raw.replace(/^\?/, '') || undefined;
  if (raw === undefined || raw === null) return undefined;
  const pairs = readPairs(raw, 'request.query_string', errors);
  return pairs.length > 0 ? new URLSearchParams(pairs).toString() : undefined;
}

function readCookies(raw: unknown, errors: ErrorSink): string | undefined {
  if (typeof raw === 'string') return raw.trim() || undefined;
  if (raw === undefined || raw === null) return undefined;
  const pairs = readPairs(raw, 'request.cookies', errors);
  return pairs.length > 0 ? pairs.map(([key, value]) => `${key}=${value}`).join('; ') : undefined;
}

/** The user fields Sentry names; every other key (geo, segment, …) goes into `data`. */
export function normalizeUser(
  raw: unknown,
  context: { platform: string; clientIp?: string; remoteAddr?: string },
  errors: ErrorSink,
): EventUser | undefined {
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    addError(errors, 'invalid_data', 'user', raw);
    return undefined;
  }
  const fields = isRecord(raw) ? raw : {};
  const { id, email, username, name, ip_address: rawIp, data: rawData, ...others } = fields;
  const extraData = readBag(rawData, 'user.data', errors);
  const otherData = Object.keys(others).length > 0 ? readBag(others, 'user', errors) : undefined;
  const data = extraData || otherData ? { ...otherData, ...extraData } : undefined;
  const user = dropUndefined<EventUser>({
    id: readString(id, 'user.id', errors, 128),
    email: readString(email, 'user.email', errors, 320),
    username: readString(username, 'user.username', errors, 128),
    name: readString(name, 'user.name', errors, 128),
    ipAddress: resolveIp(rawIp, context, errors),
    data,
  });
  return Object.keys(user).length > 0 ? user : undefined;
}

/**
 * `{{auto}}` means "the address that sent this". Client-side platforms get it even when they sent
 * nothing, server-side ones fall back to the request's REMOTE_ADDR, as Relay does.
 */
function resolveIp(
  raw: unknown,
  context: { platform: string; clientIp?: string; remoteAddr?: string },
  errors: ErrorSink,
): string | undefined {
  if (raw === '{{auto}}') return context.clientIp;
  if (raw === undefined || raw === null || raw === '') {
    if (CLIENT_PLATFORMS.has(context.platform)) return context.clientIp;
    return context.remoteAddr !== undefined && isIP(context.remoteAddr) ? context.remoteAddr : undefined;
  }
  if (typeof raw === 'string' && isIP(raw.trim())) return raw.trim();
  addError(errors, 'invalid_data', 'user.ip_address', raw);
  return undefined;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

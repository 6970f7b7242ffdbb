/**
 * Tags: the SDK's own (object or array of pairs, validated like Sentry) followed by the ones Sentry
 * derives from the event (level, environment, browser, os, url, user, …). An SDK tag always wins.
 */
import type { NormalizedEvent } from './event.types.js';
import { addError, coerceString, isRecord, truncate, type ErrorSink } from './normalize-values.js';

export const MAX_TAG_KEY_LENGTH = 200;
export const MAX_TAG_VALUE_LENGTH = 200;
/** Sentry's tag key alphabet: anything else cannot be searched as `key:value`. */
const TAG_KEY = /^[a-zA-Z0-9_.:-]+$/;

type Tag = [string, string];

/** The SDK's tags, deduplicated by key (the first one wins). Invalid pairs are dropped and recorded. */
export function normalizeTags(raw: unknown, errors: ErrorSink): Tag[] {
  if (raw === undefined || raw === null) return [];
  const entries = Array.isArray(raw) ? raw : isRecord(raw) ? Object.entries(raw) : undefined;
  if (entries === undefined) {
    addError(errors, 'invalid_data', 'tags', raw);
    return [];
  }
  const tags: Tag[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const tag = Array.isArray(entry) && entry.length === 2 ? validTag(entry[0], entry[1]) : undefined;
    if (tag === undefined) {
      addError(errors, 'invalid_data', 'tags', entry);
      continue;
    }
    if (seen.has(tag[0])) continue;
    seen.add(tag[0]);
    tags.push(tag);
  }
  return tags;
}

function validTag(rawKey: unknown, rawValue: unknown): Tag | undefined {
  const key = coerceString(rawKey)?.trim();
  const value = coerceString(rawValue)?.trim();
  if (!key || !value || !TAG_KEY.test(key) || /[\r\n]/.test(value)) return undefined;
  return [truncate(key, MAX_TAG_KEY_LENGTH), truncate(value, MAX_TAG_VALUE_LENGTH)];
}

/** What derivation reads: the event without its tags and summary fields. */
export type TagSource = Pick<
  NormalizedEvent,
  'level' | 'environment' | 'release' | 'serverName' | 'transaction' | 'contexts' | 'request' | 'user' | 'exceptions'
>;

/** SDK tags followed by derived ones whose key the SDK did not use. */
export function withDerivedTags(sdkTags: Tag[], event: TagSource): Tag[] {
  const tags = [...sdkTags];
  const keys = new Set(sdkTags.map(([key]) => key));
  const add = (key: string, value: string | undefined): void => {
    // Derived values come from free-form fields: flatten whitespace so they stay valid tag values.
    const clean = value?.replace(/\s+/g, ' ').trim();
    if (!clean || keys.has(key)) return;
    keys.add(key);
    tags.push([key, truncate(clean, MAX_TAG_VALUE_LENGTH)]);
  };

  add('level', event.level);
  add('environment', event.environment);
  add('release', event.release);
  const { browser, os, client_os: clientOs, device, runtime } = event.contexts;
  add('browser', nameAndVersion(browser, shortVersion));
  add('browser.name', contextText(browser, 'name'));
  add('os', nameAndVersion(os));
  add('os.name', contextText(os, 'name'));
  add('client_os', nameAndVersion(clientOs));
  add('client_os.name', contextText(clientOs, 'name'));
  add('device', contextText(device, 'model'));
  add('url', event.request?.url?.split(/[?#]/)[0]);
  add('server_name', event.serverName);
  add('transaction', event.transaction);
  add('user', userTag(event.user));
  add('runtime', nameAndVersion(runtime));
  add('runtime.name', contextText(runtime, 'name'));
  const mechanism = event.exceptions.at(-1)?.mechanism;
  if (mechanism?.handled !== undefined) add('handled', mechanism.handled ? 'yes' : 'no');
  add('mechanism', mechanism?.type);
  return tags;
}

/** Sentry's user tag: the first identifier the event has, prefixed with its kind. */
function userTag(user: NormalizedEvent['user']): string | undefined {
  if (user?.id) return `id:${user.id}`;
  if (user?.username) return `username:${user.username}`;
  if (user?.email) return `email:${user.email}`;
  if (user?.ipAddress) return `ip:${user.ipAddress}`;
  return undefined;
}

function contextText(context: Record<string, unknown> | undefined, key: string): string | undefined {
  return context === undefined ? undefined : coerceString(context[key])?.trim() || undefined;
}

/** "Chrome 120.0", "Windows 10", "node v20.20.2": the name, then the version when known. */
function nameAndVersion(
  context: Record<string, unknown> | undefined,
  formatVersion: (version: string) => string = (version) => version,
): string | undefined {
  const name = contextText(context, 'name');
  const version = contextText(context, 'version');
  if (name === undefined) return undefined;
  return version === undefined ? name : `${name} ${formatVersion(version)}`;
}

/** Browser versions are tagged as major.minor: patch and build numbers would split every release. */
function shortVersion(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/**
 * The parsed form of Sentry's issue search language (docs: "Search", "Issue Properties"), the
 * catalog of built-in keys for search-bar suggestions, and a printer that turns a parsed query
 * back into normalized text so the dashboard can round-trip it (with the ISO date reader that
 * both sides share). The parser lives in parse-search-query.ts.
 */
import type { Level } from '../../events/event.types.js';

export type IssueStatusValue = 'unresolved' | 'resolved' | 'ignored' | 'assigned' | 'unassigned' | 'regressed';
export type ComparisonOperator = '>' | '>=' | '<' | '<=';
export type NumericOperator = '=' | '>' | '>=' | '<' | '<=' | '!=';
export const NUMERIC_OPERATORS: readonly NumericOperator[] = ['>=', '<=', '!=', '>', '<', '='];
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['>', '>=', '<', '<='];
export type UserTarget = { type: 'me' } | { type: 'email'; email: string };
export type AssigneeTarget = UserTarget | { type: 'team'; slug: string } | { type: 'none' };

export type SearchFilter =
  | { kind: 'is'; value: IssueStatusValue; negated: boolean }
  | { kind: 'assigned'; target: AssigneeTarget; negated: boolean }
  | { kind: 'bookmarked' | 'subscribed'; target: UserTarget; negated: boolean }
  /** Matches any of `values` (the `key:[a, b]` list syntax); `release:latest` is kept verbatim. */
  | { kind: 'release' | 'environment' | 'level' | 'user.email'; values: string[]; negated: boolean }
  | { kind: 'date'; field: 'first-seen' | 'last-seen'; op: ComparisonOperator; at: Date; negated: boolean }
  | { kind: 'times-seen' | 'user-count'; op: NumericOperator; value: number; negated: boolean }
  /** Any other key, incl. `tags[key]:value` and `has:key` (values ['*']); `*` in a value is a wildcard. */
  | { kind: 'tag'; key: string; values: string[]; negated: boolean; wildcard: boolean };

export interface SearchQuery {
  filters: SearchFilter[];
  /** Free-text words and quoted phrases, matched against the issue title and message. */
  text: string[];
  /** Set only when the whole query is a bare event id: 32 lowercase hex characters. */
  eventId?: string;
}

export type SearchKeyType = 'status' | 'assignee' | 'user' | 'string' | 'level' | 'date' | 'number' | 'tag-name';

export type BuiltinSearchKey =
  | 'is'
  | 'assigned'
  | 'bookmarks'
  | 'subscribed'
  | 'release'
  | 'environment'
  | 'level'
  | 'user.email'
  | 'first-seen'
  | 'last-seen'
  | 'times-seen'
  | 'user-count'
  | 'has';

export interface SearchKeyInfo {
  /** The spelling the printer uses. */
  key: BuiltinSearchKey;
  /** Other accepted spellings (Sentry's camelCase and snake_case forms). Keys are case-insensitive. */
  aliases: readonly string[];
  type: SearchKeyType;
  description: string;
  /** Fixed set of values, where there is one. */
  values?: readonly string[];
  /** Whether `key:[a, b]` lists are accepted. */
  acceptsList: boolean;
}

export const ISSUE_STATUS_VALUES: readonly IssueStatusValue[] = [
  'unresolved',
  'resolved',
  'ignored',
  'assigned',
  'unassigned',
  'regressed',
];
/** Sentry renamed "ignored" to "archived"; both spellings mean the same status. */
export const ISSUE_STATUS_ALIASES: Readonly<Record<string, IssueStatusValue>> = { archived: 'ignored' };
export const LEVEL_VALUES: readonly Level[] = ['fatal', 'error', 'warning', 'info', 'debug'];
/** Python's logging spells warning "warn"; SDKs forward it as is. */
export const LEVEL_ALIASES: Readonly<Record<string, Level>> = { warn: 'warning' };

function searchKey(
  key: BuiltinSearchKey,
  type: SearchKeyType,
  description: string,
  options: { aliases?: readonly string[]; values?: readonly string[]; acceptsList?: boolean } = {},
): SearchKeyInfo {
  const { aliases = [], values, acceptsList = false } = options;
  const info: SearchKeyInfo = { key, aliases, type, description, acceptsList };
  if (values) info.values = values;
  return info;
}

export const SEARCH_KEYS: readonly SearchKeyInfo[] = [
  searchKey('is', 'status', 'Issue status or assignment state', { values: [...ISSUE_STATUS_VALUES, 'archived'] }),
  searchKey('assigned', 'assignee', 'Assigned to me, a user (email), a team (#team-slug) or none', {
    values: ['me', 'none'],
  }),
  searchKey('bookmarks', 'user', 'Bookmarked by me or a user (email)', { aliases: ['bookmarked'], values: ['me'] }),
  searchKey('subscribed', 'user', 'Subscribed to by me or a user (email)', { values: ['me'] }),
  searchKey('release', 'string', 'Release version, or "latest"', { acceptsList: true }),
  searchKey('environment', 'string', 'Environment name', { acceptsList: true }),
  searchKey('level', 'level', 'Event severity', { values: LEVEL_VALUES, acceptsList: true }),
  searchKey('user.email', 'string', 'Email of an affected user', { acceptsList: true }),
  searchKey('first-seen', 'date', 'When the issue was first seen: -24h (in the last 24h), +7d (older), >2026-11-01', {
    aliases: ['firstseen', 'first_seen', 'age'],
  }),
  searchKey('last-seen', 'date', 'When the issue was last seen: -24h, >-7d, <2026-11-01T12:00:00Z', {
    aliases: ['lastseen', 'last_seen'],
  }),
  searchKey('times-seen', 'number', 'Number of events: 10, >10, <=5', { aliases: ['timesseen', 'times_seen'] }),
  searchKey('user-count', 'number', 'Number of affected users: >100', { aliases: ['usercount', 'user_count'] }),
  searchKey('has', 'tag-name', 'Has any value for the given tag'),
];

/** Looks up a built-in key by any spelling, ignoring case. */
export function findSearchKey(key: string): SearchKeyInfo | undefined {
  const lower = key.toLowerCase();
  return SEARCH_KEYS.find((info) => info.key === lower || info.aliases.includes(lower));
}

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const EVENT_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** A whole query that is only this is an event-id lookup, not free text. */
export function isEventId(text: string): boolean {
  return EVENT_ID.test(text);
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads `2026-11-01` or an ISO timestamp (UTC unless it has an offset), as the printer writes
 * dates; undefined for malformed or impossible dates.
 */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 into March (and years < 100 into 19xx): a mismatch means no such date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day) {
    return undefined;
  }
  const millis = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
  const zone = (match[8] ?? 'Z').replace(':', '');
  const offsetMinutes =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  return new Date(utc + millis - offsetMinutes * 60_000);
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/** Quotes a value when it would otherwise read back as an operator, a list or several terms. */
function formatValue(value: string): string {
  return value === '' || /[\s",[\]\\]/.test(value) || /^[<>=!]/.test(value) ? quote(value) : value;
}

function formatValues(values: readonly string[]): string {
  return values.length === 1 ? formatValue(values[0] ?? '') : `[${values.map(formatValue).join(', ')}]`;
}

/** Free text is quoted when it would read back as a filter, several words, or an event id. */
function formatText(text: string): string {
  return text === '' || /[\s":\\]/.test(text) || isEventId(text) ? quote(text) : text;
}

function formatTagKey(key: string): string {
  return BARE_KEY.test(key) && !findSearchKey(key) && key.toLowerCase() !== 'tags' ? key : `tags[${key}]`;
}

function formatUser(target: AssigneeTarget): string {
  switch (target.type) {
    case 'me':
    case 'none':
      return target.type;
    case 'team':
      return `#${target.slug}`;
    case 'email':
      return formatValue(target.email);
  }
}

function formatFilter(filter: SearchFilter): string {
  const not = filter.negated ? '!' : '';
  switch (filter.kind) {
    case 'is':
      return `${not}is:${filter.value}`;
    case 'assigned':
      return `${not}assigned:${formatUser(filter.target)}`;
    case 'bookmarked':
      return `${not}bookmarks:${formatUser(filter.target)}`;
    case 'subscribed':
      return `${not}subscribed:${formatUser(filter.target)}`;
    case 'release':
    case 'environment':
    case 'level':
    case 'user.email':
      return `${not}${filter.kind}:${formatValues(filter.values)}`;
    case 'date':
      return `${not}${filter.field}:${filter.op}${filter.at.toISOString()}`;
    case 'times-seen':
    case 'user-count':
      return `${not}${filter.kind}:${filter.op === '=' ? '' : filter.op}${filter.value}`;
    case 'tag':
      if (filter.wildcard && filter.values.length === 1 && filter.values[0] === '*') {
        return `${not}has:${formatValue(filter.key)}`;
      }
      return `${not}${formatTagKey(filter.key)}:${formatValues(filter.values)}`;
  }
}

/**
 * Prints a query in normalized form: filters in order, then free text. Relative dates come out
 * as absolute ISO timestamps, since the parsed query only keeps the instant.
 */
export function formatSearchQuery(query: SearchQuery): string {
  if (query.eventId !== undefined) return query.eventId;
  return [...query.filters.map(formatFilter), ...query.text.map(formatText)].join(' ');
}

/**
 * The parsed form of Sentry's issue search language (docs: "Search", "Issue Properties"), the
 * catalog of built-in keys for search-bar suggestions, and a printer that turns a parsed query
 * back into normalized text so the dashboard can round-trip it. The parser lives in
 * parse-search-query.ts.
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

export const SEARCH_KEYS: readonly SearchKeyInfo[] = [
  {
    key: 'is',
    aliases: [],
    type: 'status',
    description: 'Issue status or assignment state',
    values: [...ISSUE_STATUS_VALUES, 'archived'],
    acceptsList: false,
  },
  {
    key: 'assigned',
    aliases: [],
    type: 'assignee',
    description: 'Assigned to me, a user (email), a team (#team-slug) or none',
    values: ['me', 'none'],
    acceptsList: false,
  },
  {
    key: 'bookmarks',
    aliases: ['bookmarked'],
    type: 'user',
    description: 'Bookmarked by me or a user (email)',
    values: ['me'],
    acceptsList: false,
  },
  {
    key: 'subscribed',
    aliases: [],
    type: 'user',
    description: 'Subscribed to by me or a user (email)',
    values: ['me'],
    acceptsList: false,
  },
  { key: 'release', aliases: [], type: 'string', description: 'Release version, or "latest"', acceptsList: true },
  { key: 'environment', aliases: [], type: 'string', description: 'Environment name', acceptsList: true },
  { key: 'level', aliases: [], type: 'level', description: 'Event severity', values: LEVEL_VALUES, acceptsList: true },
  { key: 'user.email', aliases: [], type: 'string', description: 'Email of an affected user', acceptsList: true },
  {
    key: 'first-seen',
    aliases: ['firstseen', 'first_seen', 'age'],
    type: 'date',
    description: 'When the issue was first seen: -24h (within the last 24h), +7d (older), >2026-11-01',
    acceptsList: false,
  },
  {
    key: 'last-seen',
    aliases: ['lastseen', 'last_seen'],
    type: 'date',
    description: 'When the issue was last seen: -24h, >-7d, <2026-11-01T12:00:00Z',
    acceptsList: false,
  },
  {
    key: 'times-seen',
    aliases: ['timesseen', 'times_seen'],
    type: 'number',
    description: 'Number of events: 10, >10, <=5',
    acceptsList: false,
  },
  {
    key: 'user-count',
    aliases: ['usercount', 'user_count'],
    type: 'number',
    description: 'Number of affected users: >100',
    acceptsList: false,
  },
  { key: 'has', aliases: [], type: 'tag-name', description: 'Has any value for the given tag', acceptsList: false },
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

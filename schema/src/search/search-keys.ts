/**
 * The built-in keys of the search language: their spellings, what kind of value each takes,
 * their fixed values, and the one-line description the search bar shows.
 */
import type { IssueStatusValue, LevelValue } from './search-query.js';

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
  | 'message'
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
  /** Fixed set of values, where there is one, in the order the search bar offers them. */
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
  'for_review',
];
/** Sentry renamed "ignored" to "archived"; both spellings mean the same status. */
export const ISSUE_STATUS_ALIASES: Readonly<Record<string, IssueStatusValue>> = { archived: 'ignored' };
export const LEVEL_VALUES: readonly LevelValue[] = ['fatal', 'error', 'warning', 'info', 'debug'];
/** Python's logging spells warning "warn"; SDKs forward it as is. */
export const LEVEL_ALIASES: Readonly<Record<string, LevelValue>> = { warn: 'warning' };

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

const STATUS_SUGGESTIONS = ['unresolved', 'resolved', 'ignored', 'archived', 'assigned', 'unassigned', 'regressed', 'for_review'];

export const SEARCH_KEYS: readonly SearchKeyInfo[] = [
  searchKey('is', 'status', 'Status: unresolved, resolved, ignored, assigned, regressed, for_review…', { values: STATUS_SUGGESTIONS }),
  searchKey('assigned', 'assignee', 'Assigned to me, none, #team or an email', { values: ['me', 'none'] }),
  searchKey('bookmarks', 'user', 'Bookmarked by me or an email', { aliases: ['bookmarked'], values: ['me'] }),
  searchKey('subscribed', 'user', 'Subscribed to by me or an email', { values: ['me'] }),
  searchKey('release', 'string', 'Release version, or latest', { acceptsList: true }),
  searchKey('environment', 'string', 'Environment name', { acceptsList: true }),
  searchKey('level', 'level', 'fatal, error, warning, info or debug', { values: LEVEL_VALUES, acceptsList: true }),
  searchKey('user.email', 'string', 'Email of an affected user', { acceptsList: true }),
  searchKey('message', 'string', 'Part of the title or message, e.g. message:"Cart"', { acceptsList: true }),
  searchKey('first-seen', 'date', 'First seen: -24h (newer), +7d (older), >2026-01-31', {
    aliases: ['firstseen', 'first_seen', 'age'],
  }),
  searchKey('last-seen', 'date', 'Last seen: -24h, >-7d, <2026-01-31', { aliases: ['lastseen', 'last_seen'] }),
  searchKey('times-seen', 'number', 'Number of events: 10, >10, <=5', { aliases: ['timesseen', 'times_seen'] }),
  searchKey('user-count', 'number', 'Affected users: >100', { aliases: ['usercount', 'user_count'] }),
  searchKey('has', 'tag-name', 'Has any value for a tag'),
];

/** Looks up a built-in key by any spelling, ignoring case. */
export function findSearchKey(key: string): SearchKeyInfo | undefined {
  const lower = key.toLowerCase();
  return SEARCH_KEYS.find((info) => info.key === lower || info.aliases.includes(lower));
}

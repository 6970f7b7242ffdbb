/**
 * Prints a parsed query back as normalized text, so a query round-trips through the parser
 * unchanged.
 */
import { findSearchKey } from './search-keys.js';
import { isEventId, type AssigneeTarget, type SearchFilter, type SearchQuery } from './search-query.js';

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

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
    case 'message':
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

/**
 * Parses Sentry's issue search language: the scanner (scan-search-query.ts) reads the grammar
 * into terms, then each filter is checked against its key's meaning (status names, levels,
 * dates, numbers). A query that is only an event id (32 hex digits or a UUID) is an event lookup.
 */
import { scanSearchQuery, type SearchTerm, type SearchValue } from './scan-search-query.js';
import { SearchQueryError } from './search-query-error.js';
import { findSearchKey, ISSUE_STATUS_ALIASES, ISSUE_STATUS_VALUES, LEVEL_ALIASES, LEVEL_VALUES, type SearchKeyInfo } from './search-keys.js';
import { COMPARISON_OPERATORS, isEventId, parseIsoDate } from './search-query.js';
import type { AssigneeTarget, ComparisonOperator, SearchFilter, SearchQuery, UserTarget } from './search-query.js';

type FilterTerm = SearchTerm & { key: NonNullable<SearchTerm['key']> };
const isFilter = (term: SearchTerm): term is FilterTerm => term.key !== undefined;

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE_TIME = /^([+-]?)(\d+)([mhdw])$/;
function parseDate(key: string, value: SearchValue, op: ComparisonOperator | undefined, now: Date) {
  const relative = RELATIVE_TIME.exec(value.text);
  if (relative) {
    const [, sign, amount, unit = ''] = relative;
    if (op && sign === '+') {
      throw new SearchQueryError(
        `Expected a relative time like -7d after "${op}" (+ only works without an operator)`,
        value.start,
      );
    }
    const at = new Date(now.getTime() - Number(amount) * (UNIT_MS[unit] ?? 0));
    // Like `find -mtime`: -24h means newer than 24h ago, +24h means older.
    const relativeOp: ComparisonOperator = op ?? (sign === '+' ? '<' : '>');
    return { op: relativeOp, at };
  }
  const at = parseIsoDate(value.text);
  if (!at) {
    throw new SearchQueryError(
      `Invalid date "${value.text}" for ${key}: (expected -24h, +7d, 2026-11-01 or an ISO timestamp)`,
      value.start,
    );
  }
  if (!op) {
    throw new SearchQueryError(`Expected an operator (>, >=, <, <=) before the date for ${key}:`, value.start);
  }
  return { op, at };
}

function parseCount(key: string, value: SearchValue): number {
  const count = /^\d+$/.test(value.text) ? Number(value.text) : Number.NaN;
  if (!Number.isSafeInteger(count)) {
    throw new SearchQueryError(`Invalid number "${value.text}" for ${key}: (expected a whole number)`, value.start);
  }
  return count;
}

function oneOf<T extends string>(
  key: string,
  value: SearchValue,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>>,
): T {
  const lower = value.text.toLowerCase();
  const found = aliases[lower] ?? allowed.find((candidate) => candidate === lower);
  if (found) return found;
  const expected = [...allowed, ...Object.keys(aliases)].join(', ');
  throw new SearchQueryError(`Unknown value "${value.text}" for ${key}: (expected one of ${expected})`, value.start);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function parseUser(key: string, value: SearchValue): UserTarget {
  if (value.text.toLowerCase() === 'me') return { type: 'me' };
  if (EMAIL.test(value.text)) return { type: 'email', email: value.text };
  const message = `Unknown user "${value.text}" for ${key}: (expected me or an email address)`;
  throw new SearchQueryError(message, value.start);
}

function parseAssignee(value: SearchValue): AssigneeTarget {
  const lower = value.text.toLowerCase();
  if (lower === 'none') return { type: 'none' };
  if (/^#[a-z0-9_-]+$/.test(lower)) return { type: 'team', slug: lower.slice(1) };
  if (lower === 'me' || EMAIL.test(value.text)) return parseUser('assigned', value);
  throw new SearchQueryError(
    `Unknown assignee "${value.text}" for assigned: (expected me, none, #team-slug or an email address)`,
    value.start,
  );
}

/** Rejects operators the key cannot compare with, pointing at the operator. */
function checkOperator(raw: FilterTerm, info: SearchKeyInfo | undefined, keyName: string): void {
  const { operator } = raw;
  if (!operator) return;
  if (info?.type === 'number') return;
  if (info?.type === 'date') {
    if (COMPARISON_OPERATORS.some((op) => op === operator.op)) return;
    throw new SearchQueryError(
      `Operator "${operator.op}" is not allowed for ${keyName}: (expected >, >=, < or <=)`,
      operator.start,
    );
  }
  throw new SearchQueryError(
    `Operator "${operator.op}" is not allowed for ${keyName}: (comparisons only apply to first-seen, ` +
      'last-seen, times-seen and user-count; quote the value to match it literally)',
    operator.start,
  );
}

/** Gives a raw term its meaning; all value checks happen here so errors point at the value. */
function buildFilter(raw: FilterTerm, now: Date): SearchFilter {
  const { name, explicitTag } = raw.key;
  const info = explicitTag ? undefined : findSearchKey(name);
  checkOperator(raw, info, info?.key ?? (explicitTag ? `tags[${name}]` : name));
  const { negated, values } = raw;
  const texts = values.map((value) => value.text);
  if (!info) return { kind: 'tag', key: name, values: texts, negated, wildcard: texts.some((v) => v.includes('*')) };
  if (raw.isList && !info.acceptsList) {
    throw new SearchQueryError(`A list of values is not allowed for ${info.key}:`, raw.valueStart);
  }
  const first = values[0] ?? { text: '', start: raw.valueStart, end: raw.valueStart, quoted: false };
  const op = raw.operator?.op;
  switch (info.key) {
    case 'is':
      return { kind: 'is', value: oneOf('is', first, ISSUE_STATUS_VALUES, ISSUE_STATUS_ALIASES), negated };
    case 'assigned':
      return { kind: 'assigned', target: parseAssignee(first), negated };
    case 'bookmarks':
      return { kind: 'bookmarked', target: parseUser(info.key, first), negated };
    case 'subscribed':
      return { kind: 'subscribed', target: parseUser(info.key, first), negated };
    case 'level':
      return { kind: 'level', values: values.map((v) => oneOf('level', v, LEVEL_VALUES, LEVEL_ALIASES)), negated };
    case 'release':
    case 'environment':
    case 'user.email': {
      // These columns are matched exactly; a silent literal "*" would just find nothing.
      const wildcard = values.find((value) => value.text.includes('*'));
      if (wildcard) throw new SearchQueryError(`Wildcards are not supported for ${info.key}:`, wildcard.start);
      return { kind: info.key, values: texts, negated };
    }
    case 'message':
      return { kind: 'message', values: texts, negated };
    case 'first-seen':
    case 'last-seen': {
      const comparison = COMPARISON_OPERATORS.find((candidate) => candidate === op);
      return { kind: 'date', field: info.key, ...parseDate(info.key, first, comparison, now), negated };
    }
    case 'times-seen':
    case 'user-count':
      return { kind: info.key, op: op ?? '=', value: parseCount(info.key, first), negated };
    case 'has':
      return { kind: 'tag', key: first.text, values: ['*'], negated, wildcard: true };
  }
}

/**
 * Parses an issue search query. `now` anchors relative dates such as `first-seen:-24h`.
 * Throws SearchQueryError, with the offset of the offending character, for malformed queries.
 */
export function parseSearchQuery(input: string, now: Date = new Date()): SearchQuery {
  const trimmed = input.trim();
  if (isEventId(trimmed)) return { filters: [], text: [], eventId: trimmed.replace(/-/g, '').toLowerCase() };
  const query: SearchQuery = { filters: [], text: [] };
  for (const term of scanSearchQuery(input)) {
    const text = term.values[0]?.text ?? '';
    if (isFilter(term)) query.filters.push(buildFilter(term, now));
    else if (text !== '') query.text.push(text); // an empty "" phrase searches for nothing
  }
  return query;
}

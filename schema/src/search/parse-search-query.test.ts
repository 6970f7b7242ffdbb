import { describe, expect, it } from 'vitest';
import {
  SEARCH_KEYS,
  SearchQueryError,
  formatSearchQuery,
  parseSearchQuery,
  type SearchFilter,
  type SearchQuery,
} from './index.js';
import type { SearchKeyType } from './search-keys.js';
import type { ComparisonOperator, IssueStatusValue } from './search-query.js';

// A fixed clock keeps relative dates deterministic.
const NOW = new Date('2026-11-15T12:00:00.000Z');
const parse = (query: string): SearchQuery => parseSearchQuery(query, NOW);
const at = (iso: string): Date => new Date(iso);
const only = (...filters: SearchFilter[]): SearchQuery => ({ filters, text: [] });
const is = (value: IssueStatusValue, negated = false): SearchFilter => ({ kind: 'is', value, negated });
type DateField = 'first-seen' | 'last-seen';
const date = (field: DateField, op: ComparisonOperator, iso: string, negated = false): SearchFilter => ({
  kind: 'date',
  field,
  op,
  at: at(iso),
  negated,
});
const tag = (key: string, values: string[], negated = false): SearchFilter => ({
  kind: 'tag',
  key,
  values,
  negated,
  wildcard: values.some((value) => value.includes('*')),
});

describe('parseSearchQuery', () => {
  it.each<[string, SearchQuery]>([
    ['', { filters: [], text: [] }],
    ['  \t ', { filters: [], text: [] }],
    ['connection reset', { filters: [], text: ['connection', 'reset'] }],
    ['"connection reset"  now', { filters: [], text: ['connection reset', 'now'] }],
    ['"say \\"hi\\" \\\\ there"', { filters: [], text: ['say "hi" \\ there'] }],
    ['""', { filters: [], text: [] }],
    ['!important', { filters: [], text: ['!important'] }],
    ['is:unresolved', only(is('unresolved'))],
    ['IS:Resolved', only(is('resolved'))],
    ['is:archived', only(is('ignored'))],
    ['!is:regressed', only(is('regressed', true))],
    ['is:assigned is:unassigned', only(is('assigned'), is('unassigned'))],
    ['assigned:me', only({ kind: 'assigned', target: { type: 'me' }, negated: false })],
    ['assigned:NONE', only({ kind: 'assigned', target: { type: 'none' }, negated: false })],
    ['assigned:#Backend', only({ kind: 'assigned', target: { type: 'team', slug: 'backend' }, negated: false })],
    ['!assigned:jo@x.io', only({ kind: 'assigned', target: { type: 'email', email: 'jo@x.io' }, negated: true })],
    ['bookmarks:me', only({ kind: 'bookmarked', target: { type: 'me' }, negated: false })],
    ['bookmarked:"jo@x.io"', only({ kind: 'bookmarked', target: { type: 'email', email: 'jo@x.io' }, negated: false })],
    ['!subscribed:me', only({ kind: 'subscribed', target: { type: 'me' }, negated: true })],
    ['release:1.2.3', only({ kind: 'release', values: ['1.2.3'], negated: false })],
    ['release:latest', only({ kind: 'release', values: ['latest'], negated: false })],
    ['release:[1.0, "2.0 beta" ,3.0 ]', only({ kind: 'release', values: ['1.0', '2.0 beta', '3.0'], negated: false })],
    ['!environment:staging', only({ kind: 'environment', values: ['staging'], negated: true })],
    ['user.email:"a@b.c"', only({ kind: 'user.email', values: ['a@b.c'], negated: false })],
    ['level:error', only({ kind: 'level', values: ['error'], negated: false })],
    ['level:warn', only({ kind: 'level', values: ['warning'], negated: false })],
    ['LEVEL:[fatal, ERROR, debug]', only({ kind: 'level', values: ['fatal', 'error', 'debug'], negated: false })],
    ['first-seen:-24h', only(date('first-seen', '>', '2026-11-14T12:00:00Z'))],
    ['first-seen:24h', only(date('first-seen', '>', '2026-11-14T12:00:00Z'))],
    ['age:-1w', only(date('first-seen', '>', '2026-11-08T12:00:00Z'))],
    ['firstSeen:+7d', only(date('first-seen', '<', '2026-11-08T12:00:00Z'))],
    ['last-seen:>-7d', only(date('last-seen', '>', '2026-11-08T12:00:00Z'))],
    ['last-seen:<-1w', only(date('last-seen', '<', '2026-11-08T12:00:00Z'))],
    ['!last_seen:>=-30m', only(date('last-seen', '>=', '2026-11-15T11:30:00Z', true))],
    ['first-seen:>2026-11-01', only(date('first-seen', '>', '2026-11-01T00:00:00Z'))],
    ['first-seen:<=2026-11-01T10:30:00+02:00', only(date('first-seen', '<=', '2026-11-01T08:30:00Z'))],
    ['lastSeen:<2026-11-01T10:30:15.25Z', only(date('last-seen', '<', '2026-11-01T10:30:15.250Z'))],
    ['last-seen:>"2026-11-01 10:30"', only(date('last-seen', '>', '2026-11-01T10:30:00Z'))],
    ['times-seen:10', only({ kind: 'times-seen', op: '=', value: 10, negated: false })],
    ['times-seen:=10', only({ kind: 'times-seen', op: '=', value: 10, negated: false })],
    ['timesSeen:>10', only({ kind: 'times-seen', op: '>', value: 10, negated: false })],
    ['times_seen:<=5', only({ kind: 'times-seen', op: '<=', value: 5, negated: false })],
    ['!times-seen:!=3', only({ kind: 'times-seen', op: '!=', value: 3, negated: true })],
    ['user-count:>=100 user_count:<1000', only(
      { kind: 'user-count', op: '>=', value: 100, negated: false },
      { kind: 'user-count', op: '<', value: 1000, negated: false },
    )],
    ['browser:Chrome', only(tag('browser', ['Chrome']))],
    ['Browser.Name:Chrome', only(tag('Browser.Name', ['Chrome']))],
    ['browser:"Safari 11*"', only(tag('browser', ['Safari 11*']))],
    ['!server:[web-1, web-2]', only(tag('server', ['web-1', 'web-2'], true))],
    ['tags[level]:custom', only(tag('level', ['custom']))],
    ['TAGS[sentry:user]:"id:1"', only(tag('sentry:user', ['id:1']))],
    ['url:http://x:8080/a?b=c', only(tag('url', ['http://x:8080/a?b=c']))],
    ['browser:!x', only(tag('browser', ['!x']))],
    ['has:browser', only(tag('browser', ['*']))],
    ['!has:user', only(tag('user', ['*'], true))],
    ['is:unresolved  TypeError\t"cannot read" !environment:dev', {
      filters: [
        is('unresolved'),
        { kind: 'environment', values: ['dev'], negated: true },
      ],
      text: ['TypeError', 'cannot read'],
    }],
    ['0123456789ABCDEF0123456789abcdef', { filters: [], text: [], eventId: '0123456789abcdef0123456789abcdef' }],
    [' 01234567-89ab-cdef-0123-456789ABCDEF ', { filters: [], text: [], eventId: '0123456789abcdef0123456789abcdef' }],
    ['0123456789abcdef0123456789abcde', { filters: [], text: ['0123456789abcdef0123456789abcde'] }],
    ['0123456789abcdef0123456789abcdef is:resolved', {
      filters: [is('resolved')],
      text: ['0123456789abcdef0123456789abcdef'],
    }],
  ])('parses %j', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  it('anchors relative dates to the current time by default', () => {
    const before = Date.now();
    const [filter] = parseSearchQuery('first-seen:-1h').filters;
    if (filter?.kind !== 'date') throw new Error(`expected a date filter, got ${JSON.stringify(filter)}`);
    expect(filter.at.getTime()).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(filter.at.getTime()).toBeLessThanOrEqual(Date.now() - 3_600_000);
  });
});

describe('formatSearchQuery', () => {
  it.each<[string, string]>([
    ['', ''],
    ['IS:Resolved !is:archived', 'is:resolved !is:ignored'],
    ['level:warn', 'level:warning'],
    ['level:[fatal, ERROR]', 'level:[fatal, error]'],
    ['release:[1.0,"2.0 beta"]', 'release:[1.0, "2.0 beta"]'],
    ['release:latest environment:"prod eu"', 'release:latest environment:"prod eu"'],
    ['assigned:#Backend !assigned:none assigned:Me', 'assigned:#backend !assigned:none assigned:me'],
    ['bookmarked:me subscribed:jo@x.io', 'bookmarks:me subscribed:jo@x.io'],
    ['first-seen:-24h', 'first-seen:>2026-11-14T12:00:00.000Z'],
    ['age:+7d', 'first-seen:<2026-11-08T12:00:00.000Z'],
    ['!lastSeen:<=2026-11-01', '!last-seen:<=2026-11-01T00:00:00.000Z'],
    ['times-seen:10 timesSeen:!=3 user-count:>5', 'times-seen:10 times-seen:!=3 user-count:>5'],
    ['tags[level]:custom tags[sentry:user]:x tags:y', 'tags[level]:custom tags[sentry:user]:x tags[tags]:y'],
    ['browser:* !has:user', 'has:browser !has:user'],
    ['browser:">5" browser:"a,b" browser:"\\\\"', 'browser:">5" browser:"a,b" browser:"\\\\"'],
    ['server:[web-1, "web 2", "x]y"]', 'server:[web-1, "web 2", "x]y"]'],
    ['foo is:resolved "a:b" "say \\"hi\\""', 'is:resolved foo "a:b" "say \\"hi\\""'],
    ['find "0123456789abcdef0123456789abcdef"', 'find "0123456789abcdef0123456789abcdef"'],
    ['01234567-89AB-cdef-0123-456789abcdef', '0123456789abcdef0123456789abcdef'],
  ])('prints %j as %j and reads it back unchanged', (query, normalized) => {
    const parsed = parse(query);
    const printed = formatSearchQuery(parsed);
    expect(printed).toBe(normalized);
    expect(parse(printed)).toEqual(parsed);
  });

  it('quotes a lone free-text event id so it stays text', () => {
    const query: SearchQuery = { filters: [], text: ['0123456789abcdef0123456789abcdef'] };
    expect(parse(formatSearchQuery(query))).toEqual(query);
  });
});

describe('parseSearchQuery errors', () => {
  const IS_VALUES = 'unresolved, resolved, ignored, assigned, unassigned, regressed, for_review, archived';
  const LEVELS = '(expected one of fatal, error, warning, info, debug, warn)';
  const DATES = '(expected -24h, +7d, 2026-11-01 or an ISO timestamp)';
  const COMPARE =
    '(comparisons only apply to first-seen, last-seen, times-seen and user-count; quote the value to match it literally)';
  it.each<[string, string, number]>([
    ['is:foo', `Unknown value "foo" for is: (expected one of ${IS_VALUES}) at column 4`, 3],
    ['assigned:me is:nope', `Unknown value "nope" for is: (expected one of ${IS_VALUES}) at column 16`, 15],
    ['release:', 'Expected a value after "release:" at column 9', 8],
    ['release: 1.0', 'Expected a value after "release:" at column 9', 8],
    ['!times-seen:>', 'Expected a value after "!times-seen:>" at column 14', 13],
    ['release:""', 'Expected a value inside the quotes at column 9', 8],
    ['browser:"Safari 11', 'Unterminated quote: expected a closing " at column 9', 8],
    ['is:resolved "abc', 'Unterminated quote: expected a closing " at column 13', 12],
    ['level:[error, "warn', 'Unterminated quote: expected a closing " at column 15', 14],
    ['browser:"a"b', 'Expected a space after the closing quote at column 12', 11],
    ['"a"b', 'Expected a space after the closing quote at column 4', 3],
    ['level:[error]x', 'Expected a space after the closing ] at column 14', 13],
    ['level:[error, warning', 'Unterminated list: expected "]" at column 7', 6],
    ['level:[error,', 'Unterminated list: expected "]" at column 7', 6],
    ['level:[', 'Unterminated list: expected "]" at column 7', 6],
    ['level:[]', 'Expected a value in the list at column 8', 7],
    ['level:[error,,info]', 'Expected a value in the list at column 14', 13],
    ['level:[error warning]', 'Expected "," or "]" in the list at column 14', 13],
    ['is:[resolved, unresolved]', 'A list of values is not allowed for is: at column 4', 3],
    ['level:critical', `Unknown value "critical" for level: ${LEVELS} at column 7`, 6],
    ['level:[error, nope]', `Unknown value "nope" for level: ${LEVELS} at column 15`, 14],
    ['level:>error', `Operator ">" is not allowed for level: ${COMPARE} at column 7`, 6],
    ['browser:>=5', `Operator ">=" is not allowed for browser: ${COMPARE} at column 9`, 8],
    ['first-seen:=2026-11-01', 'Operator "=" is not allowed for first-seen: (expected >, >=, < or <=) at column 12', 11],
    ['first-seen:yesterday', `Invalid date "yesterday" for first-seen: ${DATES} at column 12`, 11],
    ['first-seen:-24y', `Invalid date "-24y" for first-seen: ${DATES} at column 12`, 11],
    ['first-seen:>2026-02-30', `Invalid date "2026-02-30" for first-seen: ${DATES} at column 13`, 12],
    ['last-seen:<2026-13-01', `Invalid date "2026-13-01" for last-seen: ${DATES} at column 12`, 11],
    ['last-seen:<2026-11-01T24:00', `Invalid date "2026-11-01T24:00" for last-seen: ${DATES} at column 12`, 11],
    ['first-seen:2026-11-01', 'Expected an operator (>, >=, <, <=) before the date for first-seen: at column 12', 11],
    ['last-seen:>+7d', 'Expected a relative time like -7d after ">" (+ only works without an operator) at column 12', 11],
    ['times-seen:abc', 'Invalid number "abc" for times-seen: (expected a whole number) at column 12', 11],
    ['times-seen:>1.5', 'Invalid number "1.5" for times-seen: (expected a whole number) at column 13', 12],
    ['user-count:-3', 'Invalid number "-3" for user-count: (expected a whole number) at column 12', 11],
    ['assigned:bob', 'Unknown assignee "bob" for assigned: (expected me, none, #team-slug or an email address) at column 10', 9],
    ['bookmarks:none', 'Unknown user "none" for bookmarks: (expected me or an email address) at column 11', 10],
    ['release:1.*', 'Wildcards are not supported for release: at column 9', 8],
    ['tags[]:x', 'Expected a tag name inside tags[] at column 6', 5],
    ['tags[foo', 'Unterminated tags[ key: expected "]" at column 9', 8],
    ['tags[foo]bar', 'Expected ":" after "tags[foo]" at column 10', 9],
  ])('rejects %j', (query, message, position) => {
    let caught: unknown;
    try {
      parse(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SearchQueryError);
    expect(caught).toMatchObject({ name: 'SearchQueryError', message, position });
  });
});

describe('SEARCH_KEYS', () => {
  const SAMPLE_VALUE: Record<SearchKeyType, string> = {
    status: 'resolved',
    assignee: 'me',
    user: 'me',
    string: 'x',
    level: 'error',
    date: '-1h',
    number: '1',
    'tag-name': 'browser',
  };
  const spellings = SEARCH_KEYS.flatMap((info) => [info.key, ...info.aliases].map((key) => [key, info] as const));

  it.each(spellings)('parses every suggested value for %s', (key, info) => {
    for (const value of info.values ?? [SAMPLE_VALUE[info.type]]) {
      const [filter] = parse(`${key}:${value}`).filters;
      // Only has: turns into a tag filter; every other built-in key has its own kind.
      expect(filter?.kind === 'tag').toBe(info.key === 'has');
    }
  });
});

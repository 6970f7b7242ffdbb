/**
 * Hand-written recursive-descent parser for Sentry's issue search language. Two passes: the
 * scanner below reads the grammar into raw terms (keeping every position), then buildFilter
 * checks each term against the key's meaning (status names, levels, dates, numbers).
 *
 *   query     = ws* [ term { ws+ term } ] ws*
 *   term      = filter | text
 *   filter    = [ "!" ] key ":" [ operator ] value
 *   key       = "tags[" tagName "]" | bareKey          (bare keys are case-insensitive)
 *   bareKey   = ( letter | "_" ) { letter | digit | "_" | "." | "-" }
 *   tagName   = char-except-"]"-and-ws { char-except-"]"-and-ws }
 *   operator  = ">=" | "<=" | "!=" | ">" | "<" | "="
 *   value     = list | quoted | bare
 *   list      = "[" ws* item { ws* "," ws* item } ws* "]"
 *   item      = quoted | bare-except-","-"["-"]"
 *   quoted    = '"' { char-except-'"'-and-"\" | "\" char } '"'
 *   bare      = non-ws-char-not-'"'-or-"[" { non-ws-char }
 *   text      = quoted | bare                          (a word with no "key:" prefix)
 *
 * A term must end at whitespace or the end of input. A query that is only an event id
 * (32 hex digits or a UUID) is an event lookup. Errors carry the 0-based offset in `position`;
 * messages say the 1-based column.
 */
import type { AssigneeTarget, ComparisonOperator, NumericOperator, SearchFilter } from './search-query.js';
import type { SearchKeyInfo, SearchQuery, UserTarget } from './search-query.js';
import { COMPARISON_OPERATORS, ISSUE_STATUS_ALIASES, ISSUE_STATUS_VALUES, LEVEL_ALIASES } from './search-query.js';
import { LEVEL_VALUES, NUMERIC_OPERATORS, findSearchKey, isEventId, parseIsoDate } from './search-query.js';

export { formatSearchQuery, SEARCH_KEYS } from './search-query.js';
export type { SearchFilter, SearchQuery, SearchKeyInfo } from './search-query.js';

export class SearchQueryError extends Error {
  constructor(
    /** What went wrong, without the location. */
    readonly reason: string,
    /** 0-based offset into the query, for highlighting in the search bar. */
    readonly position: number,
  ) {
    super(`${reason} at column ${position + 1}`);
    this.name = 'SearchQueryError';
  }
}

/** A value as written (quotes and escapes removed) and where it starts. */
interface RawValue {
  text: string;
  position: number;
}

interface RawFilter {
  kind: 'filter';
  negated: boolean;
  key: string;
  explicitTag: boolean;
  operator?: { op: NumericOperator; position: number };
  values: RawValue[];
  isList: boolean;
  valuePosition: number;
}

type RawTerm = RawFilter | { kind: 'text'; text: string };

const FILTER_HEAD = /(!?)(?:tags\[([^\]\s]+)\]|([A-Za-z_][A-Za-z0-9_.-]*)):/iy;
const BROKEN_TAGS_HEAD = /!?tags\[([^\]\s]*)(\]?)/iy;
const WHITESPACE = /\s/;

/** Reads the grammar above into raw terms; knows nothing about what keys mean. */
class QueryScanner {
  private pos = 0;

  constructor(private readonly input: string) {}

  /** The next term, or undefined at the end of input. */
  nextTerm(): RawTerm | undefined {
    while (this.pos < this.input.length && this.isWhitespaceAt(this.pos)) this.pos++;
    if (this.pos >= this.input.length) return undefined;
    const term: RawTerm = this.readFilter() ?? { kind: 'text', text: this.readValue(false).text };
    // Only a closing quote or bracket can be followed by more characters.
    if (this.pos < this.input.length && !this.isWhitespaceAt(this.pos)) {
      const closer = this.input.charAt(this.pos - 1) === '"' ? 'quote' : ']';
      throw new SearchQueryError(`Expected a space after the closing ${closer}`, this.pos);
    }
    return term;
  }

  private isWhitespaceAt(index: number): boolean {
    return WHITESPACE.test(this.input.charAt(index));
  }

  private match(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.input);
  }

  private readFilter(): RawFilter | undefined {
    const head = this.match(FILTER_HEAD);
    if (!head) {
      this.rejectBrokenTagsKey();
      return undefined;
    }
    this.pos += head[0].length;
    // Longest first, so ">=" is not read as ">" followed by a value "=...".
    const op = NUMERIC_OPERATORS.find((candidate) => this.input.startsWith(candidate, this.pos));
    const operator = op ? { op, position: this.pos } : undefined;
    this.pos += op?.length ?? 0;
    const valuePosition = this.pos;
    if (this.pos >= this.input.length || this.isWhitespaceAt(this.pos)) {
      throw new SearchQueryError(`Expected a value after "${this.input.slice(head.index, this.pos)}"`, this.pos);
    }
    const isList = this.input[this.pos] === '[';
    const values = isList ? this.readList() : [this.readValue(false)];
    const empty = values.find((value) => value.text === '');
    if (empty) throw new SearchQueryError('Expected a value inside the quotes', empty.position);
    const explicitTag = head[2] !== undefined;
    const key = head[2] ?? head[3] ?? '';
    return { kind: 'filter', negated: head[1] === '!', key, explicitTag, operator, values, isList, valuePosition };
  }

  /** `tags[` that FILTER_HEAD refused: say what is missing instead of reading it as text. */
  private rejectBrokenTagsKey(): void {
    const broken = this.match(BROKEN_TAGS_HEAD);
    if (!broken) return;
    const [text, name = '', close = ''] = broken;
    const nameEnd = broken.index + text.length - close.length;
    if (name === '') throw new SearchQueryError('Expected a tag name inside tags[]', nameEnd);
    if (close === '') throw new SearchQueryError('Unterminated tags[ key: expected "]"', nameEnd);
    throw new SearchQueryError(`Expected ":" after "${text}"`, nameEnd + 1);
  }

  /** A quoted or bare value; inside a list, commas and brackets end a bare value. */
  private readValue(inList: boolean): RawValue {
    const position = this.pos;
    if (this.input[this.pos] === '"') return { text: this.readQuoted(), position };
    const stop = inList ? /[\s,[\]"]/ : /\s/;
    while (this.pos < this.input.length && !stop.test(this.input.charAt(this.pos))) this.pos++;
    return { text: this.input.slice(position, this.pos), position };
  }

  private readQuoted(): string {
    const start = this.pos++;
    let text = '';
    while (this.pos < this.input.length) {
      const char = this.input.charAt(this.pos++);
      if (char === '"') return text;
      // A backslash takes the next character literally, so \" and \\ work.
      text += char === '\\' && this.pos < this.input.length ? this.input.charAt(this.pos++) : char;
    }
    throw new SearchQueryError('Unterminated quote: expected a closing "', start);
  }

  private readList(): RawValue[] {
    const open = this.pos++;
    const items: RawValue[] = [];
    for (;;) {
      this.skipListWhitespace(open);
      const item = this.readValue(true);
      if (item.text === '' && this.input[item.position] !== '"') {
        throw new SearchQueryError('Expected a value in the list', item.position);
      }
      items.push(item);
      this.skipListWhitespace(open);
      const char = this.input.charAt(this.pos++);
      if (char === ']') return items;
      if (char !== ',') throw new SearchQueryError('Expected "," or "]" in the list', this.pos - 1);
    }
  }

  private skipListWhitespace(open: number): void {
    while (this.pos < this.input.length && this.isWhitespaceAt(this.pos)) this.pos++;
    if (this.pos >= this.input.length) throw new SearchQueryError('Unterminated list: expected "]"', open);
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE_TIME = /^([+-]?)(\d+)([mhdw])$/;
function parseDate(key: string, value: RawValue, op: ComparisonOperator | undefined, now: Date) {
  const relative = RELATIVE_TIME.exec(value.text);
  if (relative) {
    const [, sign, amount, unit = ''] = relative;
    if (op && sign === '+') {
      throw new SearchQueryError(
        `Expected a relative time like -7d after "${op}" (+ only works without an operator)`,
        value.position,
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
      value.position,
    );
  }
  if (!op) {
    throw new SearchQueryError(`Expected an operator (>, >=, <, <=) before the date for ${key}:`, value.position);
  }
  return { op, at };
}

function parseCount(key: string, value: RawValue): number {
  const count = /^\d+$/.test(value.text) ? Number(value.text) : Number.NaN;
  if (!Number.isSafeInteger(count)) {
    throw new SearchQueryError(`Invalid number "${value.text}" for ${key}: (expected a whole number)`, value.position);
  }
  return count;
}

function oneOf<T extends string>(
  key: string,
  value: RawValue,
  allowed: readonly T[],
  aliases: Readonly<Record<string, T>>,
): T {
  const lower = value.text.toLowerCase();
  const found = aliases[lower] ?? allowed.find((candidate) => candidate === lower);
  if (found) return found;
  const expected = [...allowed, ...Object.keys(aliases)].join(', ');
  throw new SearchQueryError(`Unknown value "${value.text}" for ${key}: (expected one of ${expected})`, value.position);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function parseUser(key: string, value: RawValue): UserTarget {
  if (value.text.toLowerCase() === 'me') return { type: 'me' };
  if (EMAIL.test(value.text)) return { type: 'email', email: value.text };
  const message = `Unknown user "${value.text}" for ${key}: (expected me or an email address)`;
  throw new SearchQueryError(message, value.position);
}

function parseAssignee(value: RawValue): AssigneeTarget {
  const lower = value.text.toLowerCase();
  if (lower === 'none') return { type: 'none' };
  if (/^#[a-z0-9_-]+$/.test(lower)) return { type: 'team', slug: lower.slice(1) };
  if (lower === 'me' || EMAIL.test(value.text)) return parseUser('assigned', value);
  throw new SearchQueryError(
    `Unknown assignee "${value.text}" for assigned: (expected me, none, #team-slug or an email address)`,
    value.position,
  );
}

/** Rejects operators the key cannot compare with, pointing at the operator. */
function checkOperator(raw: RawFilter, info: SearchKeyInfo | undefined, keyName: string): void {
  const { operator } = raw;
  if (!operator) return;
  if (info?.type === 'number') return;
  if (info?.type === 'date') {
    if (COMPARISON_OPERATORS.some((op) => op === operator.op)) return;
    throw new SearchQueryError(
      `Operator "${operator.op}" is not allowed for ${keyName}: (expected >, >=, < or <=)`,
      operator.position,
    );
  }
  throw new SearchQueryError(
    `Operator "${operator.op}" is not allowed for ${keyName}: (comparisons only apply to first-seen, ` +
      'last-seen, times-seen and user-count; quote the value to match it literally)',
    operator.position,
  );
}

/** Gives a raw term its meaning; all value checks happen here so errors point at the value. */
function buildFilter(raw: RawFilter, now: Date): SearchFilter {
  const info = raw.explicitTag ? undefined : findSearchKey(raw.key);
  checkOperator(raw, info, info?.key ?? (raw.explicitTag ? `tags[${raw.key}]` : raw.key));
  const { negated, values } = raw;
  const texts = values.map((value) => value.text);
  if (!info) return { kind: 'tag', key: raw.key, values: texts, negated, wildcard: texts.some((v) => v.includes('*')) };
  if (raw.isList && !info.acceptsList) {
    throw new SearchQueryError(`A list of values is not allowed for ${info.key}:`, raw.valuePosition);
  }
  const first = values[0] ?? { text: '', position: raw.valuePosition };
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
      if (wildcard) throw new SearchQueryError(`Wildcards are not supported for ${info.key}:`, wildcard.position);
      return { kind: info.key, values: texts, negated };
    }
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
  const scanner = new QueryScanner(input);
  for (let term = scanner.nextTerm(); term; term = scanner.nextTerm()) {
    if (term.kind === 'filter') query.filters.push(buildFilter(term, now));
    else if (term.text !== '') query.text.push(term.text); // an empty "" phrase searches for nothing
  }
  return query;
}

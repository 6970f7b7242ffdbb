/**
 * The issue search language, as far as the search bar needs it: a scanner that knows where each
 * term, key and value is (for suggestions and highlighting), the catalog of keys, and quick checks
 * that catch typos before the server does. The server's parser stays the authority: its
 * BAD_USER_INPUT errors (with `position`) are shown the same way.
 */

export type ValueSource = 'status' | 'assignee' | 'user' | 'release' | 'environment' | 'level' | 'date' | 'number' | 'tag';

export interface SearchKey {
  key: string;
  aliases: readonly string[];
  description: string;
  source: ValueSource;
  acceptsList: boolean;
}

export const STATUS_VALUES = ['unresolved', 'resolved', 'ignored', 'archived', 'assigned', 'unassigned', 'regressed'] as const;
export const LEVEL_VALUES = ['fatal', 'error', 'warning', 'info', 'debug'] as const;
const LEVEL_ALIASES = ['warn'];
const DATE_EXAMPLES = ['-1h', '-24h', '-7d', '-30d', '+7d'];
const NUMBER_EXAMPLES = ['>1', '>10', '>100', '>1000'];
const COMMON_TAGS = ['browser', 'os', 'runtime', 'device', 'url', 'server_name', 'transaction', 'user', 'environment', 'release', 'level'];

export const SEARCH_KEYS: readonly SearchKey[] = [
  { key: 'is', aliases: [], source: 'status', acceptsList: false, description: 'Status: unresolved, resolved, ignored, assigned, regressed…' },
  { key: 'assigned', aliases: [], source: 'assignee', acceptsList: false, description: 'Assigned to me, none, #team or an email' },
  { key: 'bookmarks', aliases: ['bookmarked'], source: 'user', acceptsList: false, description: 'Bookmarked by me or an email' },
  { key: 'subscribed', aliases: [], source: 'user', acceptsList: false, description: 'Subscribed to by me or an email' },
  { key: 'release', aliases: [], source: 'release', acceptsList: true, description: 'Release version, or latest' },
  { key: 'environment', aliases: [], source: 'environment', acceptsList: true, description: 'Environment name' },
  { key: 'level', aliases: [], source: 'level', acceptsList: true, description: 'fatal, error, warning, info or debug' },
  { key: 'user.email', aliases: [], source: 'tag', acceptsList: true, description: 'Email of an affected user' },
  { key: 'first-seen', aliases: ['firstseen', 'first_seen', 'age'], source: 'date', acceptsList: false, description: 'First seen: -24h (newer), +7d (older), >2026-01-31' },
  { key: 'last-seen', aliases: ['lastseen', 'last_seen'], source: 'date', acceptsList: false, description: 'Last seen: -24h, >-7d, <2026-01-31' },
  { key: 'times-seen', aliases: ['timesseen', 'times_seen'], source: 'number', acceptsList: false, description: 'Number of events: 10, >10, <=5' },
  { key: 'user-count', aliases: ['usercount', 'user_count'], source: 'number', acceptsList: false, description: 'Affected users: >100' },
  { key: 'has', aliases: [], source: 'tag', acceptsList: false, description: 'Has any value for a tag' },
];

export function findKey(name: string): SearchKey | undefined {
  const lower = name.toLowerCase();
  return SEARCH_KEYS.find((k) => k.key === lower || k.aliases.includes(lower));
}

export interface SearchValue {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

export interface SearchTerm {
  start: number;
  end: number;
  negated: boolean;
  /** Set for `key:value` filters; free text has none. */
  key?: { name: string; start: number; end: number };
  operator?: { op: string; start: number };
  values: SearchValue[];
  isList: boolean;
  /** Where the value part begins (after the colon and operator). */
  valueStart: number;
}

export class SearchSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at column ${position + 1}`);
  }
}

const HEAD = /(!?)(tags\[[^\]\s]+\]|[A-Za-z_][A-Za-z0-9_.-]*):/y;
const OPERATORS = ['>=', '<=', '!=', '>', '<', '='];

/**
 * Splits a query into terms. Lenient mode (for suggestions) never throws: an unfinished quote
 * or list just runs to the end of the input.
 */
export function scanQuery(input: string, options: { lenient?: boolean } = {}): SearchTerm[] {
  const fail = (reason: string, position: number) => {
    if (!options.lenient) throw new SearchSyntaxError(reason, position);
  };
  const terms: SearchTerm[] = [];
  let pos = 0;
  const isSpace = (i: number) => /\s/.test(input.charAt(i));

  const readQuoted = (): SearchValue => {
    const start = pos++;
    let text = '';
    while (pos < input.length) {
      const char = input.charAt(pos++);
      if (char === '"') return { text, start, end: pos, quoted: true };
      text += char === '\\' && pos < input.length ? input.charAt(pos++) : char;
    }
    fail('Unterminated quote: expected a closing "', start);
    return { text, start, end: pos, quoted: true };
  };
  const readBare = (inList: boolean): SearchValue => {
    const start = pos;
    const stop = inList ? /[\s,[\]"]/ : /\s/;
    while (pos < input.length && !stop.test(input.charAt(pos))) pos++;
    return { text: input.slice(start, pos), start, end: pos, quoted: false };
  };
  const readValue = (inList: boolean) => (input[pos] === '"' ? readQuoted() : readBare(inList));

  while (pos < input.length) {
    while (pos < input.length && isSpace(pos)) pos++;
    if (pos >= input.length) break;
    const start = pos;
    HEAD.lastIndex = pos;
    const head = HEAD.exec(input);
    if (!head) {
      const value = readValue(false);
      terms.push({ start, end: pos, negated: false, values: [value], isList: false, valueStart: start });
    } else {
      const negated = head[1] === '!';
      const name = head[2] ?? '';
      const keyStart = start + (negated ? 1 : 0);
      pos += head[0].length;
      const op = OPERATORS.find((candidate) => input.startsWith(candidate, pos));
      const operator = op ? { op, start: pos } : undefined;
      pos += op?.length ?? 0;
      const valueStart = pos;
      const values: SearchValue[] = [];
      let isList = false;
      if (pos >= input.length || isSpace(pos)) {
        fail(`Expected a value after "${input.slice(start, pos)}"`, pos);
      } else if (input[pos] === '[') {
        isList = true;
        const open = pos++;
        for (;;) {
          while (pos < input.length && isSpace(pos)) pos++;
          if (pos >= input.length) {
            fail('Unterminated list: expected "]"', open);
            break;
          }
          const item = readValue(true);
          if (item.text === '' && !item.quoted) fail('Expected a value in the list', item.start);
          values.push(item);
          while (pos < input.length && isSpace(pos)) pos++;
          const char = input.charAt(pos);
          if (char === ']') {
            pos++;
            break;
          }
          if (char === ',') {
            pos++;
            continue;
          }
          if (pos >= input.length) {
            fail('Unterminated list: expected "]"', open);
            break;
          }
          fail('Expected "," or "]" in the list', pos);
          if (options.lenient) pos++;
        }
      } else {
        values.push(readValue(false));
      }
      const key = { name: name.replace(/^tags\[(.*)\]$/, '$1'), start: keyStart, end: keyStart + name.length };
      terms.push({ start, end: pos, negated, key, ...(operator ? { operator } : {}), values, isList, valueStart });
    }
    if (pos < input.length && !isSpace(pos)) {
      fail(`Expected a space after the closing ${input.charAt(pos - 1) === '"' ? 'quote' : ']'}`, pos);
      // Lenient: swallow the rest of this word into the term.
      while (pos < input.length && !isSpace(pos)) pos++;
      const last = terms[terms.length - 1];
      if (last) last.end = pos;
    }
  }
  return terms;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const RELATIVE = /^[+-]?\d+[mhdw]$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** The first mistake in the query that the server would reject, or null. */
export function checkQuery(input: string): SearchSyntaxError | null {
  let terms: SearchTerm[];
  try {
    terms = scanQuery(input);
  } catch (error) {
    return error as SearchSyntaxError;
  }
  for (const term of terms) {
    const info = term.key && !input.startsWith('tags[', term.key.start) ? findKey(term.key.name) : undefined;
    if (!term.key || !info) continue;
    const first = term.values[0];
    if (!first) continue;
    const bad = (reason: string, at = first.start) => new SearchSyntaxError(reason, at);
    const op = term.operator?.op;
    if (op && info.source !== 'number' && info.source !== 'date') {
      return bad(`Operator "${op}" is not allowed for ${info.key}:`, term.operator!.start);
    }
    if (op && info.source === 'date' && !['>', '>=', '<', '<='].includes(op)) {
      return bad(`Operator "${op}" is not allowed for ${info.key}: (expected >, >=, < or <=)`, term.operator!.start);
    }
    if (term.isList && !info.acceptsList) return bad(`A list of values is not allowed for ${info.key}:`, term.valueStart);
    const text = first.text.toLowerCase();
    switch (info.source) {
      case 'status':
        if (!(STATUS_VALUES as readonly string[]).includes(text)) {
          return bad(`Unknown value "${first.text}" for is: (expected one of ${STATUS_VALUES.join(', ')})`);
        }
        break;
      case 'level':
        for (const value of term.values) {
          const lower = value.text.toLowerCase();
          if (!(LEVEL_VALUES as readonly string[]).includes(lower) && !LEVEL_ALIASES.includes(lower)) {
            return bad(`Unknown value "${value.text}" for level: (expected one of ${LEVEL_VALUES.join(', ')})`, value.start);
          }
        }
        break;
      case 'assignee':
        if (!['me', 'none'].includes(text) && !/^#[a-z0-9_-]+$/.test(text) && !EMAIL.test(first.text)) {
          return bad(`Unknown assignee "${first.text}" for assigned: (expected me, none, #team-slug or an email address)`);
        }
        break;
      case 'user':
        if (text !== 'me' && !EMAIL.test(first.text)) return bad(`Unknown user "${first.text}" for ${info.key}: (expected me or an email address)`);
        break;
      case 'number':
        if (!/^\d+$/.test(first.text)) return bad(`Invalid number "${first.text}" for ${info.key}: (expected a whole number)`);
        break;
      case 'date':
        if (RELATIVE.test(first.text)) {
          if (op && first.text.startsWith('+')) return bad(`Expected a relative time like -7d after "${op}"`);
        } else if (!ISO_DATE.test(first.text)) {
          return bad(`Invalid date "${first.text}" for ${info.key}: (expected -24h, +7d, 2026-11-01 or an ISO timestamp)`);
        } else if (!op) {
          return bad(`Expected an operator (>, >=, <, <=) before the date for ${info.key}:`);
        }
        break;
      case 'release':
      case 'environment':
        for (const value of term.values) {
          if (value.text.includes('*')) return bad(`Wildcards are not supported for ${info.key}:`, value.start);
        }
        break;
      default:
        break;
    }
  }
  return null;
}

/** Values the search bar can offer; the fixed ones (is:, level:) need none of these. */
export interface SuggestionValues {
  releases?: readonly string[];
  environments?: readonly string[];
  /** Member emails. */
  users?: readonly string[];
  /** Team slugs (without #). */
  teams?: readonly string[];
}

export interface Suggestion {
  kind: 'key' | 'value';
  label: string;
  description?: string;
  /** Replace input[from, to) with `text`, then put the caret after it. */
  from: number;
  to: number;
  text: string;
}

const quoteIfNeeded = (value: string) => (/[\s"[\],]/.test(value) || value === '' ? `"${value.replace(/["\\]/g, '\\$&')}"` : value);

function valuesFor(info: SearchKey, values: SuggestionValues): { value: string; description?: string }[] {
  switch (info.source) {
    case 'status':
      return STATUS_VALUES.map((value) => ({ value }));
    case 'level':
      return LEVEL_VALUES.map((value) => ({ value }));
    case 'assignee':
      return [
        { value: 'me', description: 'Assigned to you' },
        { value: 'none', description: 'Unassigned' },
        ...(values.teams ?? []).map((slug) => ({ value: `#${slug}`, description: 'Team' })),
        ...(values.users ?? []).map((value) => ({ value })),
      ];
    case 'user':
      return [{ value: 'me', description: 'You' }, ...(values.users ?? []).map((value) => ({ value }))];
    case 'release':
      return [{ value: 'latest', description: 'The most recent release' }, ...(values.releases ?? []).map((value) => ({ value }))];
    case 'environment':
      return (values.environments ?? []).map((value) => ({ value }));
    case 'date':
      return DATE_EXAMPLES.map((value) => ({ value, description: value.startsWith('+') ? 'older than' : 'within the last' }));
    case 'number':
      return NUMBER_EXAMPLES.map((value) => ({ value }));
    case 'tag':
      return info.key === 'has' ? COMMON_TAGS.map((value) => ({ value })) : [];
  }
}

/** What to offer with the caret at `caret`: keys while typing a word, values after `key:`. */
export function suggest(input: string, caret: number, values: SuggestionValues = {}, limit = 10): Suggestion[] {
  const terms = scanQuery(input, { lenient: true });
  const term = terms.find((t) => t.start <= caret && caret <= t.end);
  if (term?.key && caret >= term.valueStart) {
    const info = findKey(term.key.name);
    if (!info) return [];
    // Inside a list, complete the item under the caret.
    const current = term.values.find((v) => v.start <= caret && caret <= v.end) ?? { text: '', start: caret, end: caret, quoted: false };
    const typed = input.slice(current.start, caret).replace(/^"/, '').toLowerCase();
    const seen = new Set<string>();
    return valuesFor(info, values)
      .filter(({ value }) => {
        const lower = value.toLowerCase();
        if (seen.has(lower) || !lower.includes(typed) || lower === typed) return false;
        seen.add(lower);
        return true;
      })
      .sort((a, b) => Number(!a.value.toLowerCase().startsWith(typed)) - Number(!b.value.toLowerCase().startsWith(typed)))
      .slice(0, limit)
      .map(({ value, description }) => ({
        kind: 'value' as const,
        label: value,
        ...(description ? { description } : {}),
        from: current.start,
        to: term.isList ? current.end : term.end,
        text: term.isList ? quoteIfNeeded(value) : `${quoteIfNeeded(value)} `,
      }));
  }
  if (term?.values[0]?.quoted) return [];
  // A word being typed (or nothing yet): offer keys that start with it.
  const from = term ? term.start + (input[term.start] === '!' ? 1 : 0) : caret;
  const to = term ? (term.key ? term.key.end + 1 : term.end) : caret;
  const typed = input.slice(from, caret).toLowerCase();
  if (term?.key && caret < term.valueStart && caret > term.key.end) return [];
  return SEARCH_KEYS.filter((k) => [k.key, ...k.aliases].some((name) => name.startsWith(typed)))
    .slice(0, limit)
    .map((k) => ({ kind: 'key' as const, label: `${k.key}:`, description: k.description, from, to, text: `${k.key}:` }));
}

/** Applies a suggestion; returns the new query and caret. */
export function applySuggestion(input: string, suggestion: Suggestion): { query: string; caret: number } {
  const query = input.slice(0, suggestion.from) + suggestion.text + input.slice(suggestion.to);
  return { query, caret: suggestion.from + suggestion.text.length };
}

/**
 * The issue search language in the search bar: suggestions for keys and values as you type, and
 * the errors the server would answer, found before it does. The grammar, keys and parser are the
 * server's own (schema/src/search/), so the two cannot disagree.
 */
import { findSearchKey, parseSearchQuery, scanSearchQuery, SEARCH_KEYS, SearchQueryError, type SearchKeyInfo } from '../../../schema/src/search/index.js';

const DATE_EXAMPLES = ['-1h', '-24h', '-7d', '-30d', '+7d'];
const NUMBER_EXAMPLES = ['>1', '>10', '>100', '>1000'];
const COMMON_TAGS = ['browser', 'os', 'runtime', 'device', 'url', 'server_name', 'transaction', 'user', 'environment', 'release', 'level'];

/** The first mistake in the query that the server would reject, or null. */
export function checkQuery(input: string): SearchQueryError | null {
  try {
    parseSearchQuery(input);
    return null;
  } catch (error) {
    if (error instanceof SearchQueryError) return error;
    throw error;
  }
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

function valuesFor(info: SearchKeyInfo, values: SuggestionValues): { value: string; description?: string }[] {
  switch (info.type) {
    case 'assignee':
      return [
        { value: 'me', description: 'Assigned to you' },
        { value: 'none', description: 'Unassigned' },
        ...(values.teams ?? []).map((slug) => ({ value: `#${slug}`, description: 'Team' })),
        ...(values.users ?? []).map((value) => ({ value })),
      ];
    case 'user':
      return [{ value: 'me', description: 'You' }, ...(values.users ?? []).map((value) => ({ value }))];
    case 'status':
    case 'level':
      return (info.values ?? []).map((value) => ({ value }));
    case 'string':
      if (info.key === 'release') {
        return [{ value: 'latest', description: 'The most recent release' }, ...(values.releases ?? []).map((value) => ({ value }))];
      }
      return info.key === 'environment' ? (values.environments ?? []).map((value) => ({ value })) : [];
    case 'date':
      return DATE_EXAMPLES.map((value) => ({ value, description: value.startsWith('+') ? 'older than' : 'within the last' }));
    case 'number':
      return NUMBER_EXAMPLES.map((value) => ({ value }));
    case 'tag-name':
      return COMMON_TAGS.map((value) => ({ value }));
  }
}

/** What to offer with the caret at `caret`: keys while typing a word, values after `key:`. */
export function suggest(input: string, caret: number, values: SuggestionValues = {}, limit = 10): Suggestion[] {
  const terms = scanSearchQuery(input, { lenient: true });
  const term = terms.find((t) => t.start <= caret && caret <= t.end);
  if (term?.key && caret >= term.valueStart) {
    const info = findSearchKey(term.key.name);
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

import { describe, expect, it } from 'vitest';
import { scanSearchQuery } from './scan-search-query.js';

describe('scanSearchQuery', () => {
  it('finds keys, operators, values and free text with their positions', () => {
    const terms = scanSearchQuery('is:unresolved !assigned:me times-seen:>10 "connection reset" release:[1.0, "2.0 beta"]');
    expect(terms.map((t) => ({ key: t.key?.name, negated: t.negated, op: t.operator?.op, values: t.values.map((v) => v.text) }))).toEqual([
      { key: 'is', negated: false, op: undefined, values: ['unresolved'] },
      { key: 'assigned', negated: true, op: undefined, values: ['me'] },
      { key: 'times-seen', negated: false, op: '>', values: ['10'] },
      { key: undefined, negated: false, op: undefined, values: ['connection reset'] },
      { key: 'release', negated: false, op: undefined, values: ['1.0', '2.0 beta'] },
    ]);
    expect(terms[1]).toMatchObject({ start: 14, valueStart: 24, key: { start: 15, end: 23 } });
  });

  it('reads tags[key] and escaped quotes', () => {
    const [tag, text] = scanSearchQuery('tags[sentry:user]:"id:1" "say \\"hi\\""');
    expect(tag?.key?.name).toBe('sentry:user');
    expect(tag?.values[0]?.text).toBe('id:1');
    expect(text?.values[0]?.text).toBe('say "hi"');
  });

  it('is lenient on request: unfinished quotes and lists run to the end', () => {
    expect(scanSearchQuery('is:unresolved "half', { lenient: true })).toHaveLength(2);
    expect(scanSearchQuery('release:[1.0, 2', { lenient: true })[0]?.values.map((v) => v.text)).toEqual(['1.0', '2']);
  });
});


describe('scanSearchQuery, lenient', () => {
  it.each([
    ['tags[', 1],
    ['release:"" is:', 2],
    ['"a"b c', 2],
    ['level:[error warning] x', 2],
    ['level:[,', 1],
  ])('reads %j without throwing, which the strict scan rejects', (query, count) => {
    expect(() => scanSearchQuery(query)).toThrow(/at column/);
    expect(scanSearchQuery(query, { lenient: true })).toHaveLength(count);
  });

  it('keeps a malformed word in the term it belongs to', () => {
    const [term] = scanSearchQuery('browser:"a"b next', { lenient: true });
    expect(term).toMatchObject({ start: 0, end: 12, key: { name: 'browser', explicitTag: false } });
  });

  it('marks tags[name] keys as explicit tags', () => {
    expect(scanSearchQuery('TAGS[level]:x')[0]?.key).toEqual({ name: 'level', start: 0, end: 11, explicitTag: true });
  });
});

import { describe, expect, it } from 'vitest';
import { applySuggestion, checkQuery, suggest } from './search-language';

describe('checkQuery', () => {
  it.each([
    'is:unresolved',
    'is:archived level:warn',
    'assigned:#backend assigned:jo@example.com !assigned:me',
    'first-seen:-24h last-seen:>2026-11-01 times-seen:>=10',
    'level:[error, fatal] browser:"Chrome 1*" has:user',
    'plain words',
    '',
  ])('accepts %j', (query) => expect(checkQuery(query)).toBeNull());

  it.each([
    ['is:open', 'Unknown value "open" for is:', 3],
    ['level:loud', 'Unknown value "loud" for level:', 6],
    ['assigned:bob', 'Unknown assignee "bob"', 9],
    ['times-seen:many', 'Invalid number "many"', 11],
    ['first-seen:yesterday', 'Invalid date "yesterday"', 11],
    ['first-seen:2026-11-01', 'Expected an operator', 11],
    ['is:', 'Expected a value after "is:"', 3],
    ['"unterminated', 'Unterminated quote', 0],
    ['release:[1.0, 2.0', 'Unterminated list', 8],
    ['is:[resolved]', 'A list of values is not allowed for is:', 3],
    ['environment:prod*', 'Wildcards are not supported for environment:', 12],
    ['level:>error', 'Operator ">" is not allowed for level:', 6],
    ['"quoted"word', 'Expected a space after the closing quote', 8],
  ])('rejects %j', (query, message, position) => {
    const error = checkQuery(query);
    expect(error?.message).toContain(message);
    expect(error?.position).toBe(position);
  });
});

describe('suggest', () => {
  const values = { releases: ['web@1.2.3', 'web@1.3.0'], environments: ['production', 'staging'], users: ['jane@example.com'], teams: ['backend'] };

  it('offers every key for an empty query and keys by prefix while typing', () => {
    expect(suggest('', 0).map((s) => s.label)).toContain('is:');
    expect(suggest('ass', 3).map((s) => s.label)).toEqual(['assigned:']);
    expect(suggest('is:unresolved env', 17).map((s) => s.label)).toEqual(['environment:']);
    expect(suggest('!rel', 4)[0]).toMatchObject({ label: 'release:', from: 1, to: 4 });
  });

  it('offers values after a key', () => {
    expect(suggest('is:', 3).map((s) => s.label)).toEqual(['unresolved', 'resolved', 'ignored', 'archived', 'assigned', 'unassigned', 'regressed', 'for_review']);
    expect(suggest('is:re', 5).map((s) => s.label)).toEqual(['resolved', 'regressed', 'unresolved', 'ignored', 'for_review']);
    expect(suggest('assigned:', 9, values).map((s) => s.label)).toEqual(['me', 'none', '#backend', 'jane@example.com']);
    expect(suggest('release:web@1.3', 15, values).map((s) => s.label)).toEqual(['web@1.3.0']);
    expect(suggest('environment:', 12, values).map((s) => s.label)).toEqual(['production', 'staging']);
    expect(suggest('level:fa', 8).map((s) => s.label)).toEqual(['fatal']);
  });

  it('completes the item under the caret inside a list', () => {
    const [first] = suggest('environment:[production, st]', 26, values);
    expect(first).toMatchObject({ label: 'staging', text: 'staging' });
    expect(applySuggestion('environment:[production, st]', first!).query).toBe('environment:[production, staging]');
  });

  it('applies a key, then a value, leaving the caret where typing goes on', () => {
    const key = suggest('is:unresolved lev', 17)[0]!;
    const step1 = applySuggestion('is:unresolved lev', key);
    expect(step1).toEqual({ query: 'is:unresolved level:', caret: 20 });
    const value = suggest(step1.query, step1.caret).find((s) => s.label === 'error')!;
    expect(applySuggestion(step1.query, value)).toEqual({ query: 'is:unresolved level:error ', caret: 26 });
  });

  it('quotes values with spaces', () => {
    const [suggestion] = suggest('release:', 8, { releases: ['my app 1.0'] }).filter((s) => s.label === 'my app 1.0');
    expect(suggestion?.text).toBe('"my app 1.0" ');
  });

  it('offers nothing inside free-text quotes', () => {
    expect(suggest('"connection', 11)).toEqual([]);
  });
});

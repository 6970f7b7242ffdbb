import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, readStreamParams, updateStreamParams, writeStreamParams } from './stream-params';

describe('stream params', () => {
  it('defaults to unresolved issues, last seen first', () => {
    expect(readStreamParams(new URLSearchParams())).toEqual({ query: DEFAULT_QUERY, sort: 'LAST_SEEN', environment: null, statsPeriod: null, project: null, cursor: null });
    expect(writeStreamParams(readStreamParams(new URLSearchParams())).toString()).toBe('');
  });

  it('round-trips through the URL in Sentry spellings', () => {
    const search = new URLSearchParams('project=web&query=is%3Aresolved&sort=freq&environment=production&statsPeriod=24h&cursor=abc');
    const params = readStreamParams(search);
    expect(params).toEqual({ query: 'is:resolved', sort: 'FREQUENCY', environment: 'production', statsPeriod: '24h', project: 'web', cursor: 'abc' });
    expect(writeStreamParams(params).toString()).toBe(search.toString());
  });

  it('keeps an explicitly empty search (everything)', () => {
    const params = readStreamParams(new URLSearchParams('query='));
    expect(params.query).toBe('');
    expect(writeStreamParams(params).toString()).toBe('query=');
  });

  it('ignores nonsense', () => {
    expect(readStreamParams(new URLSearchParams('sort=bogus&statsPeriod=forever'))).toMatchObject({ sort: 'LAST_SEEN', statsPeriod: null });
  });

  it('goes back to the first page when the search changes, not when the page does', () => {
    const params = readStreamParams(new URLSearchParams('cursor=abc'));
    expect(updateStreamParams(params, { query: 'is:resolved' }).cursor).toBeNull();
    expect(updateStreamParams(params, { cursor: 'def' }).cursor).toBe('def');
  });
});

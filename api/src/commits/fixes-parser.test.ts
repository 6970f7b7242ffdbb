import { describe, expect, it } from 'vitest';
import { parseFixesReferences } from './fixes-parser.js';

const HOST = 'vigil.example';

describe('parseFixesReferences', () => {
  it.each([
    ['a plain reference', 'Fixes WEB-12', ['WEB-12']],
    ['every keyword form', 'fix WEB-1\nFixed WEB-2\nclose WEB-3\nCloses WEB-4\nClosed WEB-5\nresolve WEB-6\nResolves WEB-7\nRESOLVED WEB-8', [
      'WEB-1', 'WEB-2', 'WEB-3', 'WEB-4', 'WEB-5', 'WEB-6', 'WEB-7', 'WEB-8',
    ]],
    ['a colon after the keyword', 'Fixes: WEB-12', ['WEB-12']],
    ['base32 numbers, upper-cased', 'fixes web-1a', ['WEB-1A']],
    ['a project slug with dashes', 'Fixes MY-APP-3', ['MY-APP-3']],
    ['a comma-separated list', 'Fixes WEB-12, WEB-13,WEB-14', ['WEB-12', 'WEB-13', 'WEB-14']],
    ['a list with "and"', 'Fixes WEB-12, WEB-13 and API-3', ['WEB-12', 'WEB-13', 'API-3']],
    ['a list with ", and"', 'Resolves WEB-12, WEB-13, and WEB-14.', ['WEB-12', 'WEB-13', 'WEB-14']],
    ['space-separated references', 'Fixes WEB-12 WEB-13', ['WEB-12', 'WEB-13']],
    ['a sentence after the reference', 'Fixes WEB-12 which crashed the cart', ['WEB-12']],
    ['punctuation after the reference', 'This commit (fixes WEB-12).', ['WEB-12']],
    ['duplicates once', 'Fixes WEB-12\n\nAlso fixes web-12', ['WEB-12']],
    ['a markdown link to the issue', 'Fixes [WEB-12](https://vigil.example/organizations/acme/issues/5/)', ['WEB-12']],
    ['a list wrapped after a comma', 'Fixes WEB-12,\n  WEB-13', ['WEB-12', 'WEB-13']],
    ['the reference on the next line', 'Fixes:\nWEB-12', ['WEB-12']],
  ])('finds %s', (_name, text, shortIds) => {
    expect(parseFixesReferences(text, HOST).shortIds).toEqual(shortIds);
  });

  it('reads a multi-line commit message with a body and footers', () => {
    const message = [
      'Guard against an empty cart in checkout',
      '',
      'The cart could be undefined when the session expired mid-checkout,',
      'which threw in addItem. WEB-99 is a different problem.',
      '',
      'Fixes WEB-12',
      'Closes: API-7, API-8',
      'Co-authored-by: Jane Doe <jane@example.com>',
      'Signed-off-by: John Roe <john@example.com>',
    ].join('\n');
    expect(parseFixesReferences(message, HOST)).toEqual({ shortIds: ['WEB-12', 'API-7', 'API-8'], issueIds: [] });
  });

  it('counts references inside code blocks like any other text', () => {
    expect(parseFixesReferences('Notes:\n```\nfixes WEB-3\n```', HOST).shortIds).toEqual(['WEB-3']);
  });

  it.each([
    ['no keyword', 'Refactor WEB-12 handling'],
    ['a keyword inside a word', 'Prefix WEB-12 with hotfix WEB-13 via bugfix: WEB-14'],
    ['"Fixing"', 'Fixing WEB-12 later'],
    ['"Fixture"', 'Fixture WEB-12'],
    ['a keyword followed by words', 'Fixes the crash in WEB-12'],
    ['a dashed word with digits only', 'Fixed 2024-01 regression'],
    ['a version', 'Fixes v1.2.3'],
    ['an issue number (GitHub)', 'Fixes #123'],
    ['letters outside the short-ID alphabet', 'Fixes WEB-IOU'],
    ['an empty message', ''],
  ])('ignores %s', (_name, text) => {
    expect(parseFixesReferences(text, HOST)).toEqual({ shortIds: [], issueIds: [] });
  });

  it('takes a reference glued to a prefix as one short ID, not as WEB-12', () => {
    expect(parseFixesReferences('Fixes prefix-WEB-12', HOST).shortIds).toEqual(['PREFIX-WEB-12']);
    expect(parseFixesReferences('See prefix-WEB-12', HOST).shortIds).toEqual([]);
  });

  describe('issue URLs', () => {
    it('reads issue ids from URLs on the own host', () => {
      const text = 'Fixes https://vigil.example/organizations/acme/issues/123/ and https://vigil.example/organizations/acme/issues/456';
      expect(parseFixesReferences(text, HOST)).toEqual({ shortIds: [], issueIds: [123, 456] });
    });

    it('accepts query strings, fragments and a trailing period', () => {
      const text = 'Resolves https://vigil.example/organizations/acme/issues/7/?project=2#events.\nFixes https://vigil.example/organizations/acme/issues/8.';
      expect(parseFixesReferences(text, HOST).issueIds).toEqual([7, 8]);
    });

    it('compares the host with its port, case-insensitively', () => {
      expect(parseFixesReferences('Fixes http://VIGIL.example:8000/organizations/a/issues/9/', 'vigil.example:8000').issueIds).toEqual([9]);
      expect(parseFixesReferences('Fixes http://vigil.example:9000/organizations/a/issues/9/', 'vigil.example:8000').issueIds).toEqual([]);
    });

    it('reads the URL of a markdown link whose text is not a short ID', () => {
      expect(parseFixesReferences('Fixes [this crash](https://vigil.example/organizations/acme/issues/31/)', HOST).issueIds).toEqual([31]);
    });

    it('mixes URLs and short IDs in one list', () => {
      expect(parseFixesReferences('Fixes WEB-12, https://vigil.example/organizations/acme/issues/3/', HOST)).toEqual({ shortIds: ['WEB-12'], issueIds: [3] });
    });

    it.each([
      ['another host', 'Fixes https://sentry.io/organizations/acme/issues/123/'],
      ['a host that merely ends like ours', 'Fixes https://evil-vigil.example/organizations/acme/issues/123/'],
      ['another path', 'Fixes https://vigil.example/organizations/acme/releases/123/'],
      ['a URL without a keyword', 'See https://vigil.example/organizations/acme/issues/123/'],
    ])('ignores %s', (_name, text) => {
      expect(parseFixesReferences(text, HOST).issueIds).toEqual([]);
    });

    it('ignores every URL when the own host is unknown', () => {
      expect(parseFixesReferences('Fixes https://vigil.example/organizations/acme/issues/123/').issueIds).toEqual([]);
    });
  });
});

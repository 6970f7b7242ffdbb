import { describe, expect, it } from 'vitest';
import { parseHandles } from './mention-parser.js';

describe('parseHandles', () => {
  it('finds @email, @name and #team handles, lower-cased and without duplicates', () => {
    expect(parseHandles('@Ann.Lee@Example.com and @bob, see #Backend. Thanks @ann.lee@example.com!')).toEqual({
      people: ['ann.lee@example.com', 'bob'],
      teams: ['backend'],
    });
  });

  it('keeps a sentence\'s final dot out of a handle', () => {
    expect(parseHandles('ping @carol.').people).toEqual(['carol']);
  });

  it('ignores emails in prose, markdown headings, code spans and fenced blocks', () => {
    expect(parseHandles('mail dave@example.com\n# Heading\n`@eve #ops`\n```\n@frank #infra\n```\nend')).toEqual({ people: [], teams: [] });
  });
});

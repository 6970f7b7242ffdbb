import { describe, expect, it } from 'vitest';
import { applyOption, handleAtCaret, matchingOptions, type MentionOption } from './mention-autocomplete';

const options: MentionOption[] = [
  { kind: 'person', id: '1', name: 'Ann Lee', email: 'ann@example.com' },
  { kind: 'person', id: '2', name: 'Bob', email: 'bob@example.com' },
  { kind: 'team', id: '3', slug: 'backend', name: 'Backend' },
];

describe('mention autocomplete', () => {
  it('finds the handle being typed at the caret, not inside words or emails', () => {
    expect(handleAtCaret('hi @an', 6)).toEqual({ trigger: '@', query: 'an', start: 3 });
    expect(handleAtCaret('#ba', 3)).toEqual({ trigger: '#', query: 'ba', start: 0 });
    expect(handleAtCaret('mail a@b', 8)).toBeNull();
    expect(handleAtCaret('@ann done', 9)).toBeNull();
  });

  it('offers people for @ and teams for #, by name, email or slug', () => {
    expect(matchingOptions({ trigger: '@', query: 'lee', start: 0 }, options).map((o) => o.id)).toEqual(['1']);
    expect(matchingOptions({ trigger: '@', query: '', start: 0 }, options).map((o) => o.id)).toEqual(['1', '2']);
    expect(matchingOptions({ trigger: '#', query: 'back', start: 0 }, options).map((o) => o.id)).toEqual(['3']);
  });

  it('replaces the typed handle with the email or slug, followed by one space', () => {
    expect(applyOption('#b', 2, handleAtCaret('#b', 2)!, options[2]!)).toEqual({ text: '#backend ', caret: 9 });
    const text = 'ping @an please';
    const handle = handleAtCaret(text, 8)!;
    expect(applyOption(text, 8, handle, options[0]!)).toEqual({ text: 'ping @ann@example.com please', caret: 22 });
  });
});

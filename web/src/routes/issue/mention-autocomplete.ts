/** Pure logic of the comment box's `@`/`#` autocomplete: which handle is being typed, and what to insert. */

export interface PersonOption {
  kind: 'person';
  id: string;
  name: string;
  email: string;
}
export interface TeamOption {
  kind: 'team';
  id: string;
  slug: string;
  name: string;
}
export type MentionOption = PersonOption | TeamOption;

export interface TypedHandle {
  trigger: '@' | '#';
  query: string;
  /** Where the handle (with its trigger) starts in the text. */
  start: number;
}

/** The handle the caret is in, if any: `@` or `#` after a space or at the start, then no space. */
export function handleAtCaret(text: string, caret: number): TypedHandle | null {
  const match = /(^|[\s(])([@#])([^\s@#]*)$/.exec(text.slice(0, caret));
  if (!match) return null;
  const trigger = match[2] as '@' | '#';
  const query = match[3] ?? '';
  return { trigger, query, start: caret - query.length - 1 };
}

export function matchingOptions(handle: TypedHandle, options: MentionOption[], limit = 8): MentionOption[] {
  const q = handle.query.toLowerCase();
  return options
    .filter((o) => (handle.trigger === '@' ? o.kind === 'person' : o.kind === 'team'))
    .filter((o) => (o.kind === 'person' ? [o.name, o.email] : [o.slug, o.name]).some((v) => v.toLowerCase().includes(q)))
    .slice(0, limit);
}

/** What a chosen option becomes in the text: the member's email (unambiguous) or the team's slug. */
export const insertionOf = (option: MentionOption): string => (option.kind === 'person' ? `@${option.email}` : `#${option.slug}`);

/** The text with the typed handle replaced by the option, and where the caret goes. */
export function applyOption(text: string, caret: number, handle: TypedHandle, option: MentionOption): { text: string; caret: number } {
  const after = text.slice(caret);
  const space = /^\s/.test(after) ? '' : ' ';
  const inserted = insertionOf(option) + space;
  // The caret goes past the space either way, ready for the next word.
  return { text: text.slice(0, handle.start) + inserted + after, caret: handle.start + inserted.length + (space ? 0 : 1) };
}

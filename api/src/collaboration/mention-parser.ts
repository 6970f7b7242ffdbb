/**
 * The handles a comment names: `@email`, `@name` (a member's name without spaces, or the part of
 * their email before the @) and `#team` (a team's slug). Pure; which handles are real is decided
 * against the organization's members and teams by mention-resolver.ts.
 */

export interface Handles {
  /** Lower-cased, without the `@`. */
  people: string[];
  /** Lower-cased team slugs, without the `#`. */
  teams: string[];
}

// Not after a word character, `@` or `#` (so `a@b.com` in prose and `##` are not handles).
const PERSON = /(?<![\p{L}\p{N}_@#/])@([\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}|[\p{L}\p{N}_.-]+)/gu;
const TEAM = /(?<![\p{L}\p{N}_@#&/])#([a-z0-9][a-z0-9_-]*)/giu;
// Code spans and fenced blocks show handles literally, so they mention nobody.
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;

/** A handle at the end of a sentence ("thanks @ann.") keeps its dot out. */
const trimTrailing = (handle: string): string => handle.replace(/[.-]+$/, '');

export function parseHandles(text: string): Handles {
  const prose = text.replace(CODE, ' ');
  const people = new Set<string>();
  const teams = new Set<string>();
  for (const match of prose.matchAll(PERSON)) {
    const handle = trimTrailing(match[1]!).toLowerCase();
    if (handle) people.add(handle);
  }
  for (const match of prose.matchAll(TEAM)) teams.add(match[1]!.toLowerCase());
  return { people: [...people], teams: [...teams] };
}

/**
 * The parsed form of Sentry's issue search language (docs: "Search", "Issue Properties"), and the
 * readers of event ids and ISO dates that the parser and the printer share.
 */
/** `for_review`: in the inbox (new, regressed or unignored in the last 7 days, not yet reviewed). */
export type IssueStatusValue = 'unresolved' | 'resolved' | 'ignored' | 'assigned' | 'unassigned' | 'regressed' | 'for_review';
export type LevelValue = 'fatal' | 'error' | 'warning' | 'info' | 'debug';
export type ComparisonOperator = '>' | '>=' | '<' | '<=';
export type NumericOperator = '=' | '>' | '>=' | '<' | '<=' | '!=';
/** Longest first, so ">=" is not read as ">" followed by a value "=...". */
export const NUMERIC_OPERATORS: readonly NumericOperator[] = ['>=', '<=', '!=', '>', '<', '='];
export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['>', '>=', '<', '<='];
export type UserTarget = { type: 'me' } | { type: 'email'; email: string };
export type AssigneeTarget = UserTarget | { type: 'team'; slug: string } | { type: 'none' };

export type SearchFilter =
  | { kind: 'is'; value: IssueStatusValue; negated: boolean }
  | { kind: 'assigned'; target: AssigneeTarget; negated: boolean }
  | { kind: 'bookmarked' | 'subscribed'; target: UserTarget; negated: boolean }
  /** Matches any of `values` (the `key:[a, b]` list syntax); `release:latest` is kept verbatim. */
  | { kind: 'release' | 'environment' | 'level' | 'user.email'; values: string[]; negated: boolean }
  /** `message:` matches any of `values` as a substring of the title or the message (Sentry's message search). */
  | { kind: 'message'; values: string[]; negated: boolean }
  | { kind: 'date'; field: 'first-seen' | 'last-seen'; op: ComparisonOperator; at: Date; negated: boolean }
  | { kind: 'times-seen' | 'user-count'; op: NumericOperator; value: number; negated: boolean }
  /** Any other key, incl. `tags[key]:value` and `has:key` (values ['*']); `*` in a value is a wildcard. */
  | { kind: 'tag'; key: string; values: string[]; negated: boolean; wildcard: boolean };

export interface SearchQuery {
  filters: SearchFilter[];
  /** Free-text words and quoted phrases, matched against the issue title and message. */
  text: string[];
  /** Set only when the whole query is a bare event id: 32 lowercase hex characters. */
  eventId?: string;
}

const EVENT_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** A whole query that is only this is an event-id lookup, not free text. */
export function isEventId(text: string): boolean {
  return EVENT_ID.test(text);
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads `2026-11-01` or an ISO timestamp (UTC unless it has an offset), as the printer writes
 * dates; undefined for malformed or impossible dates.
 */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 into March (and years < 100 into 19xx): a mismatch means no such date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day) {
    return undefined;
  }
  const millis = Math.floor(Number(`0.${match[7] ?? '0'}`) * 1000);
  const zone = (match[8] ?? 'Z').replace(':', '');
  const offsetMinutes =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  return new Date(utc + millis - offsetMinutes * 60_000);
}

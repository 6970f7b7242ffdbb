import type { EntityManager } from 'typeorm';
import type { NormalizedEvent } from '../events/event.types.js';
import type { ReleaseRef } from '../releases/release-ingest.js';
import type { Issue } from './issue.entity.js';
import { addToInbox } from './issue-inbox.js';

export interface StoredEvent {
  issueId: number;
  event: NormalizedEvent;
  release: ReleaseRef | null;
  userKey: string | null;
}

interface IssueRow {
  id: number;
  status: Issue['status'];
  substatus: Issue['substatus'];
  resolution: Issue['resolution'];
  resolved_in_release_id: number | null;
  resolved_at: Date | null;
  ignore_until: Date | null;
  ignore_until_times_seen: number | null;
  times_seen: number;
}

/** Activity the batch caused (regressions, expired ignores). */
export interface IssueTransition {
  issueId: number;
  type: 'set_regression' | 'set_unresolved';
  data: Record<string, unknown>;
}

const at = (event: NormalizedEvent) => new Date(event.timestamp * 1000);

/**
 * Folds a batch of newly stored events into their issues: counts, first/last seen, distinct
 * users, tag values, hourly counts, and status changes (regressions, ignores that ran out) with
 * their activity.
 * Issue rows are locked in id order, so concurrent workers cannot deadlock on them, and FOR NO KEY
 * UPDATE (what the UPDATE takes anyway): a FOR UPDATE would also wait for, and deadlock with, the
 * foreign-key checks (KEY SHARE) of other batches' event and tag inserts and of alert evaluation.
 */
export async function recordIssueEvents(tx: EntityManager, stored: StoredEvent[]): Promise<{ transitions: IssueTransition[]; activityIds: number[] }> {
  if (stored.length === 0) return { transitions: [], activityIds: [] };
  const byIssue = new Map<number, StoredEvent[]>();
  for (const s of stored) {
    const group = byIssue.get(s.issueId);
    if (group) group.push(s);
    else byIssue.set(s.issueId, [s]);
  }
  const issueIds = [...byIssue.keys()].sort((a, b) => a - b);
  const issues: IssueRow[] = await tx.query(
    `SELECT id, status, substatus, resolution, resolved_in_release_id, resolved_at, ignore_until, ignore_until_times_seen, times_seen
       FROM issue WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`,
    [issueIds],
  );
  const releaseDates = await resolvedReleaseDates(tx, issueIds);
  for (const s of stored) if (s.release) releaseDates.set(s.release.id, s.release.dateCreated);
  const newUsers = await recordUsers(tx, stored);
  await recordTagValues(tx, stored);
  await recordHourlyCounts(tx, stored);

  const transitions: IssueTransition[] = [];
  const updates = issues.map((issue) => {
    const events = byIssue.get(issue.id)!.sort((a, b) => a.event.timestamp - b.event.timestamp);
    const latest = events.at(-1)!;
    const timesSeen = issue.times_seen + events.length;
    const transition = statusChange(issue, events, timesSeen, releaseDates);
    if (transition) transitions.push(transition);
    const lastRelease = [...events].reverse().find((e) => e.release)?.release ?? null;
    const status = transition
      ? { status: 'unresolved', substatus: transition.type === 'set_regression' ? 'regressed' : 'ongoing', resolution: null, resolved_in_release_id: null, resolved_at: null, ignore_until: null, ignore_until_times_seen: null }
      : keep(issue);
    return {
      id: issue.id,
      times_seen: timesSeen,
      new_users: newUsers.get(issue.id) ?? 0,
      first_seen: at(events[0]!.event),
      last_seen: at(latest.event),
      title: latest.event.title,
      culprit: latest.event.culprit,
      level: latest.event.level,
      metadata: latest.event.metadata,
      last_release_id: lastRelease?.id ?? null,
      ...status,
    };
  });
  // One statement for every issue of the batch (rows already locked in id order above).
  await tx.query(
    `UPDATE issue i SET
       times_seen = u.times_seen, user_count = i.user_count + u.new_users,
       first_seen = LEAST(i.first_seen, u.first_seen), last_seen = GREATEST(i.last_seen, u.last_seen),
       title = u.title, culprit = u.culprit, level = u.level, metadata = u.metadata,
       last_release_id = COALESCE(u.last_release_id, i.last_release_id),
       status = u.status, substatus = u.substatus, resolution = u.resolution, resolved_in_release_id = u.resolved_in_release_id,
       resolved_at = u.resolved_at, ignore_until = u.ignore_until, ignore_until_times_seen = u.ignore_until_times_seen
     FROM jsonb_to_recordset($1::jsonb) AS u(id int, times_seen int, new_users int, first_seen timestamptz, last_seen timestamptz, title text,
       culprit text, level text, metadata jsonb, last_release_id int, status text, substatus text, resolution text,
       resolved_in_release_id int, resolved_at timestamptz, ignore_until timestamptz, ignore_until_times_seen int)
     WHERE i.id = u.id`,
    [JSON.stringify(updates)],
  );
  await addToInbox(tx, transitions.map((t) => ({ issueId: t.issueId, reason: t.type === 'set_regression' ? 'regression' : 'unignored' })));
  return { transitions, activityIds: await writeActivity(tx, transitions) };
}

/** Creation dates of the releases that resolved these issues, for regression checks. */
async function resolvedReleaseDates(tx: EntityManager, issueIds: number[]): Promise<Map<number, Date>> {
  const rows: { id: number; date_created: Date }[] = await tx.query(
    'SELECT r.id, r.date_created FROM release r JOIN issue i ON i.resolved_in_release_id = r.id WHERE i.id = ANY($1)',
    [issueIds],
  );
  return new Map(rows.map((r) => [r.id, new Date(r.date_created)]));
}

/** Writes the transitions' activity rows; returns their ids (to announce them). */
async function writeActivity(tx: EntityManager, transitions: IssueTransition[]): Promise<number[]> {
  if (transitions.length === 0) return [];
  const rows: { id: number }[] = await tx.query(
    `INSERT INTO activity (issue_id, type, user_id, data) SELECT i, t, NULL, d FROM unnest($1::int[], $2::text[], $3::jsonb[]) AS a(i, t, d) RETURNING id`,
    [transitions.map((t) => t.issueId), transitions.map((t) => t.type), transitions.map((t) => JSON.stringify(t.data))],
  );
  return rows.map((row) => row.id);
}

/** The status fields unchanged, for issues the batch did not transition. */
function keep(issue: IssueRow) {
  const { status, substatus, resolution, resolved_in_release_id, resolved_at, ignore_until, ignore_until_times_seen } = issue;
  return { status, substatus, resolution, resolved_in_release_id, resolved_at, ignore_until, ignore_until_times_seen };
}

/**
 * Sentry's rules: an event on an issue resolved "now" is a regression; one resolved in (next)
 * release regresses only from a newer release; an ignore ends when its time or count runs out.
 */
function statusChange(issue: IssueRow, events: StoredEvent[], timesSeen: number, releaseDates: Map<number, Date>): IssueTransition | null {
  if (issue.status === 'resolved') {
    const regressing = events.find((e) => regresses(issue, e, releaseDates));
    if (!regressing) return null;
    return {
      issueId: issue.id,
      type: 'set_regression',
      data: { eventId: regressing.event.eventId, version: regressing.event.release ?? null },
    };
  }
  if (issue.status === 'ignored') {
    const lastEvent = at(events.at(-1)!.event);
    if (issue.ignore_until && lastEvent > issue.ignore_until) {
      return { issueId: issue.id, type: 'set_unresolved', data: { reason: 'ignore_duration_passed' } };
    }
    if (issue.ignore_until_times_seen !== null && timesSeen >= issue.ignore_until_times_seen) {
      return { issueId: issue.id, type: 'set_unresolved', data: { reason: 'ignore_count_reached' } };
    }
  }
  return null;
}

function regresses(issue: IssueRow, stored: StoredEvent, releaseDates: Map<number, Date>): boolean {
  if (issue.resolution !== 'in_next_release' && issue.resolution !== 'in_release') return true;
  const resolvedIn = issue.resolved_in_release_id;
  if (resolvedIn === null) return true;
  if (!stored.release || stored.release.id === resolvedIn) return false;
  const resolvedDate = releaseDates.get(resolvedIn);
  return !resolvedDate || stored.release.dateCreated > resolvedDate;
}

export async function recordUsers(tx: EntityManager, stored: StoredEvent[]): Promise<Map<number, number>> {
  const pairs = [...new Map(stored.filter((s) => s.userKey).map((s) => [`${s.issueId}|${s.userKey}`, s])).values()];
  const added = new Map<number, number>();
  if (pairs.length === 0) return added;
  const rows: { issue_id: number }[] = await tx.query(
    `INSERT INTO issue_user (issue_id, user_key, first_seen)
     SELECT * FROM unnest($1::int[], $2::text[], $3::timestamptz[]) ORDER BY 1, 2
     ON CONFLICT DO NOTHING RETURNING issue_id`,
    [pairs.map((p) => p.issueId), pairs.map((p) => p.userKey), pairs.map((p) => at(p.event))],
  );
  for (const row of rows) added.set(row.issue_id, (added.get(row.issue_id) ?? 0) + 1);
  return added;
}

const MAX_TAGS_PER_EVENT = 50;

export async function recordTagValues(tx: EntityManager, stored: StoredEvent[]): Promise<void> {
  const sums = new Map<string, { issueId: number; key: string; value: string; count: number; first: Date; last: Date }>();
  for (const s of stored) {
    const when = at(s.event);
    const tags = s.event.tags.slice(0, MAX_TAGS_PER_EVENT);
    if (s.event.user?.email) tags.push(['user.email', s.event.user.email]);
    for (const [key, value] of tags) {
      const id = `${s.issueId}\u0000${key}\u0000${value}`;
      const sum = sums.get(id);
      if (sum) {
        sum.count++;
        if (when < sum.first) sum.first = when;
        if (when > sum.last) sum.last = when;
      } else sums.set(id, { issueId: s.issueId, key, value, count: 1, first: when, last: when });
    }
  }
  const rows = [...sums.values()].sort((a, b) => a.issueId - b.issueId || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::timestamptz[])
     ON CONFLICT (issue_id, key, value) DO UPDATE SET
       times_seen = issue_tag_value.times_seen + EXCLUDED.times_seen,
       first_seen = LEAST(issue_tag_value.first_seen, EXCLUDED.first_seen),
       last_seen = GREATEST(issue_tag_value.last_seen, EXCLUDED.last_seen)`,
    [rows.map((r) => r.issueId), rows.map((r) => r.key), rows.map((r) => r.value), rows.map((r) => r.count), rows.map((r) => r.first), rows.map((r) => r.last)],
  );
}

export async function recordHourlyCounts(tx: EntityManager, stored: StoredEvent[]): Promise<void> {
  const sums = new Map<string, { issueId: number; hour: Date; count: number }>();
  for (const s of stored) {
    const hour = new Date(Math.floor(s.event.timestamp / 3600) * 3_600_000);
    const id = `${s.issueId}|${hour.getTime()}`;
    const sum = sums.get(id);
    if (sum) sum.count++;
    else sums.set(id, { issueId: s.issueId, hour, count: 1 });
  }
  const rows = [...sums.values()].sort((a, b) => a.issueId - b.issueId || a.hour.getTime() - b.hour.getTime());
  await tx.query(
    `INSERT INTO issue_hourly_count (issue_id, hour, count)
     SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::int[])
     ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly_count.count + EXCLUDED.count`,
    [rows.map((r) => r.issueId), rows.map((r) => r.hour), rows.map((r) => r.count)],
  );
}

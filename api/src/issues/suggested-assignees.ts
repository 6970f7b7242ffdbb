/**
 * Suggested assignees (Sentry's "suspect commits" by committer): members whose recent commits
 * touched the files in the in-app frames of the issue's latest event. Recent means the issue's
 * release and up to MAX_PREVIOUS_RELEASES releases of the project before it.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { NormalizedEvent } from '../events/event.types.js';
import { eventPayload } from '../events/event-payload.js';
import type { Issue } from './issue.entity.js';

export const MAX_PREVIOUS_RELEASES = 10;

export interface SuggestedCommit {
  id: number;
  key: string;
  message: string;
  dateAdded: Date;
}

export interface SuggestedAssignee {
  userId: number;
  email: string;
  reason: string;
  commits: SuggestedCommit[];
  /** The number of in-app frames the member's commits touched. */
  score: number;
}

type IssueRef = Pick<Issue, 'id' | 'projectId' | 'firstReleaseId' | 'lastReleaseId' | 'lastSeen'>;

/**
 * A frame's or a commit's path as comparable segments: no URL scheme and host, query string,
 * fragment, `~/`, `./` or drive letter; `..` applied; lower-cased (paths from different tools
 * disagree on case more often than two files differ only by it).
 */
export function pathSegments(raw: string): string[] {
  const path = raw
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .replace(/[?#].*$/, '')
    .replace(/\\/g, '/')
    .replace(/^[a-z]:\//i, '/')
    .replace(/^~\//, '');
  const segments: string[] = [];
  for (const segment of path.toLowerCase().split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments;
}

/** Same file when the shorter path is a whole-segment suffix of the longer (`src/cart.js` ~ `/srv/app/src/cart.js`). */
export function pathsMatch(a: string[], b: string[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length === 0) return false;
  const offset = longer.length - shorter.length;
  return shorter.every((segment, i) => segment === longer[offset + i]);
}

/** The distinct in-app frame paths of an event, as segments. */
export function inAppFramePaths(event: Pick<NormalizedEvent, 'exceptions'>): string[][] {
  const seen = new Map<string, string[]>();
  for (const exception of event.exceptions ?? []) {
    for (const frame of exception.frames ?? []) {
      const path = frame.inApp ? (frame.absPath ?? frame.filename) : undefined;
      const segments = path ? pathSegments(path) : [];
      if (segments.length > 0) seen.set(segments.join('/'), segments);
    }
  }
  return [...seen.values()];
}

/**
 * The releases to look at: the issue's first and last release, and the project's releases created
 * before the last one (at most MAX_PREVIOUS_RELEASES); without a release, the project's latest
 * releases created before the issue was last seen.
 */
async function releasesToSearch(db: DataSource | EntityManager, issue: IssueRef): Promise<number[]> {
  const anchor = issue.lastReleaseId ?? issue.firstReleaseId;
  const rows: { id: number }[] = await db.query(
    `WITH anchor AS (SELECT id, date_created FROM release WHERE id = $2)
     SELECT r.id FROM release r JOIN release_project rp ON rp.release_id = r.id AND rp.project_id = $1
      WHERE ($2::int IS NULL AND r.date_created <= $3)
         OR r.date_created < (SELECT date_created FROM anchor)
         OR (r.date_created = (SELECT date_created FROM anchor) AND r.id < $2)
      ORDER BY r.date_created DESC, r.id DESC
      LIMIT $4`,
    [issue.projectId, anchor, issue.lastSeen, anchor === null ? MAX_PREVIOUS_RELEASES + 1 : MAX_PREVIOUS_RELEASES],
  );
  return [...new Set([...(anchor === null ? [] : [anchor]), ...(issue.firstReleaseId === null ? [] : [issue.firstReleaseId]), ...rows.map((r) => r.id)])];
}

interface TouchedFile {
  commit_id: number;
  key: string;
  message: string;
  date_added: Date;
  user_id: number;
  email: string;
  filename: string;
}

/** Commits of members in those releases touching a file named like one of the frames (narrowed further in code). */
async function memberCommitFiles(db: DataSource | EntityManager, issue: IssueRef, releaseIds: number[], basenames: string[]): Promise<TouchedFile[]> {
  return db.query(
    `SELECT DISTINCT c.id AS commit_id, c.key, c.message, c.date_added, u.id AS user_id, u.email, f.filename
       FROM release_commit rc
       JOIN commit c ON c.id = rc.commit_id
       JOIN project p ON p.id = $1 AND p.organization_id = c.organization_id
       JOIN commit_file_change f ON f.commit_id = c.id
       JOIN users u ON u.email = lower(c.author_email)
       JOIN organization_member m ON m.user_id = u.id AND m.organization_id = p.organization_id
      WHERE rc.release_id = ANY($2::int[]) AND lower(regexp_replace(f.filename, '^.*[/\\\\]', '')) = ANY($3::text[])`,
    [issue.projectId, releaseIds, basenames],
  );
}

/** Ranked by matching frames, then by the member's most recent matching commit. */
export async function suggestAssignees(db: DataSource | EntityManager, issue: IssueRef): Promise<SuggestedAssignee[]> {
  const [latest] = (await db.query('SELECT payload FROM event WHERE issue_id = $1 ORDER BY timestamp DESC, id DESC LIMIT 1', [issue.id])) as {
    payload: Buffer;
  }[];
  const frames = latest ? inAppFramePaths(eventPayload(latest)) : [];
  if (frames.length === 0) return [];
  const releaseIds = await releasesToSearch(db, issue);
  if (releaseIds.length === 0) return [];
  const basenames = [...new Set(frames.map((segments) => segments.at(-1)!))];

  const byUser = new Map<number, { email: string; frames: Set<string>; files: Set<string>; commits: Map<number, SuggestedCommit> }>();
  for (const row of await memberCommitFiles(db, issue, releaseIds, basenames)) {
    const file = pathSegments(row.filename);
    const matched = frames.filter((frame) => pathsMatch(frame, file));
    if (matched.length === 0) continue;
    const entry = byUser.get(row.user_id) ?? { email: row.email, frames: new Set(), files: new Set(), commits: new Map() };
    for (const frame of matched) entry.frames.add(frame.join('/'));
    entry.files.add(row.filename);
    entry.commits.set(row.commit_id, { id: row.commit_id, key: row.key, message: row.message, dateAdded: new Date(row.date_added) });
    byUser.set(row.user_id, entry);
  }

  const suggestions = [...byUser].map(([userId, entry]) => {
    const commits = [...entry.commits.values()].sort((a, b) => b.dateAdded.getTime() - a.dateAdded.getTime() || b.id - a.id);
    const files = [...entry.files].sort();
    const frameCount = entry.frames.size;
    return {
      userId,
      email: entry.email,
      reason: `Committed to ${files.join(', ')}, in ${frameCount} ${frameCount === 1 ? 'frame' : 'frames'} of the latest event`,
      commits,
      score: frameCount,
    };
  });
  const newest = (s: SuggestedAssignee) => s.commits[0]?.dateAdded.getTime() ?? 0;
  return suggestions.sort((a, b) => b.score - a.score || newest(b) - newest(a) || a.userId - b.userId);
}

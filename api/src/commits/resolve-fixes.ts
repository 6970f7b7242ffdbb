/**
 * "Fixes WEB-12": commits that name issues link to them on sight, and resolve them in the
 * releases that ship them (Sentry's `resolved_in_commit` and `Release.set_commits`). Everything is
 * idempotent, so a retried job or a second trigger changes nothing.
 */
import type { EntityManager } from 'typeorm';
import type { Deps } from '../runtime/deps.js';
import { parseShortId } from '../issues/short-id.js';
import { parseFixesReferences } from './fixes-parser.js';

type CommitsApp = Pick<Deps, 'db' | 'pubsub' | 'config' | 'queue'>;

export interface FixesResult {
  /** New issue ↔ commit links. */
  linked: number;
  /** Issues newly resolved in a release. */
  resolved: number;
}

interface CommitRow {
  id: number;
  organization_id: number;
  key: string;
  message: string;
  author_email: string | null;
  repository: string;
}

interface LockedIssue {
  id: number;
  project_id: number;
  organization_id: number;
  status: string;
  resolution: string | null;
  resolved_in_release_id: number | null;
  resolved_release_date: Date | null;
}

/** The host (with port) of Vigil's public URL: issue URLs in messages count only there. */
function ownHost(publicUrl: string): string | undefined {
  try {
    return new URL(publicUrl).host;
  } catch {
    return undefined;
  }
}

/** The issues a commit names, looked up in the commit's organization only (active projects). */
async function referencedIssues(tx: EntityManager, commit: CommitRow, host: string | undefined): Promise<number[]> {
  const refs = parseFixesReferences(commit.message, host);
  const shortIds = refs.shortIds.map(parseShortId).filter((s): s is NonNullable<typeof s> => s !== null);
  if (shortIds.length === 0 && refs.issueIds.length === 0) return [];
  const rows: { id: number }[] = await tx.query(
    `SELECT i.id FROM issue i JOIN project p ON p.id = i.project_id AND p.status = 'active'
      WHERE p.organization_id = $1
        AND (i.id = ANY($2::int[])
             OR (p.slug, i.short_id_number) IN (SELECT * FROM unnest($3::text[], $4::int[])))`,
    [commit.organization_id, refs.issueIds, shortIds.map((s) => s.projectSlug), shortIds.map((s) => s.number)],
  );
  return rows.map((row) => row.id);
}

/** Locks the issues in id order, as ingestion does, so the two never deadlock. */
async function lockIssues(tx: EntityManager, issueIds: number[]): Promise<Map<number, LockedIssue>> {
  const rows: LockedIssue[] = await tx.query(
    `SELECT i.id, i.project_id, p.organization_id, i.status, i.resolution, i.resolved_in_release_id,
            (SELECT r.date_created FROM release r WHERE r.id = i.resolved_in_release_id) AS resolved_release_date
       FROM issue i JOIN project p ON p.id = i.project_id
      WHERE i.id = ANY($1::int[]) ORDER BY i.id FOR UPDATE OF i`,
    [issueIds],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** The member of the organization who wrote the commit, matched by email. */
async function authorMember(tx: EntityManager, commit: CommitRow): Promise<number | null> {
  if (!commit.author_email) return null;
  const [row] = (await tx.query(
    `SELECT u.id FROM users u JOIN organization_member m ON m.user_id = u.id AND m.organization_id = $1 WHERE u.email = lower($2)`,
    [commit.organization_id, commit.author_email],
  )) as { id: number }[];
  return row?.id ?? null;
}

/** Links the commit to the issues it names; activity and the author's subscription come with a new link only. */
async function linkCommit(tx: EntityManager, commit: CommitRow, issueIds: number[]): Promise<number[]> {
  if (issueIds.length === 0) return [];
  const inserted: { issue_id: number }[] = await tx.query(
    `INSERT INTO issue_commit (issue_id, commit_id) SELECT unnest($1::int[]), $2::int ON CONFLICT DO NOTHING RETURNING issue_id`,
    [issueIds, commit.id],
  );
  const linked = inserted.map((row) => row.issue_id);
  if (linked.length === 0) return [];
  const userId = await authorMember(tx, commit);
  await tx.query(
    `INSERT INTO activity (issue_id, type, user_id, data) SELECT unnest($1::int[]), 'set_resolved_in_commit', $2::int, $3::jsonb`,
    [linked, userId, { commit: commit.key, repository: commit.repository }],
  );
  if (userId !== null) {
    // An existing subscription (maybe an opt-out) is the person's own choice: keep it.
    await tx.query(
      `INSERT INTO issue_subscription (issue_id, user_id, is_active, reason) SELECT unnest($1::int[]), $2::int, true, 'committed'
       ON CONFLICT DO NOTHING`,
      [linked, userId],
    );
  }
  return linked;
}

interface FixRelease {
  issue_id: number;
  release_id: number;
  version: string;
  date_created: Date;
  commit_key: string;
  /** The issue was resolved in this release once already (then regressed or was reopened by hand). */
  resolved_before: boolean;
}

/**
 * The release each issue is fixed in: every fixing commit ships in the earliest release (by
 * date_created) of the issue's project that contains it, and the issue is fixed once the last of
 * those has shipped. A function of the rows alone, so every run computes the same answer.
 */
async function fixReleases(tx: EntityManager, issueIds: number[]): Promise<FixRelease[]> {
  return tx.query(
    `WITH shipped AS (
       SELECT DISTINCT ON (ic.issue_id, ic.commit_id) ic.issue_id, c.key AS commit_key, r.id AS release_id, r.version, r.date_created
         FROM issue_commit ic
         JOIN issue i ON i.id = ic.issue_id
         JOIN commit c ON c.id = ic.commit_id
         JOIN release_commit rc ON rc.commit_id = ic.commit_id
         JOIN release r ON r.id = rc.release_id
         JOIN release_project rp ON rp.release_id = r.id AND rp.project_id = i.project_id
        WHERE ic.issue_id = ANY($1::int[])
        ORDER BY ic.issue_id, ic.commit_id, r.date_created, r.id),
     fixed AS (SELECT DISTINCT ON (issue_id) * FROM shipped ORDER BY issue_id, date_created DESC, release_id DESC)
     SELECT f.*, EXISTS (SELECT 1 FROM activity a WHERE a.issue_id = f.issue_id
                           AND a.type = 'set_resolved_in_release' AND a.data->>'version' = f.version) AS resolved_before
       FROM fixed f`,
    [issueIds],
  );
}

/** Already resolved in that release, or in a later one: nothing to do. */
function keepsResolution(issue: LockedIssue, fix: FixRelease): boolean {
  if (issue.status !== 'resolved' || issue.resolution !== 'in_release' || issue.resolved_in_release_id === null) return false;
  if (issue.resolved_in_release_id === fix.release_id) return true;
  return issue.resolved_release_date !== null && new Date(issue.resolved_release_date) > new Date(fix.date_created);
}

/** Resolves the (locked) issues in the releases that ship their fixing commits. */
async function resolveInReleases(tx: EntityManager, issues: Map<number, LockedIssue>, activityIds: number[]): Promise<number[]> {
  if (issues.size === 0) return [];
  const resolved: number[] = [];
  for (const fix of await fixReleases(tx, [...issues.keys()])) {
    const issue = issues.get(fix.issue_id);
    // Resolving again after a regression or a manual reopen would undo what people saw happen.
    if (!issue || fix.resolved_before || keepsResolution(issue, fix)) continue;
    await tx.query(
      `UPDATE issue SET status = 'resolved', substatus = NULL, resolution = 'in_release', resolved_in_release_id = $2,
              resolved_at = now(), ignore_until = NULL, ignore_until_times_seen = NULL
        WHERE id = $1`,
      [issue.id, fix.release_id],
    );
    const [activity] = (await tx.query(`INSERT INTO activity (issue_id, type, user_id, data) VALUES ($1, 'set_resolved_in_release', NULL, $2::jsonb) RETURNING id`, [
      issue.id,
      { version: fix.version, commit: fix.commit_key },
    ])) as { id: number }[];
    activityIds.push(activity!.id);
    resolved.push(issue.id);
  }
  return resolved;
}

async function publishUpdated(tx: EntityManager, pubsub: CommitsApp['pubsub'], issues: Map<number, LockedIssue>, issueIds: Iterable<number>): Promise<void> {
  const payloads = [...new Set(issueIds)].flatMap((id) => {
    const issue = issues.get(id);
    return issue ? [{ organizationId: issue.organization_id, projectId: issue.project_id, issueId: issue.id }] : [];
  });
  await pubsub.publishMany('issueUpdated', payloads, tx);
}

/**
 * The 'commits.process' job: links newly recorded commits to the issues their messages fix, then
 * resolves those issues in every release (of the issue's project) that ships the commits.
 */
export async function processCommits(app: CommitsApp, commitIds: readonly number[]): Promise<FixesResult> {
  if (commitIds.length === 0) return { linked: 0, resolved: 0 };
  const host = ownHost(app.config.publicUrl);
  return app.db.transaction(async (tx) => {
    const commits: CommitRow[] = await tx.query(
      `SELECT c.id, c.organization_id, c.key, c.message, c.author_email, r.name AS repository
         FROM commit c JOIN repository r ON r.id = c.repository_id WHERE c.id = ANY($1::int[]) ORDER BY c.id`,
      [[...commitIds]],
    );
    const references = new Map<number, number[]>();
    for (const commit of commits) references.set(commit.id, await referencedIssues(tx, commit, host));
    const alreadyLinked: { issue_id: number }[] = await tx.query('SELECT issue_id FROM issue_commit WHERE commit_id = ANY($1::int[])', [
      commits.map((c) => c.id),
    ]);
    const issues = await lockIssues(tx, [...new Set([...references.values()].flat().concat(alreadyLinked.map((r) => r.issue_id)))]);
    const linked: number[] = [];
    for (const commit of commits) linked.push(...(await linkCommit(tx, commit, references.get(commit.id) ?? [])));
    const activityIds: number[] = [];
    const resolved = await resolveInReleases(tx, issues, activityIds);
    await publishUpdated(tx, app.pubsub, issues, [...linked, ...resolved]);
    // Service hooks hear of the resolutions (`issue.resolved`), only if this commits.
    if (activityIds.length > 0) await app.queue.add('issue.activity', { activityIds }, { runner: tx });
    return { linked: linked.length, resolved: resolved.length };
  });
}

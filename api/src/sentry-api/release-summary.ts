import type { DataSource, EntityManager } from 'typeorm';
import type { Deploy } from '../deploys/deploy.entity.js';

export interface ReleaseProjectSummary {
  id: number;
  slug: string;
  name: string;
  platform: string | null;
  newGroups: number;
}

export interface ReleaseCommitSummary {
  key: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  dateAdded: Date;
  repository: { id: number; name: string; provider: string; url: string | null; status: 'active' | 'disabled'; dateCreated: Date };
}

/** What release lists and details show beyond the row: counts, newest commit, authors, last deploy. */
export interface ReleaseSummary {
  projects: ReleaseProjectSummary[];
  commitCount: number;
  lastCommit: ReleaseCommitSummary | null;
  authors: { name: string | null; email: string }[];
  deployCount: number;
  lastDeploy: Deploy | null;
  newGroups: number;
}

const emptySummary = (): ReleaseSummary => ({ projects: [], commitCount: 0, lastCommit: null, authors: [], deployCount: 0, lastDeploy: null, newGroups: 0 });

/** Summaries for many releases in a fixed number of queries (no per-release round trips). */
export async function loadReleaseSummaries(db: DataSource | EntityManager, releaseIds: number[]): Promise<Map<number, ReleaseSummary>> {
  const summaries = new Map(releaseIds.map((id) => [id, emptySummary()]));
  if (releaseIds.length === 0) return summaries;
  const get = (id: number): ReleaseSummary => summaries.get(id)!;
  const [projects, commitCounts, lastCommits, authors, deploys] = await Promise.all([
    db.query(
      `SELECT rp.release_id, p.id, p.slug, p.name, p.platform,
              (SELECT count(*)::int FROM issue i WHERE i.project_id = p.id AND i.first_release_id = rp.release_id) AS new_groups
       FROM release_project rp JOIN project p ON p.id = rp.project_id AND p.status = 'active'
       WHERE rp.release_id = ANY($1::int[]) ORDER BY p.slug`,
      [releaseIds],
    ) as Promise<{ release_id: number; id: number; slug: string; name: string; platform: string | null; new_groups: number }[]>,
    db.query('SELECT release_id, count(*)::int AS count FROM release_commit WHERE release_id = ANY($1::int[]) GROUP BY release_id', [
      releaseIds,
    ]) as Promise<{ release_id: number; count: number }[]>,
    db.query(
      `SELECT DISTINCT ON (rc.release_id) rc.release_id, c.key, c.message, c.author_name, c.author_email, c.date_added,
              r.id AS repository_id, r.name AS repository_name, r.provider, r.url, r.status, r.date_created
       FROM release_commit rc JOIN commit c ON c.id = rc.commit_id JOIN repository r ON r.id = c.repository_id
       WHERE rc.release_id = ANY($1::int[]) ORDER BY rc.release_id, rc."order"`,
      [releaseIds],
    ) as Promise<
      ({ release_id: number; key: string; message: string; author_name: string | null; author_email: string | null; date_added: Date } & {
        repository_id: number; repository_name: string; provider: string; url: string | null; status: 'active' | 'disabled'; date_created: Date;
      })[]
    >,
    db.query(
      `SELECT rc.release_id, c.author_email AS email, max(c.author_name) AS name, min(rc."order") AS first
       FROM release_commit rc JOIN commit c ON c.id = rc.commit_id
       WHERE rc.release_id = ANY($1::int[]) AND c.author_email IS NOT NULL
       GROUP BY rc.release_id, c.author_email ORDER BY rc.release_id, first`,
      [releaseIds],
    ) as Promise<{ release_id: number; email: string; name: string | null }[]>,
    db.query(
      `SELECT * FROM (
         SELECT d.*, count(*) OVER (PARTITION BY d.release_id)::int AS total,
                row_number() OVER (PARTITION BY d.release_id ORDER BY d.date_finished DESC, d.id DESC) AS rank
         FROM deploy d WHERE d.release_id = ANY($1::int[])) ranked
       WHERE rank = 1`,
      [releaseIds],
    ) as Promise<{ id: number; organization_id: number; release_id: number; environment: string; name: string | null; url: string | null;
      date_started: Date | null; date_finished: Date; notified_at: Date | null; total: number }[]>,
  ]);
  for (const p of projects) {
    const summary = get(p.release_id);
    summary.projects.push({ id: p.id, slug: p.slug, name: p.name, platform: p.platform, newGroups: p.new_groups });
    summary.newGroups += p.new_groups;
  }
  for (const row of commitCounts) get(row.release_id).commitCount = row.count;
  for (const c of lastCommits) {
    get(c.release_id).lastCommit = {
      key: c.key,
      message: c.message,
      authorName: c.author_name,
      authorEmail: c.author_email,
      dateAdded: c.date_added,
      repository: { id: c.repository_id, name: c.repository_name, provider: c.provider, url: c.url, status: c.status, dateCreated: c.date_created },
    };
  }
  for (const a of authors) get(a.release_id).authors.push({ name: a.name, email: a.email });
  for (const d of deploys) {
    const summary = get(d.release_id);
    summary.deployCount = d.total;
    summary.lastDeploy = {
      id: d.id, organizationId: d.organization_id, releaseId: d.release_id, environment: d.environment, name: d.name, url: d.url,
      dateStarted: d.date_started, dateFinished: d.date_finished, notifiedAt: d.notified_at,
    };
  }
  return summaries;
}

import type { DataSource } from 'typeorm';
import type { Release } from '../releases/release.entity.js';
import { Repository } from '../repositories/repository.entity.js';
import { User } from '../users/user.entity.js';
import { Commit } from './commit.entity.js';

/** The release's commits, newest first, with their repository. */
export async function releaseCommits(db: DataSource, release: Release, limit: number): Promise<(Commit & { repository: Repository })[]> {
  return db
    .getRepository(Commit)
    .createQueryBuilder('c')
    .innerJoin('release_commit', 'rc', 'rc.commit_id = c.id AND rc.release_id = :releaseId', { releaseId: release.id })
    .innerJoinAndMapOne('c.repository', Repository, 'r', 'r.id = c.repository_id')
    .orderBy('rc.order', 'ASC')
    .limit(limit)
    .getMany() as Promise<(Commit & { repository: Repository })[]>;
}

export async function releaseCommitCount(db: DataSource, releaseId: number): Promise<number> {
  const rows: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM release_commit WHERE release_id = $1', [releaseId]);
  return rows[0]?.n ?? 0;
}

/** Distinct commit authors of the release, matched to members of its organization by email. */
export async function releaseAuthors(db: DataSource, release: Release): Promise<{ name: string | null; email: string | null; user: User | null }[]> {
  const rows: { name: string | null; email: string | null; user_id: number | null }[] = await db.query(
    `SELECT DISTINCT ON (coalesce(c.author_email, c.author_name)) c.author_name AS name, c.author_email AS email, u.id AS user_id
       FROM release_commit rc
       JOIN commit c ON c.id = rc.commit_id
       LEFT JOIN users u ON u.email = c.author_email
        AND EXISTS (SELECT 1 FROM organization_member m WHERE m.user_id = u.id AND m.organization_id = $2)
      WHERE rc.release_id = $1
      ORDER BY coalesce(c.author_email, c.author_name), rc.order`,
    [release.id, release.organizationId],
  );
  const users = await db.getRepository(User).findByIds(rows.flatMap((r) => (r.user_id ? [r.user_id] : [])));
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => ({ name: r.name, email: r.email, user: r.user_id ? byId.get(r.user_id) ?? null : null }));
}

/** Files changed by the release's commits, optionally narrowed by a path substring and change type. */
export async function releaseFilesChanged(
  db: DataSource,
  releaseId: number,
  filter: { path?: string | null; type?: string | null },
  limit: number,
): Promise<{ path: string; type: string; commitCount: number }[]> {
  const rows: { path: string; type: string; commit_count: number }[] = await db.query(
    `SELECT f.filename AS path, f.type, count(DISTINCT f.commit_id)::int AS commit_count
       FROM release_commit rc JOIN commit_file_change f ON f.commit_id = rc.commit_id
      WHERE rc.release_id = $1
        AND ($2::text IS NULL OR f.filename ILIKE '%' || replace(replace(replace($2, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
        AND ($3::text IS NULL OR f.type = $3)
      GROUP BY f.filename, f.type
      ORDER BY f.filename, f.type
      LIMIT $4`,
    [releaseId, filter.path ?? null, filter.type ?? null, limit],
  );
  return rows.map((r) => ({ path: r.path, type: r.type, commitCount: r.commit_count }));
}

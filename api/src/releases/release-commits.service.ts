import type { DataSource, EntityManager } from 'typeorm';
import { assertCommitKey, recordCommits, type CommitInput } from '../commits/commit.service.js';
import { badInput } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { findOrCreateRemoteRepository, findRepositoryByName } from '../repositories/repository.service.js';
import type { Release } from './release.entity.js';

/** A commit of a `set-commits --local` list: `repository` is the git remote name (`origin`). */
export interface ReleaseCommitInput extends CommitInput {
  repository?: string | null | undefined;
}

/** `--commit owner/repo@prev..sha` or `--auto`: a repository's head, and where the range starts. */
export interface ReleaseRefInput {
  repository: string;
  commit: string;
  previousCommit?: string | null | undefined;
}

export type ReleaseRef = NonNullable<Release['refs']>[number];

/** sentry-cli always names the remote; the API allows leaving it out, which means the default remote. */
const DEFAULT_REMOTE = 'origin';

/**
 * Makes `commitIds` (newest first) the release's whole commit list. Commits that join the release
 * and were not just created get 'commits.process' too: their "Fixes" now resolve in this release.
 */
export async function replaceReleaseCommits(
  tx: EntityManager,
  queue: JobQueue,
  releaseId: number,
  commitIds: number[],
  alreadyQueued: ReadonlySet<number> = new Set(),
): Promise<void> {
  const ids = [...new Set(commitIds)];
  // TypeORM answers a DELETE … RETURNING with [rows, affected].
  const [before] = (await tx.query('DELETE FROM release_commit WHERE release_id = $1 RETURNING commit_id', [releaseId])) as [{ commit_id: number }[], number];
  if (ids.length > 0) {
    await tx.query(
      `INSERT INTO release_commit (release_id, commit_id, "order")
       SELECT $1, c.commit_id, c.n - 1 FROM unnest($2::int[]) WITH ORDINALITY AS c(commit_id, n)`,
      [releaseId, ids],
    );
  }
  const previous = new Set(before.map((row) => row.commit_id));
  const joined = ids.filter((id) => !previous.has(id) && !alreadyQueued.has(id)).sort((a, b) => a - b);
  if (joined.length > 0) await queue.add('commits.process', { commitIds: joined }, { runner: tx });
}

/** Records a `--local` commit list and makes it the release's commits, in the order given. */
export async function setReleaseCommits(tx: EntityManager, queue: JobQueue, release: Release, commits: ReleaseCommitInput[]): Promise<void> {
  const groups = new Map<string, { index: number; commit: ReleaseCommitInput }[]>();
  commits.forEach((commit, index) => {
    const name = commit.repository?.trim() || DEFAULT_REMOTE;
    groups.set(name, [...(groups.get(name) ?? []), { index, commit }]);
  });
  const ids: number[] = new Array<number>(commits.length);
  const created = new Set<number>();
  for (const [name, group] of groups) {
    const repository = await findOrCreateRemoteRepository(tx, release.organizationId, name);
    const recorded = await recordCommits(tx, queue, {
      organizationId: release.organizationId,
      repositoryId: repository.id,
      commits: group.map(({ commit }) => commit),
    });
    group.forEach(({ index }, i) => (ids[index] = recorded.commitIds[i]!));
    recorded.createdIds.forEach((id) => created.add(id));
  }
  await replaceReleaseCommits(tx, queue, release.id, ids, created);
}

/**
 * Stores the refs (every repository must be one of the organization's) and enqueues
 * 'release.fetch-commits' to turn them into commits. No refs (`--clear`) empties the release.
 */
export async function setReleaseRefs(tx: EntityManager, queue: JobQueue, release: Release, refs: ReleaseRefInput[]): Promise<ReleaseRef[]> {
  const stored: ReleaseRef[] = [];
  for (const [i, ref] of refs.entries()) {
    if (typeof ref.repository !== 'string' || ref.repository.trim() === '') throw badInput(`refs[${i}].repository is required`, 'refs');
    const repository = await findRepositoryByName(tx, release.organizationId, ref.repository.trim());
    if (!repository) throw badInput(`Unknown repository "${ref.repository}": connect it first`, 'refs');
    stored.push({
      repository: repository.name,
      commit: assertCommitKey(ref.commit, `refs[${i}].commit`),
      previousCommit: ref.previousCommit ? assertCommitKey(ref.previousCommit, `refs[${i}].previousCommit`) : null,
    });
  }
  await tx.query('UPDATE release SET refs = $2::jsonb WHERE id = $1', [release.id, JSON.stringify(stored)]);
  if (stored.length === 0) await replaceReleaseCommits(tx, queue, release.id, []);
  else await queue.add('release.fetch-commits', { releaseId: release.id }, { runner: tx });
  return stored;
}

/**
 * Where a range without `previousCommit` starts: the newest commit, in this repository, of the
 * newest earlier release that shares a project with this one.
 */
export async function previousReleaseCommitKey(db: DataSource | EntityManager, release: Release, repositoryId: number): Promise<string | null> {
  const [row]: { key: string }[] = await db.query(
    `SELECT c.key FROM release r
     JOIN release_commit rc ON rc.release_id = r.id
     JOIN commit c ON c.id = rc.commit_id AND c.repository_id = $3
     WHERE r.organization_id = $1 AND (r.date_created, r.id) < (SELECT date_created, id FROM release WHERE id = $2)
       AND EXISTS (SELECT 1 FROM release_project rp JOIN release_project cur ON cur.project_id = rp.project_id AND cur.release_id = $2
                   WHERE rp.release_id = r.id)
     ORDER BY r.date_created DESC, r.id DESC, rc."order" ASC LIMIT 1`,
    [release.organizationId, release.id, repositoryId],
  );
  return row?.key ?? null;
}

/**
 * The known commit graph from `head` back to (not including) `base`, newest first, following
 * first parents, at most `max` commits. `complete` is false when the walk ran out of known
 * parents (or of budget) before reaching `base`.
 */
export async function commitChainFromGraph(
  db: DataSource | EntityManager,
  repositoryId: number,
  head: string,
  base: string | null,
  max = 1000,
): Promise<{ ids: number[]; complete: boolean }> {
  if (head === base) return { ids: [], complete: true };
  if (base === null) {
    // Without a base only the head is wanted.
    const [found]: { id: number }[] = await db.query('SELECT id FROM commit WHERE repository_id = $1 AND key = $2', [repositoryId, head]);
    return found ? { ids: [found.id], complete: true } : { ids: [], complete: false };
  }
  const rows: { id: number; parent_key: string | null; depth: number }[] = await db.query(
    `WITH RECURSIVE chain AS (
       SELECT id, key, parent_key, 1 AS depth FROM commit WHERE repository_id = $1 AND key = $2
       UNION ALL
       SELECT c.id, c.key, c.parent_key, chain.depth + 1 FROM chain
       JOIN commit c ON c.repository_id = $1 AND c.key = chain.parent_key
       WHERE chain.parent_key IS DISTINCT FROM $3 AND chain.depth < $4
     ) SELECT id, parent_key, depth FROM chain ORDER BY depth`,
    [repositoryId, head, base, max],
  );
  const last = rows.at(-1);
  if (!last) return { ids: [], complete: false };
  return { ids: rows.map((r) => r.id), complete: last.parent_key === base };
}

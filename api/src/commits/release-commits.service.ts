import type { DataSource, EntityManager } from 'typeorm';
import { assertCommitKey, recordCommits, type CommitInput } from './commit.service.js';
import { badInput } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import { publishReleaseChanged } from '../releases/release-changes.js';
import { findOrCreateRemoteRepository, findRepositoryByName } from '../repositories/repository.service.js';
import type { OrganizationScope } from '../auth/access.js';
import { Release } from '../releases/release.entity.js';
import { findRelease, updateReleaseIn, type ReleaseUpdate } from '../releases/release.service.js';
import { Commit } from './commit.entity.js';

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

export type ReleaseHeadRef = NonNullable<Release['refs']>[number];

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
export async function setReleaseRefs(tx: EntityManager, queue: JobQueue, release: Release, refs: ReleaseRefInput[]): Promise<ReleaseHeadRef[]> {
  const stored: ReleaseHeadRef[] = [];
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

export interface ReleaseCommitsUpdate extends ReleaseUpdate {
  /** A full commit list (`set-commits --local`), newest first: replaces the release's commits. */
  commits?: ReleaseCommitInput[] | undefined;
  /** Head commits per repository (`set-commits --commit/--auto`): resolved by a job. */
  refs?: ReleaseRefInput[] | undefined;
}

/** A release change that may carry its commits (sentry-cli's PUT, Heroku's deploys), in one transaction. */
export async function updateRelease(
  { db, queue, pubsub }: { db: DataSource; queue: JobQueue; pubsub: PgPubSub },
  access: OrganizationScope,
  version: string,
  update: ReleaseCommitsUpdate,
): Promise<Release> {
  return db.transaction(async (tx) => {
    const release = await updateReleaseIn(tx, access, version, update);
    if (update.commits) await setReleaseCommits(tx, queue, release, update.commits);
    if (update.refs) await setReleaseRefs(tx, queue, release, update.refs);
    await publishReleaseChanged(pubsub, tx, release, 'updated');
    return tx.getRepository(Release).findOneByOrFail({ id: release.id });
  });
}

/**
 * For `set-commits --local`: the newest release created before this one, sharing a project with
 * it, that has commits; with its newest commit (where the CLI stops reading local history).
 */
export async function previousReleaseWithCommits(
  db: DataSource | EntityManager,
  organizationId: number,
  version: string,
): Promise<{ release: Release; lastCommit: Commit } | null> {
  const current = await findRelease(db, organizationId, version);
  const [row]: { id: number; commit_id: number }[] = await db.query(
    `SELECT r.id, (SELECT rc.commit_id FROM release_commit rc WHERE rc.release_id = r.id ORDER BY rc."order" LIMIT 1) AS commit_id
     FROM release r
     WHERE r.organization_id = $1 AND (r.date_created, r.id) < (SELECT date_created, id FROM release WHERE id = $2)
       AND EXISTS (SELECT 1 FROM release_project rp JOIN release_project cur ON cur.project_id = rp.project_id AND cur.release_id = $2
                   WHERE rp.release_id = r.id)
       AND EXISTS (SELECT 1 FROM release_commit rc WHERE rc.release_id = r.id)
     ORDER BY r.date_created DESC, r.id DESC LIMIT 1`,
    [organizationId, current.id],
  );
  if (!row) return null;
  const release = await db.getRepository(Release).findOneByOrFail({ id: row.id });
  const lastCommit = await db.getRepository(Commit).findOneByOrFail({ id: row.commit_id });
  return { release, lastCommit };
}


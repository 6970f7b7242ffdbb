import type { Deps } from '../../../api/src/runtime/deps.js';
import { recordCommits, type CommitInput } from '../../../api/src/commits/commit.service.js';
import type { JobHandlerContext } from '../../../api/src/jobs/job-queue.js';
import {
  commitChainFromGraph,
  previousReleaseCommitKey,
  replaceReleaseCommits,
  type ReleaseHeadRef,
} from '../../../api/src/commits/release-commits.service.js';
import { publishReleaseChanged } from '../../../api/src/releases/release-changes.js';
import { Release } from '../../../api/src/releases/release.entity.js';
import type { Repository } from '../../../api/src/repositories/repository.entity.js';
import { findRepositoryByName } from '../../../api/src/repositories/repository.service.js';
import { githubClientFor } from '../../../api/src/repositories/github-access.service.js';
import type { GithubClient, GithubCommit } from '../../../integrations/src/github/client.js';
import type { JobPayloads } from '../../../schema/src/jobs.js';

const MAX_COMMITS_PER_REF = 1000;
/** GitHub's compare lists no files per commit: fetch them for the newest few only (one API call each). */
const MAX_COMMITS_WITH_FILES = 20;
const GITHUB_PROVIDERS: ReadonlySet<string> = new Set(['integrations:github', 'github', 'integrations:github_enterprise']);
const isFullSha = (ref: string): boolean => /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref);

/** One ref's commits: rows already known (from the graph), or commits fetched from GitHub to record. */
type ResolvedRef = { repositoryId: number; knownIds: number[] } | { repositoryId: number; fetched: CommitInput[] };

async function withFiles(github: GithubClient, repo: string, commits: GithubCommit[]): Promise<GithubCommit[]> {
  const result = [...commits];
  const missing = result.map((c, i) => ({ c, i })).filter(({ c }) => c.files === null).slice(0, MAX_COMMITS_WITH_FILES);
  for (let start = 0; start < missing.length; start += 4) {
    await Promise.all(
      missing.slice(start, start + 4).map(async ({ c, i }) => {
        const detailed = await github.getCommit(repo, c.id);
        if (detailed) result[i] = { ...c, files: detailed.files };
      }),
    );
  }
  return result;
}

async function resolveRef(app: Deps, release: Release, repository: Repository, ref: ReleaseHeadRef, log: JobHandlerContext['log']): Promise<ResolvedRef> {
  const base = ref.previousCommit ?? (await previousReleaseCommitKey(app.db, release, repository.id));
  const chain = await commitChainFromGraph(app.db, repository.id, ref.commit, base, MAX_COMMITS_PER_REF);
  if (chain.complete) return { repositoryId: repository.id, knownIds: chain.ids };
  if (GITHUB_PROVIDERS.has(repository.provider)) {
    const client = await githubClientFor(app.db, app.config, repository, log);
    // Only a range between two commit SHAs is walked; a branch or tag name gets just the commit it names.
    const fetched =
      base && isFullSha(base) && isFullSha(ref.commit)
        ? await client.compareCommits(repository.name, base, ref.commit, MAX_COMMITS_PER_REF)
        : await client.getCommit(repository.name, ref.commit).then((commit) => (commit ? [commit] : null));
    if (fetched) return { repositoryId: repository.id, fetched: await withFiles(client, repository.name, fetched) };
  }
  // Best effort: what the graph knows (maybe only the head, maybe nothing).
  log.warn({ releaseId: release.id, repository: repository.name, commit: ref.commit, base, known: chain.ids.length }, 'release.fetch-commits.partial');
  return { repositoryId: repository.id, knownIds: chain.ids };
}

/**
 * Turns a release's stored refs into its commit list: each range from the known commit graph,
 * else from the GitHub API. Reruns give the same list; if the refs changed meanwhile, the job
 * enqueued by that change does the work and this one stops.
 */
export async function fetchReleaseCommitsJob(app: Deps, payload: JobPayloads['release.fetch-commits'], { log }: JobHandlerContext): Promise<void> {
  const release = await app.db.getRepository(Release).findOneBy({ id: payload.releaseId });
  const refs = release?.refs;
  if (!release || !refs || refs.length === 0) return;
  const resolved: ResolvedRef[] = [];
  for (const ref of refs) {
    const repository = await findRepositoryByName(app.db, release.organizationId, ref.repository);
    if (!repository) {
      log.warn({ releaseId: release.id, repository: ref.repository }, 'release.fetch-commits.unknown-repository');
      continue;
    }
    resolved.push(await resolveRef(app, release, repository, ref, log));
  }
  await app.db.transaction(async (tx) => {
    const current = await tx.getRepository(Release).findOne({ where: { id: release.id }, lock: { mode: 'pessimistic_write' } });
    if (!current || JSON.stringify(current.refs) !== JSON.stringify(refs)) return;
    const ids: number[] = [];
    const created = new Set<number>();
    for (const part of resolved) {
      if ('knownIds' in part) {
        ids.push(...part.knownIds);
        continue;
      }
      const recorded = await recordCommits(tx, app.queue, { organizationId: release.organizationId, repositoryId: part.repositoryId, commits: part.fetched });
      ids.push(...recorded.commitIds);
      recorded.createdIds.forEach((id) => created.add(id));
    }
    await replaceReleaseCommits(tx, app.queue, release.id, ids, created);
    // Deploys that waited for these commits can now email their authors.
    const waiting: { id: number }[] = await tx.query('SELECT id FROM deploy WHERE release_id = $1 AND notified_at IS NULL', [release.id]);
    for (const deploy of waiting) await app.queue.add('deploy.notify', { deployId: deploy.id }, { runner: tx });
    await publishReleaseChanged(app.pubsub, tx, current, 'updated');
    log.info({ releaseId: release.id, commits: ids.length }, 'release.fetch-commits.done');
  });
}

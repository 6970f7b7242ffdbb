import { createHash } from 'node:crypto';
import type { App } from '../../api/src/server/app.js';
import { CommitFileChange, type FileChangeType } from '../../api/src/commits/commit-file-change.entity.js';
import { Commit } from '../../api/src/commits/commit.entity.js';
import { Deploy } from '../../api/src/deploys/deploy.entity.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import { ReleaseCommit } from '../../api/src/commits/release-commit.entity.js';
import { ReleaseProject } from '../../api/src/releases/release-project.entity.js';
import { Release } from '../../api/src/releases/release.entity.js';
import { Repository } from '../../api/src/repositories/repository.entity.js';
import { unique } from './factories.js';

/**
 * Repositories, commits, releases and deploys for tests, inserted as the release API and the
 * GitHub webhook record them, until those services exist to be called from here.
 */

export async function buildRepository(app: App, organization: Organization, name = unique('acme/web')): Promise<Repository> {
  const repo = app.db.getRepository(Repository);
  return repo.save(repo.create({ organizationId: organization.id, name, provider: 'integrations:github', url: `https://github.com/${name}` }));
}

export interface CommitSpec {
  message: string;
  authorName?: string;
  authorEmail?: string | null;
  /** Default: a SHA derived from a unique string. */
  key?: string;
  dateAdded?: Date;
  /** Paths the commit touched, e.g. `src/cart.js` (modified unless given as `A src/x.js`). */
  files?: string[];
}

export const fakeSha = (): string => createHash('sha1').update(unique('commit')).digest('hex');

export async function buildCommit(app: App, repository: Repository, spec: CommitSpec): Promise<Commit> {
  const commit = await app.db.getRepository(Commit).save(
    app.db.getRepository(Commit).create({
      organizationId: repository.organizationId,
      repositoryId: repository.id,
      key: spec.key ?? fakeSha(),
      message: spec.message,
      authorName: spec.authorName ?? 'Jane Doe',
      authorEmail: spec.authorEmail === undefined ? 'jane@example.com' : (spec.authorEmail?.toLowerCase() ?? null),
      dateAdded: spec.dateAdded ?? new Date(),
    }),
  );
  if (spec.files?.length) {
    await app.db.getRepository(CommitFileChange).insert(
      spec.files.map((file) => {
        const [type, filename] = /^[AMD] /.test(file) ? [file[0] as FileChangeType, file.slice(2)] : ['M' as const, file];
        return { organizationId: repository.organizationId, commitId: commit.id, filename, type };
      }),
    );
  }
  return commit;
}

/** A release of the organization linked to the projects, optionally created at a given time (to order releases). */
export async function buildProjectRelease(
  app: App,
  projects: Project[],
  options: { version?: string; dateCreated?: Date; commits?: Commit[] } = {},
): Promise<Release> {
  const first = projects[0];
  if (!first) throw new Error('buildProjectRelease needs a project');
  const repo = app.db.getRepository(Release);
  const release = await repo.save(
    repo.create({
      organizationId: first.organizationId,
      version: options.version ?? unique('web@1.0'),
      ...(options.dateCreated ? { dateCreated: options.dateCreated } : {}),
    }),
  );
  await app.db.getRepository(ReleaseProject).insert(projects.map((p) => ({ releaseId: release.id, projectId: p.id })));
  if (options.commits?.length) await addReleaseCommits(app, release, options.commits);
  return release;
}

/** Adds commits to a release, newest first (order 0 is the release's head), after any it has. */
export async function addReleaseCommits(app: App, release: Release, commits: Commit[]): Promise<void> {
  const [row] = (await app.db.query('SELECT coalesce(max("order") + 1, 0)::int AS next FROM release_commit WHERE release_id = $1', [
    release.id,
  ])) as { next: number }[];
  const next = row?.next ?? 0;
  await app.db.getRepository(ReleaseCommit).insert(commits.map((c, i) => ({ releaseId: release.id, commitId: c.id, order: next + i })));
}

export async function buildDeploy(app: App, release: Release, environment = 'production'): Promise<Deploy> {
  const repo = app.db.getRepository(Deploy);
  const finished = new Date();
  return repo.save(
    repo.create({
      organizationId: release.organizationId,
      releaseId: release.id,
      environment,
      name: null,
      url: null,
      dateStarted: new Date(finished.getTime() - 60_000),
      dateFinished: finished,
    }),
  );
}

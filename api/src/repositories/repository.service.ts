import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, conflict, isUniqueViolation, notFound } from '../errors.js';
import type { OrganizationScope } from '../auth/access.js';
import { Repository } from './repository.entity.js';

type Db = DataSource | EntityManager;

export const GITHUB_PROVIDER = 'integrations:github';
/** Plain git remotes (commits sent by `sentry-cli releases set-commits --local`). */
export const GIT_PROVIDER = 'git';

const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
// A git remote name, as `git remote add` accepts them (no spaces, slashes or control characters).
const REMOTE_NAME = /^[A-Za-z0-9_.@+-][A-Za-z0-9_.@+/-]{0,199}$/;

export function listRepositories(db: Db, organizationId: number): Promise<Repository[]> {
  return db.getRepository(Repository).find({ where: { organizationId }, order: { id: 'ASC' } });
}

/** Case-insensitive, as sentry-cli matches `--commit owner/repo@sha` against the repository list. */
export function findRepositoryByName(db: Db, organizationId: number, name: string): Promise<Repository | null> {
  return db
    .getRepository(Repository)
    .createQueryBuilder('r')
    .where('r.organization_id = :organizationId AND lower(r.name) = lower(:name)', { organizationId, name })
    .orderBy('r.id', 'ASC')
    .getOne();
}

export async function repositoryById(db: Db, access: OrganizationScope, repositoryId: number): Promise<Repository> {
  const repository = Number.isSafeInteger(repositoryId)
    ? await db.getRepository(Repository).findOneBy({ id: repositoryId, organizationId: access.organization.id })
    : null;
  if (!repository) throw notFound('Repository');
  return repository;
}

/**
 * The repository a `--local` commit list names by its git remote (`origin`), created on first
 * sight. Concurrent callers agree on one row through the unique (organization, name) index.
 */
export async function findOrCreateRemoteRepository(tx: EntityManager, organizationId: number, remoteName: string): Promise<Repository> {
  const existing = await findRepositoryByName(tx, organizationId, remoteName);
  if (existing) return existing;
  if (!REMOTE_NAME.test(remoteName)) throw badInput(`"${remoteName}" is not a valid repository name`, 'repository');
  await tx.query(
    `INSERT INTO repository (organization_id, name, provider) VALUES ($1, $2, $3) ON CONFLICT (organization_id, name) DO NOTHING`,
    [organizationId, remoteName, GIT_PROVIDER],
  );
  return tx.getRepository(Repository).findOneByOrFail({ organizationId, name: remoteName });
}

const newWebhookSecret = (): string => randomBytes(24).toString('hex');

/**
 * Connects a GitHub repository (`owner/repo`). The webhook secret is returned this once; the
 * caller shows it to the person who sets up the GitHub webhook. The caller checks `org:write`.
 */
export async function connectGithubRepository(
  db: DataSource,
  access: OrganizationScope,
  input: { name: string; url?: string | null },
): Promise<{ repository: Repository; webhookSecret: string }> {
  const name = input.name.trim().replace(/\.git$/, '');
  if (!GITHUB_NAME.test(name)) throw badInput(`"${input.name}" is not a GitHub repository name (owner/repo)`, 'name');
  const url = input.url?.trim() || `https://github.com/${name}`;
  if (!/^https?:\/\/\S+$/.test(url) || url.length > 500) throw badInput(`"${url}" is not a valid URL`, 'url');
  const organizationId = access.organization.id;
  if (await findRepositoryByName(db, organizationId, name)) throw conflict(`Repository "${name}" is already connected`, 'name');
  const webhookSecret = newWebhookSecret();
  try {
    const repository = await db
      .getRepository(Repository)
      .save(db.getRepository(Repository).create({ organizationId, name, provider: GITHUB_PROVIDER, url, webhookSecret, status: 'active' }));
    return { repository, webhookSecret };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Repository "${name}" is already connected`, 'name');
    throw error;
  }
}

/** A new webhook secret, shown once; the old one stops verifying at once. */
export async function rotateWebhookSecret(db: DataSource, access: OrganizationScope, repositoryId: number): Promise<string> {
  const repository = await repositoryById(db, access, repositoryId);
  const webhookSecret = newWebhookSecret();
  await db.getRepository(Repository).update({ id: repository.id, organizationId: access.organization.id }, { webhookSecret });
  return webhookSecret;
}

/** Deletes the repository with its commits (and, through them, release and issue links). */
export async function deleteRepository(db: DataSource, access: OrganizationScope, repositoryId: number): Promise<void> {
  const repository = await repositoryById(db, access, repositoryId);
  await db.getRepository(Repository).delete({ id: repository.id, organizationId: access.organization.id });
}

/** The URL to paste into GitHub's webhook settings for a repository. */
export function githubWebhookUrl(publicUrl: string, repositoryId: number): string {
  return `${publicUrl}/hooks/github/${repositoryId}/`;
}

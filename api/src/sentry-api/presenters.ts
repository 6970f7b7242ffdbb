/**
 * Sentry's REST JSON shapes for releases, repositories, commits and deploys, as sentry-cli 3.x
 * reads them: ids are strings, dates ISO 8601, and every release carries `dateCreated`.
 */
import type { Deploy } from '../deploys/deploy.entity.js';
import type { Repository } from '../repositories/repository.entity.js';
import type { Release } from '../releases/release.entity.js';
import type { ReleaseCommitSummary, ReleaseSummary } from './release-summary.js';
import { shortReleaseVersion } from '../releases/release-version.js';

const iso = (date: Date | string | null): string | null => (date === null ? null : new Date(date).toISOString());

const PROVIDER_NAMES: Record<string, string> = {
  'integrations:github': 'GitHub',
  github: 'GitHub',
  git: 'Git',
};

type RepositoryFields = Pick<Repository, 'id' | 'name' | 'provider' | 'url' | 'status' | 'dateCreated'>;

export function presentRepository(repository: RepositoryFields) {
  return {
    id: String(repository.id),
    name: repository.name,
    url: repository.url,
    provider: { id: repository.provider, name: PROVIDER_NAMES[repository.provider] ?? repository.provider },
    status: repository.status,
    dateCreated: iso(repository.dateCreated),
    integrationId: null,
    externalSlug: repository.name,
  };
}

export function presentDeploy(deploy: Deploy) {
  return {
    id: String(deploy.id),
    environment: deploy.environment,
    name: deploy.name,
    url: deploy.url,
    dateStarted: iso(deploy.dateStarted),
    dateFinished: iso(deploy.dateFinished),
  };
}

function presentCommit(commit: ReleaseCommitSummary) {
  return {
    id: commit.key,
    message: commit.message,
    dateCreated: iso(commit.dateAdded),
    repository: presentRepository(commit.repository),
    author: commit.authorEmail ? { name: commit.authorName, email: commit.authorEmail } : null,
  };
}

export function presentRelease(release: Release, summary: ReleaseSummary) {
  return {
    id: String(release.id),
    version: release.version,
    shortVersion: shortReleaseVersion(release.version),
    ref: release.ref,
    url: release.url,
    dateCreated: iso(release.dateCreated),
    dateReleased: iso(release.dateReleased),
    status: release.status,
    data: {},
    owner: null,
    newGroups: summary.newGroups,
    commitCount: summary.commitCount,
    lastCommit: summary.lastCommit ? presentCommit(summary.lastCommit) : null,
    authors: summary.authors.map((author) => ({ name: author.name ?? author.email, email: author.email })),
    deployCount: summary.deployCount,
    lastDeploy: summary.lastDeploy ? presentDeploy(summary.lastDeploy) : null,
    firstEvent: null,
    lastEvent: null,
    projects: summary.projects.map((p) => ({
      id: String(p.id),
      slug: p.slug,
      name: p.name,
      newGroups: p.newGroups,
      platform: p.platform,
      platforms: p.platform ? [p.platform] : [],
    })),
  };
}

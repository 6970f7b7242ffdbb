import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { Release } from '../releases/release.entity.js';
import type { OrganizationScope } from '../auth/access.js';
import { projectsBySlugs } from '../releases/release.service.js';
import { Deploy } from './deploy.entity.js';

export interface DeployInput {
  environment: string;
  name?: string | null | undefined;
  url?: string | null | undefined;
  dateStarted?: Date | string | null | undefined;
  /** Defaults to now. */
  dateFinished?: Date | string | null | undefined;
  /** Project slugs; each must exist and belong to the release. */
  projects?: string[] | null | undefined;
}

// Sentry's environment names: no newlines or slashes, at most 64 characters.
// eslint-disable-next-line no-control-regex
const ENVIRONMENT = /^[^\u0000-\u001f\u007f/]{1,64}$/;

function toDate(value: Date | string | null | undefined, field: string): Date | null {
  if (value == null || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`${field} is not a valid date: "${String(value)}"`, field);
  return date;
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value == null || value.trim() === '') return null;
  // eslint-disable-next-line no-control-regex
  if (value.length > max || /[\u0000-\u001f\u007f]/.test(value)) throw badInput(`${field} must be at most ${max} characters, without control characters`, field);
  return value.trim();
}

/** Records a deploy of the release and enqueues 'deploy.notify' with it, in one transaction. */
export async function createDeploy(
  { db, queue, pubsub }: { db: DataSource; queue: JobQueue; pubsub: PgPubSub },
  access: OrganizationScope,
  release: Release,
  input: DeployInput,
): Promise<Deploy> {
  const environment = typeof input.environment === 'string' ? input.environment.trim() : '';
  if (!ENVIRONMENT.test(environment)) throw badInput('environment is required: 1-64 characters, no "/" or newlines', 'environment');
  const dateFinished = toDate(input.dateFinished, 'dateFinished') ?? new Date();
  const dateStarted = toDate(input.dateStarted, 'dateStarted');
  if (dateStarted && dateStarted > dateFinished) throw badInput('dateStarted must not be after dateFinished', 'dateStarted');
  const name = optionalText(input.name, 'name', 200);
  const url = optionalText(input.url, 'url', 1000);
  return db.transaction(async (tx) => {
    if (input.projects?.length) await assertReleaseProjects(tx, access, release, input.projects);
    const repo = tx.getRepository(Deploy);
    const deploy = await repo.save(
      repo.create({ organizationId: access.organization.id, releaseId: release.id, environment, name, url, dateStarted, dateFinished, notifiedAt: null }),
    );
    await queue.add('deploy.notify', { deployId: deploy.id }, { runner: tx });
    await pubsub.publish('deployCreated', { organizationId: deploy.organizationId, releaseId: release.id, deployId: deploy.id }, tx);
    return deploy;
  });
}

// The deploy row has no project column: projects are only checked against the release.
async function assertReleaseProjects(tx: EntityManager, access: OrganizationScope, release: Release, slugs: string[]): Promise<void> {
  const projects = await projectsBySlugs(tx, access.organization.id, slugs);
  const linked: { project_id: number }[] = await tx.query(
    'SELECT project_id FROM release_project WHERE release_id = $1 AND project_id = ANY($2::int[])',
    [release.id, projects.map((p) => p.id)],
  );
  const outside = projects.filter((p) => !linked.some((l) => l.project_id === p.id)).map((p) => p.slug);
  if (outside.length > 0) throw badInput(`Project(s) not in release ${release.version}: ${outside.join(', ')}`, 'projects');
}

/** Newest first. */
export function listDeploys(db: DataSource | EntityManager, release: Release, options: { environment?: string | undefined } = {}): Promise<Deploy[]> {
  return db.getRepository(Deploy).find({
    where: { releaseId: release.id, ...(options.environment ? { environment: options.environment } : {}) },
    order: { dateFinished: 'DESC', id: 'DESC' },
  });
}

/** A release's deploys, newest first, optionally of one environment. */
export async function releaseDeploys(db: DataSource, releaseId: number, environment: string | null): Promise<Deploy[]> {
  return db.getRepository(Deploy).find({
    where: { releaseId, ...(environment ? { environment } : {}) },
    order: { dateFinished: 'DESC', id: 'DESC' },
  });
}

import type { DataSource, EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { newPublicKey } from '../auth/secrets.js';
import { badInput, conflict, isUniqueViolation } from '../errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import { assertName, assertSlug, slugify, type Patch } from '../validation.js';
import { ProjectKey } from './project-key.entity.js';
import { Project } from './project.entity.js';

export interface ProjectInput {
  name: string;
  slug?: string | null | undefined;
  platform?: string | null | undefined;
  reprocessingActive?: boolean | null | undefined;
}

const PLATFORM = /^[a-z0-9][a-z0-9.-]{0,63}$/;

function assertPlatform(platform: string | null | undefined): string | null {
  if (platform == null || platform === '') return null;
  if (!PLATFORM.test(platform)) {
    throw badInput(`"${platform}" is not a valid platform (e.g. node, javascript, python)`, 'platform');
  }
  return platform;
}

/** What later domains give a new project (its default alert rule), inside the creating transaction. */
export type ProjectSetUp = (tx: EntityManager, projectId: number) => Promise<void>;

/** Creates a project with its first DSN key (and whatever `setUp` adds), and tells live subscribers. */
export async function createProject(db: DataSource, pubsub: PgPubSub, access: OrgAccess, input: ProjectInput, setUp?: ProjectSetUp): Promise<Project> {
  const name = assertName(input.name);
  const slug = assertSlug(input.slug ?? slugify(name));
  const platform = assertPlatform(input.platform);
  const organizationId = access.organization.id;
  return db.transaction(async (tx) => {
    let created: Project;
    try {
      created = await tx.getRepository(Project).save(tx.getRepository(Project).create({ organizationId, slug, name, platform }));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A project with slug "${slug}" already exists`, 'slug');
      throw error;
    }
    await tx.getRepository(ProjectKey).insert({ projectId: created.id, label: 'Default', publicKey: newPublicKey() });
    await setUp?.(tx, created.id);
    await pubsub.publish('projectChanged', { organizationId, projectId: created.id, kind: 'created' }, tx);
    return created;
  });
}

export async function updateProject(
  db: DataSource,
  pubsub: PgPubSub,
  access: OrgAccess,
  project: Project,
  input: Patch<ProjectInput>,
  queue: JobQueue,
): Promise<Project> {
  const changes: Partial<Project> = {};
  if (input.name != null) changes.name = assertName(input.name);
  if (input.slug != null) changes.slug = assertSlug(input.slug);
  if (input.platform !== undefined) changes.platform = assertPlatform(input.platform);
  if (input.reprocessingActive != null) changes.reprocessingActive = input.reprocessingActive;
  if (Object.keys(changes).length === 0) return project;
  await db.transaction(async (tx) => {
    // Off means nothing waits any more: held events go through the pipeline with their errors.
    if (changes.reprocessingActive === false && project.reprocessingActive) {
      await queue.add('reprocessing.release', { projectId: project.id }, { runner: tx });
    }
    try {
      await tx.getRepository(Project).update({ id: project.id, organizationId: access.organization.id }, changes);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A project with slug "${changes.slug}" already exists`, 'slug');
      throw error;
    }
    await pubsub.publish('projectChanged', { organizationId: access.organization.id, projectId: project.id, kind: 'updated' }, tx);
  });
  return { ...project, ...changes };
}

/** Hides the project at once; a job deletes its data. Status change and job commit together. */
export async function requestProjectDeletion(db: DataSource, queue: JobQueue, access: OrgAccess, project: Project): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.getRepository(Project).update({ id: project.id, organizationId: access.organization.id }, { status: 'pending_deletion' });
    await queue.add('project.delete', { projectId: project.id }, { runner: tx });
  });
}

/**
 * Job body: deletes a project marked for deletion, and announces it in the same transaction so
 * subscribers hear of it exactly when it happened. Returns false when there was nothing to do
 * (a retry after a crash that came after the commit).
 */
export async function deleteProjectData(
  db: DataSource,
  projectId: number,
  options: { evenIfActive?: boolean; pubsub?: PgPubSub } = {},
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const project = await tx.getRepository(Project).findOne({ where: { id: projectId }, lock: { mode: 'pessimistic_write' } });
    if (!project || (project.status !== 'pending_deletion' && !options.evenIfActive)) return false;
    await tx.getRepository(Project).delete(projectId);
    await options.pubsub?.publish('projectChanged', { organizationId: project.organizationId, projectId, kind: 'deleted' }, tx);
    return true;
  });
}

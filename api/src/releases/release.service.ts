import type { DataSource, EntityManager } from 'typeorm';
import type { OrganizationScope } from '../auth/access.js';
import { badInput, notFound } from '../errors.js';
import { Project } from '../projects/project.entity.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import { publishReleaseChanged } from './release-changes.js';
import { assertReleaseVersion } from './release-version.js';
import { Release } from './release.entity.js';

type Db = DataSource | EntityManager;


export interface ReleaseInput {
  version: string;
  /** Project slugs of the organization; at least one. */
  projects: string[];
  ref?: string | null | undefined;
  url?: string | null | undefined;
  dateReleased?: Date | string | null | undefined;
}

/** A change: undefined leaves a field alone, null clears `ref`, `url` and `dateReleased` (as Sentry's PUT). */
export interface ReleaseUpdate {
  ref?: string | null | undefined;
  url?: string | null | undefined;
  dateReleased?: Date | string | null | undefined;
  status?: string | undefined;
  /** Project slugs to add (never removes: `finalize -p web` must not unlink the others). */
  projects?: string[] | undefined;
}

export interface ReleaseListOptions {
  projectIds?: number[] | undefined;
  /** Substring of the version, case-insensitive. */
  query?: string | undefined;
  /** Opaque cursor from a previous page. */
  cursor?: string | undefined;
  limit?: number | undefined;
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null | undefined {
  if (value === undefined || value === null) return value;
  // eslint-disable-next-line no-control-regex
  if (value.length > max || /[\u0000-\u001f\u007f]/.test(value)) throw badInput(`${field} must be at most ${max} characters, without control characters`, field);
  return value === '' ? null : value;
}

function optionalDate(value: Date | string | null | undefined, field: string): Date | null | undefined {
  if (value === undefined || value === null) return value;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`${field} is not a valid date: "${String(value)}"`, field);
  return date;
}

/** The active projects of the organization with these slugs; every slug must exist. */
export async function projectsBySlugs(db: Db, organizationId: number, slugs: string[]): Promise<Project[]> {
  const wanted = [...new Set(slugs)];
  const projects = wanted.length
    ? await db
        .getRepository(Project)
        .createQueryBuilder('p')
        .where("p.organization_id = :organizationId AND p.slug IN (:...wanted) AND p.status = 'active'", { organizationId, wanted })
        .getMany()
    : [];
  const unknown = wanted.filter((slug) => !projects.some((p) => p.slug === slug));
  if (unknown.length > 0) throw badInput(`Unknown project(s): ${unknown.join(', ')}`, 'projects');
  return projects;
}

async function linkProjects(tx: EntityManager, releaseId: number, projects: Project[]): Promise<void> {
  if (projects.length === 0) return;
  await tx.query(
    `INSERT INTO release_project (release_id, project_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING`,
    [releaseId, projects.map((p) => p.id)],
  );
}

export async function findRelease(db: Db, organizationId: number, version: string): Promise<Release> {
  // NUL cannot be in a stored version, and PostgreSQL fails on it in a query.
  const release = version.includes('\u0000') ? null : await db.getRepository(Release).findOneBy({ organizationId, version });
  if (!release) throw notFound('Release');
  return release;
}

/**
 * Creates the release, or returns the existing one (sentry-cli re-posts it before every
 * set-commits): fields given are applied either way, projects are added.
 */
export async function upsertRelease(
  { db, pubsub }: { db: DataSource; pubsub: PgPubSub },
  access: OrganizationScope,
  input: ReleaseInput,
): Promise<{ release: Release; created: boolean }> {
  const version = assertReleaseVersion(input.version);
  if (input.projects.length === 0) throw badInput('A release needs at least one project', 'projects');
  const organizationId = access.organization.id;
  const ref = optionalText(input.ref, 'ref', 200);
  const url = optionalText(input.url, 'url', 1000);
  const dateReleased = optionalDate(input.dateReleased, 'dateReleased');
  return db.transaction(async (tx) => {
    const projects = await projectsBySlugs(tx, organizationId, input.projects);
    const inserted: { id: number }[] = await tx.query(
      `INSERT INTO release (organization_id, version, ref, url, date_released) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, version) DO NOTHING RETURNING id`,
      [organizationId, version, ref ?? null, url ?? null, dateReleased ?? null],
    );
    const created = inserted.length > 0;
    const release = await tx.getRepository(Release).findOneOrFail({ where: { organizationId, version }, lock: { mode: 'pessimistic_write' } });
    if (!created) {
      const changes: Partial<Release> = {};
      if (ref) changes.ref = ref;
      if (url) changes.url = url;
      if (dateReleased) changes.dateReleased = dateReleased;
      if (Object.keys(changes).length > 0) await tx.getRepository(Release).update(release.id, changes);
      Object.assign(release, changes);
    }
    await linkProjects(tx, release.id, projects);
    await publishReleaseChanged(pubsub, tx, release, created ? 'created' : 'updated');
    return { release, created };
  });
}

/** Validates a change before any write. */
function releaseChanges(update: ReleaseUpdate): Partial<Release> {
  const changes: Partial<Release> = {};
  const ref = optionalText(update.ref, 'ref', 200);
  const url = optionalText(update.url, 'url', 1000);
  const dateReleased = optionalDate(update.dateReleased, 'dateReleased');
  if (ref !== undefined) changes.ref = ref;
  if (url !== undefined) changes.url = url;
  if (dateReleased !== undefined) changes.dateReleased = dateReleased;
  if (update.status !== undefined) {
    if (update.status !== 'open' && update.status !== 'archived') throw badInput(`Invalid status "${update.status}" (open or archived)`, 'status');
    changes.status = update.status;
  }
  return changes;
}

/**
 * Applies `update` inside the caller's transaction and returns the release, locked until the
 * transaction ends: concurrent changes of one release (set-commits) apply one after the other.
 */
export async function updateReleaseIn(tx: EntityManager, access: OrganizationScope, version: string, update: ReleaseUpdate): Promise<Release> {
  const organizationId = access.organization.id;
  const changes = releaseChanges(update);
  const release = await tx.getRepository(Release).findOne({ where: { organizationId, version }, lock: { mode: 'pessimistic_write' } });
  if (!release) throw notFound('Release');
  if (update.projects) await linkProjects(tx, release.id, await projectsBySlugs(tx, organizationId, update.projects));
  if (Object.keys(changes).length > 0) await tx.getRepository(Release).update(release.id, changes);
  return tx.getRepository(Release).findOneByOrFail({ id: release.id });
}

/** Sentry keeps releases that issues point at (first seen, last seen, resolved in). */
export async function deleteRelease({ db, pubsub }: { db: DataSource; pubsub: PgPubSub }, access: OrganizationScope, version: string): Promise<void> {
  const release = await findRelease(db, access.organization.id, version);
  const [{ referenced }]: [{ referenced: boolean }] = await db.query(
    `SELECT EXISTS (SELECT 1 FROM issue WHERE first_release_id = $1 OR last_release_id = $1 OR resolved_in_release_id = $1) AS referenced`,
    [release.id],
  );
  if (referenced) throw badInput('This release is referenced by active issues and cannot be removed.');
  await db.transaction(async (tx) => {
    await tx.getRepository(Release).delete({ id: release.id, organizationId: access.organization.id });
    await publishReleaseChanged(pubsub, tx, release, 'deleted');
  });
}

/** Newest first; `nextCursor` is null on the last page. */
export async function listReleases(db: Db, organizationId: number, options: ReleaseListOptions = {}): Promise<{ releases: Release[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 100);
  const query = db.getRepository(Release).createQueryBuilder('r').where('r.organization_id = :organizationId', { organizationId });
  if (options.projectIds) {
    query.andWhere('EXISTS (SELECT 1 FROM release_project rp WHERE rp.release_id = r.id AND rp.project_id = ANY(:projectIds))', {
      projectIds: options.projectIds,
    });
  }
  if (options.query) query.andWhere("r.version ILIKE :pattern ESCAPE '\\'", { pattern: `%${options.query.replace(/[\\%_]/g, '\\$&')}%` });
  const after = Number(options.cursor);
  if (options.cursor && Number.isSafeInteger(after)) query.andWhere('r.id < CAST(:after AS bigint)', { after });
  const rows = await query.orderBy('r.id', 'DESC').take(limit + 1).getMany();
  const releases = rows.slice(0, limit);
  return { releases, nextCursor: rows.length > limit ? String(releases.at(-1)!.id) : null };
}

/** The active projects of a release, by slug. */
export async function releaseProjectIds(db: DataSource, releaseId: number): Promise<number[]> {
  const rows: { project_id: number }[] = await db.query(
    `SELECT rp.project_id FROM release_project rp JOIN project p ON p.id = rp.project_id AND p.status = 'active' WHERE rp.release_id = $1 ORDER BY p.slug`,
    [releaseId],
  );
  return rows.map((r) => r.project_id);
}

import { In, type DataSource, type EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { AppError, badInput, notFound } from '../errors.js';
import { countMatches, paginateKeyset, type ConnectionArgs, type ConnectionShape } from '../graphql/connection.js';
import { MAX_ID, parseId } from '../graphql/ids.js';
import { Project } from '../projects/project.entity.js';
import { ReleaseProject } from '../releases/release-project.entity.js';
import { Release } from '../releases/release.entity.js';
import { Activity } from './activity.entity.js';
import { IssueHourlyCount } from './issue-hourly-count.entity.js';
import { Issue } from './issue.entity.js';
import { IssueSort } from './issue.types.js';
import { buildIssueSearch, SORT_COLUMNS, type IssueSearchOptions, type IssueSearchScope } from './search/issue-search.js';
import { parseSearchQuery, SearchQueryError, type SearchQuery } from '../../../schema/src/search/index.js';
import { parseShortId } from './short-id.js';

/** Parses the search language; syntax errors become BAD_USER_INPUT with the position to highlight. */
export function parseIssueQuery(query: string | null | undefined, now = new Date()): SearchQuery {
  try {
    return parseSearchQuery(query ?? '', now);
  } catch (error) {
    if (error instanceof SearchQueryError) {
      throw new AppError('BAD_USER_INPUT', error.message, { field: 'query', reason: error.reason, position: error.position });
    }
    throw error;
  }
}

/**
 * The project rows an organization-wide list covers: the requested ones (each must be an active
 * project of the organization, NOT_FOUND otherwise) or, when none are named, all of them. The
 * stream passes their ids on (so its page is read off the per-project indexes) and keeps the rows
 * for the nodes' `project`/`shortId`.
 */
export async function scopeProjects(db: DataSource, access: OrgAccess, projectIds: readonly string[] | null | undefined): Promise<Project[]> {
  const ids = projectIds && projectIds.length > 0 ? [...new Set(projectIds.map((id) => parseId(id, 'Project')))] : null;
  const projects = await db.getRepository(Project).find({
    where: { organizationId: access.organization.id, status: 'active', ...(ids ? { id: In(ids) } : {}) },
    order: { id: 'ASC' },
  });
  if (ids && projects.length !== ids.length) throw notFound('Project');
  return projects;
}

/**
 * The projects an organization-wide list covers: the requested ones (each must be an active
 * project of the organization, NOT_FOUND otherwise) or, when none are named, all of them (null).
 */
export async function projectScope(db: DataSource, access: OrgAccess, projectIds: readonly string[] | null | undefined): Promise<number[] | null> {
  if (!projectIds || projectIds.length === 0) return null;
  const ids = [...new Set(projectIds.map((id) => parseId(id, 'Project')))];
  const found = await db.getRepository(Project).countBy({ id: In(ids), organizationId: access.organization.id, status: 'active' });
  if (found !== ids.length) throw notFound('Project');
  return ids;
}

export interface IssueListInput extends IssueSearchOptions {
  query?: string | null | undefined;
  sort: IssueSort;
}

/** Issue lists count their matches up to this many (Sentry's hit cap too): the dashboard shows "1000+". */
export const ISSUE_COUNT_LIMIT = 1000;

/**
 * One page of the scope's issues matching the search, sorted descending with an id tie-break.
 * The scope's projects are resolved first: a literal project id lets PostgreSQL read the page
 * straight off the (project_id, status, sort, id) indexes instead of sorting every match.
 */
export async function listIssues(
  db: DataSource,
  scope: IssueSearchScope,
  input: IssueListInput,
  page: ConnectionArgs,
): Promise<ConnectionShape<Issue>> {
  const now = input.now ?? new Date();
  const search = parseIssueQuery(input.query, now);
  const projectIds = scope.projectIds ?? (await activeProjectIds(db, scope.organizationId));
  const query = buildIssueSearch(db, { ...scope, projectIds }, search, { environment: input.environment, statsPeriod: input.statsPeriod, now });
  const sort = SORT_COLUMNS[input.sort];
  return paginateKeyset(query, page, { sortColumn: sort.column, sortType: sort.type, idColumn: 'i.id', direction: 'DESC', countLimit: ISSUE_COUNT_LIMIT });
}

async function activeProjectIds(db: DataSource, organizationId: number): Promise<number[]> {
  const rows = await db.getRepository(Project).find({ select: { id: true }, where: { organizationId, status: 'active' }, order: { id: 'ASC' } });
  return rows.map((row) => row.id);
}

/**
 * How many of the scope's issues each search finds (the stream's tabs). Counted by the same
 * search builder as `listIssues`' totalCount, so whatever speeds one up speeds up both.
 */
export async function countIssues(
  db: DataSource,
  scope: IssueSearchScope,
  queries: readonly string[],
  options: IssueSearchOptions = {},
): Promise<{ totalCount: number; totalCountIsLowerBound: boolean }[]> {
  const now = options.now ?? new Date();
  const searches = queries.map((query) => parseIssueQuery(query, now));
  // Capped like the stream's own totalCount: an exact count of 100,000 matches is a scan.
  return Promise.all(searches.map((search) => countMatches(buildIssueSearch(db, scope, search, { ...options, now }), ISSUE_COUNT_LIMIT)));
}

/** An issue of the organization's active projects by short id (WEB-1F) or numeric id, with its `project`; NOT_FOUND otherwise. */
export async function findIssueInOrganization(db: DataSource, organizationId: number, idOrShortId: string): Promise<Issue> {
  const query = db
    .getRepository(Issue)
    .createQueryBuilder('i')
    .innerJoinAndSelect('i.project', 'p', "p.status = 'active'")
    .where("p.organization_id = :organizationId AND i.status <> 'pending_deletion'", { organizationId });
  const text = idOrShortId.trim();
  const parsed = /^\d+$/.test(text) ? null : parseShortId(text);
  let issue: Issue | null = null;
  // Numbers beyond the integer columns' range name nothing (rather than failing in PostgreSQL).
  if (/^\d+$/.test(text) && Number(text) <= MAX_ID) {
    issue = await query.andWhere('i.id = :id', { id: Number(text) }).getOne();
  } else if (parsed && parsed.number <= MAX_ID) {
    issue = await query.andWhere('p.slug = :slug AND i.short_id_number = :number', { slug: parsed.projectSlug, number: parsed.number }).getOne();
  }
  if (!issue) throw notFound('Issue');
  return issue;
}

export interface TagDistribution {
  key: string;
  totalValues: number;
  uniqueValues: number;
  topValues: { value: string; count: number; firstSeen: Date; lastSeen: Date }[];
}

export type FrequencyPeriod = '24h' | '30d';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function parseFrequencyPeriod(text: string): FrequencyPeriod {
  if (text === '24h' || text === '30d') return text;
  throw badInput(`period must be "24h" (hourly) or "30d" (daily), not "${text}"`, 'period');
}

/** The bucket starts of a period ending with the current hour (24h) or UTC day (30d). */
export function bucketsOf(period: FrequencyPeriod, now: Date): { starts: number[]; size: number } {
  const size = period === '24h' ? HOUR : DAY;
  const last = Math.floor(now.getTime() / size) * size;
  const count = period === '24h' ? 24 : 30;
  return { starts: Array.from({ length: count }, (_, i) => last - (count - 1 - i) * size), size };
}

/** Event counts per bucket for several issues, zero-filled, from the hourly counts (one query). */
export async function frequencies(
  db: DataSource,
  keys: readonly { issueId: number; period: FrequencyPeriod }[],
  now = new Date(),
): Promise<{ time: Date; count: number }[][]> {
  if (keys.length === 0) return [];
  const earliest = Math.min(...keys.map((k) => bucketsOf(k.period, now).starts[0] ?? now.getTime()));
  const rows = await db
    .getRepository(IssueHourlyCount)
    .createQueryBuilder('h')
    .where('h.issue_id IN (:...ids) AND h.hour >= :earliest', { ids: [...new Set(keys.map((k) => k.issueId))], earliest: new Date(earliest) })
    .getMany();
  return keys.map(({ issueId, period }) => {
    const { starts, size } = bucketsOf(period, now);
    const counts = new Map(starts.map((start) => [start, 0]));
    for (const row of rows) {
      if (row.issueId !== issueId) continue;
      const bucket = Math.floor(row.hour.getTime() / size) * size;
      const current = counts.get(bucket);
      if (current !== undefined) counts.set(bucket, current + row.count);
    }
    return starts.map((start) => ({ time: new Date(start), count: counts.get(start) ?? 0 }));
  });
}

/** A page of an issue's history, newest first. */
export async function issueActivity(db: DataSource, issueId: number, page: ConnectionArgs): Promise<ConnectionShape<Activity>> {
  const query = db.getRepository(Activity).createQueryBuilder('a').where('a.issue_id = :issueId', { issueId });
  return paginateKeyset(query, page, { sortColumn: 'a.date_created', sortType: 'timestamptz', idColumn: 'a.id', direction: 'DESC' });
}

/** The project's most recently created release: what "resolved in the next release" is measured against. */
export async function latestProjectRelease(db: DataSource | EntityManager, projectId: number): Promise<Release | null> {
  return db
    .getRepository(Release)
    .createQueryBuilder('r')
    .innerJoin(ReleaseProject, 'rp', 'rp.release_id = r.id')
    .where('rp.project_id = :projectId', { projectId })
    .orderBy('r.date_created', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .getOne();
}

/** Bulk mutations act on at most this many issues per call (Sentry's limit too). */
export const BULK_LIMIT = 1000;

/**
 * The issues a bulk mutation targets: the given ids (those of the scope; others are skipped) or
 * the first BULK_LIMIT matches of a search, most recently seen first.
 */
export async function bulkTargetIds(
  db: DataSource,
  scope: IssueSearchScope,
  target: { ids?: readonly string[] | null | undefined; query?: string | null | undefined },
): Promise<number[]> {
  if ((target.ids == null) === (target.query == null)) throw badInput('Give either ids or query', 'ids');
  if (target.ids) {
    if (target.ids.length > BULK_LIMIT) throw badInput(`At most ${BULK_LIMIT} ids at a time`, 'ids');
    const ids = [...new Set(target.ids.map(Number))].filter((id) => Number.isSafeInteger(id) && id > 0 && id <= MAX_ID);
    if (ids.length === 0) return [];
    const rows = await buildIssueSearch(db, scope, { filters: [], text: [] }).andWhere('i.id IN (:...ids)', { ids }).select('i.id').getMany();
    return rows.map((row) => row.id);
  }
  const rows = await buildIssueSearch(db, scope, parseIssueQuery(target.query))
    .select('i.id')
    .orderBy('i.last_seen', 'DESC')
    .addOrderBy('i.id', 'DESC')
    .limit(BULK_LIMIT)
    .getMany();
  return rows.map((row) => row.id);
}

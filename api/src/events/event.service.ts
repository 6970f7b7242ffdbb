import type { DataSource } from 'typeorm';
import { paginateKeyset, type ConnectionArgs, type ConnectionShape } from '../graphql/connection.js';
import { Project } from '../projects/project.entity.js';
import { EventAttachment } from './event-attachment.entity.js';
import { EventRow } from './event.entity.js';
import { parseEventId } from './event-id.js';
import { applyEventSearch } from './event-search.js';
import type { SearchQuery } from '../../../schema/src/search/index.js';

/** An event of one of the organization's active projects, by the id the SDK gave it. */
export async function findEventInOrganization(db: DataSource, organizationId: number, eventId: string): Promise<EventRow | null> {
  const id = parseEventId(eventId);
  if (!id) return null;
  return db
    .getRepository(EventRow)
    .createQueryBuilder('e')
    .innerJoin(Project, 'p', "p.id = e.project_id AND p.status = 'active'")
    .where('p.organization_id = :organizationId AND e.event_id = :id', { organizationId, id })
    .orderBy('e.id')
    .getOne();
}

/** An event of an active project (by slug) of the organization, by the id the SDK gave it. */
export async function findProjectEvent(db: DataSource, organizationId: number, projectSlug: string, eventId: string): Promise<EventRow | null> {
  const id = parseEventId(eventId);
  if (!id || projectSlug.includes('\u0000')) return null;
  return db
    .getRepository(EventRow)
    .createQueryBuilder('e')
    .innerJoin(Project, 'p', "p.id = e.project_id AND p.status = 'active'")
    .where('p.organization_id = :organizationId AND p.slug = :projectSlug AND e.event_id = :id', { organizationId, projectSlug, id })
    .orderBy('e.id')
    .getOne();
}

export interface EventFilter {
  organizationId: number;
  search: SearchQuery;
  environment: string | null;
}

/** A page of an issue's events, newest first (index issue_id, timestamp, id), optionally searched. */
export async function issueEvents(db: DataSource, issueId: number, page: ConnectionArgs, filter?: EventFilter): Promise<ConnectionShape<EventRow>> {
  let query = db.getRepository(EventRow).createQueryBuilder('e').where('e.issue_id = :issueId', { issueId });
  if (filter) query = applyEventSearch(query, filter.organizationId, filter.search, filter.environment);
  return paginateKeyset(query, page, { sortColumn: 'e.timestamp', sortType: 'timestamptz', idColumn: 'e.id', direction: 'DESC' });
}

/** The newest event of an issue in one environment. */
export async function latestEventIn(db: DataSource, issueId: number, environment: string): Promise<EventRow | null> {
  return db
    .getRepository(EventRow)
    .createQueryBuilder('e')
    .where('e.issue_id = :issueId AND e.environment = :environment', { issueId, environment })
    .orderBy('e.timestamp', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .getOne();
}

/** The newest event of each issue, in the order of `issueIds` (one query for a whole page). */
export async function latestEvents(db: DataSource, issueIds: readonly number[]): Promise<(EventRow | undefined)[]> {
  const rows = await db
    .getRepository(EventRow)
    .createQueryBuilder('e')
    .distinctOn(['e.issue_id'])
    .where('e.issue_id IN (:...issueIds)', { issueIds })
    .orderBy('e.issue_id')
    .addOrderBy('e.timestamp', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .getMany();
  const byIssue = new Map(rows.map((row) => [row.issueId, row]));
  return issueIds.map((id) => byIssue.get(id));
}

export interface EventKey {
  projectId: number;
  eventId: string;
}

/** Attachments of several events, without their contents. */
export async function attachmentsOf(db: DataSource, keys: readonly EventKey[]): Promise<EventAttachment[][]> {
  if (keys.length === 0) return [];
  const rows = await db
    .getRepository(EventAttachment)
    .createQueryBuilder('a')
    .select(['a.id', 'a.projectId', 'a.eventId', 'a.name', 'a.contentType', 'a.attachmentType', 'a.size', 'a.dateCreated'])
    .where('(a.project_id, a.event_id) IN (SELECT * FROM unnest(CAST(:projectIds AS int[]), CAST(:eventIds AS char(32)[])))', {
      projectIds: keys.map((k) => k.projectId),
      eventIds: keys.map((k) => k.eventId),
    })
    .orderBy('a.id')
    .getMany();
  const groups = new Map<string, EventAttachment[]>(keys.map((k) => [`${k.projectId}:${k.eventId}`, []]));
  for (const row of rows) groups.get(`${row.projectId}:${row.eventId}`)?.push(row);
  return keys.map((k) => groups.get(`${k.projectId}:${k.eventId}`) ?? []);
}

/** Where the REST API serves an attachment's contents (the route is Sentry's). */
export function attachmentUrl(organizationSlug: string, projectSlug: string, eventId: string, attachmentId: number): string {
  const path = [organizationSlug, projectSlug, 'events', eventId, 'attachments', String(attachmentId)].map(encodeURIComponent);
  return `/api/0/projects/${path.join('/')}/?download=1`;
}

/**
 * Saved searches (Sentry's): personal ones for their owner, organization-wide ones for every
 * member. Only admins and owners (org:write) make or delete organization-wide ones.
 */
import type { DataSource } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { parseId } from '../graphql/ids.js';
import { parseIssueQuery } from './issue.service.js';
import { SavedSearch, type SavedSearchVisibility } from './saved-search.entity.js';

const MAX_NAME = 128;
const MAX_QUERY = 2000;
/** Per person and organization, like Sentry's limit on saved searches. */
const MAX_PER_OWNER = 100;

/** The searches the caller sees: the organization's, then their own, by name. */
export async function savedSearchesFor(db: DataSource, access: OrgAccess): Promise<SavedSearch[]> {
  return db
    .getRepository(SavedSearch)
    .createQueryBuilder('s')
    .where('s.organization_id = :orgId', { orgId: access.organization.id })
    .andWhere("(s.visibility = 'organization' OR s.owner_user_id = :userId)", { userId: access.viewer.user.id })
    .orderBy("s.visibility = 'organization'", 'DESC')
    .addOrderBy('lower(s.name)')
    .addOrderBy('s.id')
    .getMany();
}

export interface SavedSearchInput {
  name: string;
  query: string;
  visibility: SavedSearchVisibility;
}

export async function createSavedSearch(db: DataSource, access: OrgAccess, input: SavedSearchInput): Promise<SavedSearch> {
  const name = input.name.trim();
  const query = input.query.trim();
  if (name === '' || name.length > MAX_NAME) throw badInput(`name must be 1 to ${MAX_NAME} characters`, 'name');
  if (query.length > MAX_QUERY) throw badInput(`query must be at most ${MAX_QUERY} characters`, 'query');
  parseIssueQuery(query); // a search that cannot run is not saved
  if (input.visibility === 'organization' && !access.scopes.has('org:write')) {
    throw forbidden('Only admins and owners save searches for the whole organization');
  }
  const repo = db.getRepository(SavedSearch);
  const owned = await repo.countBy({ organizationId: access.organization.id, ownerUserId: access.viewer.user.id });
  if (owned >= MAX_PER_OWNER) throw badInput(`At most ${MAX_PER_OWNER} saved searches per person`, 'name');
  return repo.save(repo.create({ organizationId: access.organization.id, ownerUserId: access.viewer.user.id, name, query, visibility: input.visibility }));
}

/** A saved search by id, for the resolver to authorize against its organization; NOT_FOUND when there is none. */
export async function findSavedSearch(db: DataSource, id: string): Promise<SavedSearch> {
  const search = await db.getRepository(SavedSearch).findOneBy({ id: parseId(id, 'SavedSearch') });
  if (!search) throw notFound('SavedSearch');
  return search;
}

/** Your own searches are yours to delete; organization-wide ones need org:write. Others' personal ones do not exist for you. */
export async function deleteSavedSearch(db: DataSource, access: OrgAccess, search: SavedSearch): Promise<void> {
  const visible = search.organizationId === access.organization.id && (search.visibility === 'organization' || search.ownerUserId === access.viewer.user.id);
  if (!visible) throw notFound('SavedSearch');
  if (search.visibility === 'organization' && !access.scopes.has('org:write')) {
    throw forbidden('Only admins and owners delete searches of the whole organization');
  }
  await db.getRepository(SavedSearch).delete(search.id);
}

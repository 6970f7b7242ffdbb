import { Not, type DataSource } from 'typeorm';
import { isEventId } from '../../../schema/src/search/index.js';
import { findEventInOrganization } from '../events/event.service.js';
import { AppError } from '../errors.js';
import { Issue } from './issue.entity.js';
import { findIssueInOrganization } from './issue.service.js';

/** A short id such as WEB-3: a slug, a dash, base32 digits; nothing else in the query. */
const SHORT_ID = /^[a-z0-9][a-z0-9_-]*-[0-9a-z]+$/i;

/**
 * The issue a whole search names by itself, as Sentry jumps to it: a short id (WEB-3) or an
 * event id (32 hex digits or a UUID) of this organization; null for any other search.
 */
export async function issueNamedBy(db: DataSource, organizationId: number, query: string): Promise<Issue | null> {
  const text = query.trim();
  if (isEventId(text)) {
    const event = await findEventInOrganization(db, organizationId, text);
    return event ? db.getRepository(Issue).findOneBy({ id: event.issueId, status: Not('pending_deletion') }) : null;
  }
  if (!SHORT_ID.test(text)) return null;
  try {
    return await findIssueInOrganization(db, organizationId, text);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

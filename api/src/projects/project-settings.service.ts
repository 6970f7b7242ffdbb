import type { DataSource, EntityManager } from 'typeorm';
import type { OrgAccess } from '../auth/access.js';
import { badInput, notFound } from '../errors.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { Patch } from '../validation.js';
import { Project } from './project.entity.js';
import { DEFAULT_INBOUND_FILTERS, type InboundFilterSettings, DEFAULT_SCRUB_OPTIONS, type ScrubOptions } from './project-options.js';

export interface EffectiveProjectSettings {
  scrubbing: ScrubOptions;
  inboundFilters: InboundFilterSettings;
  rateLimit: { count: number; window: number } | null;
}

const MAX_PATTERNS = 100;
const MAX_FIELD_NAMES = 100;
const MAX_ENTRY_LENGTH = 200;
const MAX_WINDOW_SECONDS = 86_400;

/** Stored values over the defaults, exactly as the ingest edge merges them (ingest-key.ts). */
export function effectiveSettings(project: Project): EffectiveProjectSettings {
  const { rateLimitCount: count, rateLimitWindow: window } = project;
  return {
    scrubbing: { ...DEFAULT_SCRUB_OPTIONS, ...project.scrubbing },
    inboundFilters: { ...DEFAULT_INBOUND_FILTERS, ...project.inboundFilters },
    rateLimit: count && window ? { count, window } : null,
  };
}

/** Trimmed, de-duplicated entries; each non-empty and short, and not too many of them. */
function assertList(values: string[], field: string, max: number, what: string): string[] {
  if (values.length > max) throw badInput(`${field} takes at most ${max} ${what}`, field);
  const trimmed = values.map((value) => value.trim());
  if (trimmed.some((value) => value === '')) throw badInput(`${field} may not contain empty ${what}`, field);
  const tooLong = trimmed.find((value) => value.length > MAX_ENTRY_LENGTH);
  if (tooLong !== undefined) throw badInput(`${field}: "${tooLong.slice(0, 40)}…" is longer than ${MAX_ENTRY_LENGTH} characters`, field);
  return [...new Set(trimmed)];
}

/** Copies the booleans that were sent (null means "leave as is", as everywhere in the API). */
function pickBooleans<T extends object>(input: Patch<T>, keys: readonly (keyof T & string)[]): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of keys) {
    const value = input[key];
    if (value != null) changes[key] = value as T[typeof key];
  }
  return changes;
}

export function validateScrubbing(input: Patch<ScrubOptions>): Partial<ScrubOptions> {
  const changes = pickBooleans<ScrubOptions>(input, ['enabled', 'scrubDefaults', 'scrubIpAddresses']);
  if (input.sensitiveFields != null) changes.sensitiveFields = assertList(input.sensitiveFields, 'sensitiveFields', MAX_FIELD_NAMES, 'field names');
  if (input.safeFields != null) changes.safeFields = assertList(input.safeFields, 'safeFields', MAX_FIELD_NAMES, 'field names');
  return changes;
}

export function validateInboundFilters(input: Patch<InboundFilterSettings>): Partial<InboundFilterSettings> {
  const changes = pickBooleans<InboundFilterSettings>(input, ['legacyBrowsers', 'browserExtensions', 'webCrawlers', 'localhost']);
  if (input.errorMessages != null) changes.errorMessages = assertList(input.errorMessages, 'errorMessages', MAX_PATTERNS, 'patterns');
  if (input.releases != null) changes.releases = assertList(input.releases, 'releases', MAX_PATTERNS, 'patterns');
  return changes;
}

/** A zero or missing count clears the quota; otherwise the window must be 1-86400 seconds. */
export function validateRateLimit(count: number | null | undefined, window: number | null | undefined): Pick<Project, 'rateLimitCount' | 'rateLimitWindow'> {
  if (!count) return { rateLimitCount: null, rateLimitWindow: null };
  if (count < 0) throw badInput('count must be a positive number of events (0 removes the limit)', 'count');
  if (window == null || window < 1 || window > MAX_WINDOW_SECONDS) {
    throw badInput(`window must be 1-${MAX_WINDOW_SECONDS} seconds`, 'window');
  }
  return { rateLimitCount: count, rateLimitWindow: window };
}

/**
 * Changes the project under a row lock, reading the stored settings inside the transaction so
 * two concurrent partial updates both land. Subscribers hear of it on commit.
 */
async function changeProject(
  db: DataSource,
  pubsub: PgPubSub,
  access: OrgAccess,
  projectId: number,
  change: (current: Project) => Partial<Project>,
): Promise<Project> {
  const organizationId = access.organization.id;
  return db.transaction(async (tx: EntityManager) => {
    const repo = tx.getRepository(Project);
    const current = await repo.findOne({ where: { id: projectId, organizationId, status: 'active' }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw notFound('Project');
    const changes = change(current);
    await repo.update({ id: projectId, organizationId }, changes);
    await pubsub.publish('projectChanged', { organizationId, projectId, kind: 'updated' }, tx);
    return Object.assign(current, changes);
  });
}

/** Stores the whole effective object, so later reads do not depend on today's defaults changing. */
export async function updateDataScrubbing(
  db: DataSource,
  pubsub: PgPubSub,
  access: OrgAccess,
  project: Project,
  input: Patch<ScrubOptions>,
): Promise<Project> {
  const changes = validateScrubbing(input);
  return changeProject(db, pubsub, access, project.id, (current) => ({
    scrubbing: { ...effectiveSettings(current).scrubbing, ...changes },
  }));
}

export async function updateInboundFilters(
  db: DataSource,
  pubsub: PgPubSub,
  access: OrgAccess,
  project: Project,
  input: Patch<InboundFilterSettings>,
): Promise<Project> {
  const changes = validateInboundFilters(input);
  return changeProject(db, pubsub, access, project.id, (current) => ({
    inboundFilters: { ...effectiveSettings(current).inboundFilters, ...changes },
  }));
}

export async function updateProjectRateLimit(
  db: DataSource,
  pubsub: PgPubSub,
  access: OrgAccess,
  project: Project,
  count: number | null | undefined,
  window: number | null | undefined,
): Promise<Project> {
  const changes = validateRateLimit(count, window);
  return changeProject(db, pubsub, access, project.id, () => changes);
}

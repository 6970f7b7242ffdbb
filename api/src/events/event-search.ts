/**
 * The issue search language (schema/src/search/) applied to one issue's events: tags (and the
 * `user.*` fields), `message:` and free text, release, environment, level, a bare event id.
 * Filters that describe issues rather than events (`is:`, `assigned:`, `times_seen:`, …) are a
 * clear BAD_USER_INPUT. Values travel as bound parameters; conditions are never NULL, so
 * `NOT (…)` stays exact.
 */
import type { SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors.js';
import type { SearchFilter, SearchQuery } from '../../../schema/src/search/index.js';
import type { EventRow } from './event.entity.js';

/** `*` is the wildcard; LIKE's own specials are matched literally (escaped with a backslash). */
function likePattern(value: string, wildcard: boolean): string {
  const escaped = value.replace(/[\\%_]/g, (char) => `\\${char}`);
  return wildcard ? escaped.replace(/\*/g, '%') : escaped;
}

class EventConditions {
  readonly parameters: Record<string, unknown> = {};
  private counter = 0;

  constructor(private readonly organizationId: number) {}

  param(value: unknown): string {
    const name = `ev${this.counter++}`;
    this.parameters[name] = value;
    return `:${name}`;
  }

  filter(filter: SearchFilter): string {
    const condition = this.positive(filter);
    return filter.negated ? `NOT (${condition})` : condition;
  }

  text(term: string): string {
    return `e.message ILIKE ${this.param(`%${likePattern(term, false)}%`)} ESCAPE '\\'`;
  }

  /** A tag pair of `key` whose value matches one of `values` (`*` alone: the event has the tag). */
  tag(key: string, values: readonly string[], wildcard: boolean): string {
    if (wildcard && values.includes('*')) return `EXISTS (SELECT 1 FROM jsonb_array_elements(e.tags) t WHERE t->>0 = ${this.param(key)})`;
    const matches = values.map((value) =>
      wildcard && value.includes('*')
        ? `t->>1 ILIKE ${this.param(likePattern(value, true))} ESCAPE '\\'`
        : `t->>1 = ${this.param(value)}`,
    );
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(e.tags) t WHERE t->>0 = ${this.param(key)} AND (${matches.join(' OR ')}))`;
  }

  private positive(filter: SearchFilter): string {
    switch (filter.kind) {
      case 'release': {
        const versions = filter.values.filter((v) => v !== 'latest');
        const matches = versions.length > 0 ? [`e.release IN (${versions.map((v) => this.param(v)).join(', ')})`] : [];
        if (filter.values.includes('latest')) {
          matches.push(
            `e.release = (SELECT r.version FROM release r WHERE r.organization_id = ${this.param(this.organizationId)} ORDER BY r.date_created DESC, r.id DESC LIMIT 1)`,
          );
        }
        return `COALESCE(${matches.join(' OR ')}, false)`;
      }
      case 'environment':
        return `e.environment IN (${filter.values.map((v) => this.param(v)).join(', ')})`;
      case 'level':
      case 'user.email':
        return this.tag(filter.kind, filter.values, false);
      case 'message':
        return filter.values.map((value) => this.text(value)).join(' OR ');
      case 'tag':
        return this.tag(filter.key, filter.values, filter.wildcard);
      case 'is':
      case 'assigned':
      case 'bookmarked':
      case 'subscribed':
      case 'date':
      case 'times-seen':
      case 'user-count':
        throw badInput(`"${describe(filter)}" filters issues, not events: search events by tags, message, release, environment or user`, 'query');
    }
  }
}

function describe(filter: SearchFilter): string {
  if (filter.kind === 'date') return filter.field;
  return filter.kind === 'times-seen' ? 'times_seen' : filter.kind === 'user-count' ? 'user_count' : filter.kind;
}

/** Narrows a query over `event e` to the events matching `search` (and `environment`, when given). */
export function applyEventSearch(
  query: SelectQueryBuilder<EventRow>,
  organizationId: number,
  search: SearchQuery,
  environment: string | null,
): SelectQueryBuilder<EventRow> {
  const conditions = new EventConditions(organizationId);
  const where: string[] = [];
  if (search.eventId !== undefined) where.push(`e.event_id = ${conditions.param(search.eventId)}`);
  where.push(...search.filters.map((filter) => conditions.filter(filter)));
  where.push(...search.text.map((term) => conditions.text(term)));
  if (environment) where.push(`e.environment = ${conditions.param(environment)}`);
  if (where.length === 0) return query;
  return query.andWhere(where.map((condition) => `(${condition})`).join(' AND '), conditions.parameters);
}

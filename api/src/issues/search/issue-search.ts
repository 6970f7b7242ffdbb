/**
 * Turns a parsed issue search (schema/src/search/, shared with the dashboard) into conditions on
 * a query builder over `issue i`. Every value travels as a bound parameter; each condition is written so it is never
 * NULL, which keeps `NOT (…)` (negated filters) exact, e.g. `!assigned:me` includes unassigned issues.
 */
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../../errors.js';
import { Issue } from '../issue.entity.js';
import { inboxCutoff } from '../issue-inbox.js';
import { IssueSort } from '../issue.types.js';
import type { NumericOperator, SearchFilter, SearchQuery } from '../../../../schema/src/search/index.js';

export interface IssueSearchScope {
  organizationId: number;
  /** Projects to search, already authorized; null for every active project of the organization. */
  projectIds: number[] | null;
  /** Whose `me` this is (assigned:me, bookmarks:me, subscribed:me). */
  viewerId: number;
}

export interface IssueSearchOptions {
  environment?: string | null | undefined;
  /** Only issues last seen within this period before `now`, e.g. "24h", "14d". */
  statsPeriod?: string | null | undefined;
  now?: Date;
}

export const SORT_COLUMNS: Record<IssueSort, { column: string; type: 'timestamptz' | 'integer' }> = {
  [IssueSort.LAST_SEEN]: { column: 'i.last_seen', type: 'timestamptz' },
  [IssueSort.FIRST_SEEN]: { column: 'i.first_seen', type: 'timestamptz' },
  [IssueSort.FREQUENCY]: { column: 'i.times_seen', type: 'integer' },
  [IssueSort.USERS]: { column: 'i.user_count', type: 'integer' },
};

/** `*` is the wildcard; LIKE's own specials are matched literally (escaped with a backslash). */
export function likePattern(value: string, options: { wildcard: boolean }): string {
  const escaped = value.replace(/[\\%_]/g, (char) => `\\${char}`);
  return options.wildcard ? escaped.replace(/\*/g, '%') : escaped;
}

const PERIOD_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "24h" → milliseconds; BAD_USER_INPUT for anything else. */
export function parsePeriod(text: string, field = 'statsPeriod'): number {
  const match = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  const amount = match ? Number(match[1]) : 0;
  if (!match?.[2] || amount < 1) throw badInput(`"${text}" is not a period such as 24h, 14d or 2w`, field);
  return amount * (PERIOD_UNITS[match[2]] ?? 0);
}

const NUMERIC_SQL: Record<NumericOperator, string> = { '=': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

/** Builds parameterized SQL fragments with unique parameter names. */
class ConditionBuilder {
  readonly parameters: Record<string, unknown> = {};
  private counter = 0;

  constructor(
    private readonly scope: IssueSearchScope,
    private readonly now: Date,
  ) {}

  param(value: unknown): string {
    const name = `search${this.counter++}`;
    this.parameters[name] = value;
    return `:${name}`;
  }

  list(values: readonly unknown[]): string {
    const name = `search${this.counter++}`;
    this.parameters[name] = values;
    return `(:...${name})`;
  }

  filter(filter: SearchFilter): string {
    const condition = this.positive(filter);
    return filter.negated ? `NOT (${condition})` : condition;
  }

  text(term: string): string {
    const pattern = this.param(`%${likePattern(term, { wildcard: false })}%`);
    return `(i.title ILIKE ${pattern} ESCAPE '\\' OR i.culprit ILIKE ${pattern} ESCAPE '\\')`;
  }

  /** The title ("Type: value") or the message; metadata values are text, never NULL here (COALESCE). */
  message(term: string): string {
    const pattern = this.param(`%${likePattern(term, { wildcard: false })}%`);
    return `(i.title ILIKE ${pattern} ESCAPE '\\' OR COALESCE(i.metadata->>'value', '') ILIKE ${pattern} ESCAPE '\\')`;
  }

  /** An issue_tag_value row of `key` whose value matches one of `values`. */
  tag(key: string, values: readonly string[], wildcard: boolean): string {
    const exact = values.filter((v) => !wildcard || !v.includes('*'));
    const patterns = wildcard ? values.filter((v) => v.includes('*')) : [];
    if (patterns.includes('*')) return this.tagCondition(key, 'TRUE'); // has:key
    const matches = [
      ...(exact.length > 0 ? [`tv.value IN ${this.list(exact)}`] : []),
      ...patterns.map((p) => `tv.value ILIKE ${this.param(likePattern(p, { wildcard: true }))} ESCAPE '\\'`),
    ];
    return this.tagCondition(key, matches.join(' OR '));
  }

  tagCondition(key: string, valueCondition: string): string {
    return `EXISTS (SELECT 1 FROM issue_tag_value tv WHERE tv.issue_id = i.id AND tv.key = ${this.param(key)} AND (${valueCondition}))`;
  }

  private positive(filter: SearchFilter): string {
    switch (filter.kind) {
      case 'is':
        return this.status(filter.value);
      case 'assigned': {
        const { target } = filter;
        if (target.type === 'none') return 'i.assignee_user_id IS NULL AND i.assignee_team_id IS NULL';
        if (target.type === 'me') return `COALESCE(i.assignee_user_id = ${this.param(this.scope.viewerId)}, false)`;
        if (target.type === 'email') {
          return `EXISTS (SELECT 1 FROM users u WHERE u.id = i.assignee_user_id AND u.email = ${this.param(target.email.toLowerCase())})`;
        }
        return (
          'EXISTS (SELECT 1 FROM team t WHERE t.id = i.assignee_team_id ' +
          `AND t.organization_id = ${this.param(this.scope.organizationId)} AND t.slug = ${this.param(target.slug)})`
        );
      }
      case 'bookmarked':
      case 'subscribed': {
        const table = filter.kind === 'bookmarked' ? 'issue_bookmark' : 'issue_subscription';
        const active = filter.kind === 'subscribed' ? ' AND x.is_active' : '';
        const who =
          filter.target.type === 'me'
            ? `x.user_id = ${this.param(this.scope.viewerId)}`
            : // About someone else: only a current member of this organization (bookmarks of people who left stay private).
              `x.user_id IN (SELECT u.id FROM users u JOIN organization_member m ON m.user_id = u.id ` +
              `AND m.organization_id = ${this.param(this.scope.organizationId)} WHERE u.email = ${this.param(filter.target.email.toLowerCase())})`;
        return `EXISTS (SELECT 1 FROM ${table} x WHERE x.issue_id = i.id AND ${who}${active})`;
      }
      case 'release':
        return this.release(filter.values);
      case 'environment':
        return this.tag('environment', filter.values, false);
      case 'user.email':
        // The ingest pipeline records the user's email as its own tag (see record-issue-events.ts).
        return this.tag('user.email', filter.values, false);
      case 'message':
        return filter.values.map((value) => this.message(value)).join(' OR ');
      case 'level':
        return `i.level IN ${this.list(filter.values)}`;
      case 'date': {
        const column = filter.field === 'first-seen' ? 'i.first_seen' : 'i.last_seen';
        return `${column} ${filter.op} ${this.param(filter.at)}`;
      }
      case 'times-seen':
      case 'user-count': {
        const column = filter.kind === 'times-seen' ? 'i.times_seen' : 'i.user_count';
        return `${column} ${NUMERIC_SQL[filter.op]} ${this.param(filter.value)}`;
      }
      case 'tag':
        return this.tag(filter.key, filter.values, filter.wildcard);
    }
  }

  private status(value: Extract<SearchFilter, { kind: 'is' }>['value']): string {
    switch (value) {
      case 'unresolved':
      case 'resolved':
      case 'ignored':
        return `i.status = ${this.param(value)}`;
      case 'assigned':
        return '(i.assignee_user_id IS NOT NULL OR i.assignee_team_id IS NOT NULL)';
      case 'unassigned':
        return 'i.assignee_user_id IS NULL AND i.assignee_team_id IS NULL';
      case 'regressed':
        return "COALESCE(i.substatus = 'regressed', false)";
      case 'for_review':
        return `EXISTS (SELECT 1 FROM issue_inbox ib WHERE ib.issue_id = i.id AND ib.date_added >= ${this.param(inboxCutoff(this.now))})`;
    }
  }

  /** `latest` is the organization's most recently created release. */
  private release(values: readonly string[]): string {
    const versions = values.filter((v) => v !== 'latest');
    const matches = versions.length > 0 ? [`tv.value IN ${this.list(versions)}`] : [];
    if (values.includes('latest')) {
      matches.push(
        'tv.value = (SELECT r.version FROM release r WHERE r.organization_id = ' +
          `${this.param(this.scope.organizationId)} ORDER BY r.date_created DESC, r.id DESC LIMIT 1)`,
      );
    }
    return this.tagCondition('release', matches.join(' OR '));
  }
}

/** A query over the scope's issues matching `search`; unordered (the caller sorts and pages). */
export function buildIssueSearch(
  db: DataSource | EntityManager,
  scope: IssueSearchScope,
  search: SearchQuery,
  options: IssueSearchOptions = {},
): SelectQueryBuilder<Issue> {
  const conditions = new ConditionBuilder(scope, options.now ?? new Date());
  const where: string[] = [];
  if (scope.projectIds === null) {
    where.push(
      `i.project_id IN (SELECT p.id FROM project p WHERE p.organization_id = ${conditions.param(scope.organizationId)} AND p.status = 'active')`,
    );
  } else {
    where.push(scope.projectIds.length > 0 ? `i.project_id IN ${conditions.list(scope.projectIds)}` : 'FALSE');
  }
  where.push("i.status <> 'pending_deletion'");
  if (search.eventId !== undefined) {
    // A bare event id finds that event's issue, in the same projects.
    where.push(`i.id IN (SELECT e.issue_id FROM event e WHERE e.project_id = i.project_id AND e.event_id = ${conditions.param(search.eventId)})`);
  }
  where.push(...search.filters.map((filter) => conditions.filter(filter)));
  where.push(...search.text.map((term) => conditions.text(term)));
  if (options.environment) where.push(conditions.tag('environment', [options.environment], false));
  if (options.statsPeriod) {
    const since = new Date((options.now ?? new Date()).getTime() - parsePeriod(options.statsPeriod));
    where.push(`i.last_seen >= ${conditions.param(since)}`);
  }
  return db
    .getRepository(Issue)
    .createQueryBuilder('i')
    .where(where.map((condition) => `(${condition})`).join(' AND '), conditions.parameters);
}

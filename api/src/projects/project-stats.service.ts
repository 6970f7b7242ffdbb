/**
 * Read-only statistics over the ingest counters: outcomes (what happened to what SDKs sent) and
 * release health (sessions). Plain parameterized SQL, because these are sums over counter tables;
 * the release pages reuse `releaseHealthFor`.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { badInput } from '../errors.js';
import type { OutcomeKind } from './outcome.entity.js';

type Db = DataSource | EntityManager;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How far back outcomes may be asked for (older rows may be pruned). */
export const OUTCOME_RETENTION_DAYS = 90;

export type OutcomeGroupKey = 'hour' | 'outcome' | 'reason' | 'category';

export interface OutcomeCountRow {
  hour: Date | null;
  outcome: OutcomeKind | null;
  reason: string | null;
  category: string | null;
  quantity: number;
}

export interface OutcomeTotalsRow {
  accepted: number;
  filtered: number;
  rateLimited: number;
  invalid: number;
  clientDiscarded: number;
}

export interface OutcomeRange {
  /** Start of the first hourly bucket counted (the bucket holding `since`). */
  fromHour: Date;
  /** Buckets starting before this are counted. */
  until: Date;
}

/** Defaults to the last 24 hours; `since` may go back at most 90 days and must precede `until`. */
export function outcomeRange(since: Date | null | undefined, until: Date | null | undefined, now = new Date()): OutcomeRange {
  const end = until ?? now;
  const start = since ?? new Date(now.getTime() - DAY_MS);
  if (Number.isNaN(start.getTime()) || start.getTime() < now.getTime() - OUTCOME_RETENTION_DAYS * DAY_MS) {
    throw badInput(`since must be within the last ${OUTCOME_RETENTION_DAYS} days`, 'since');
  }
  if (Number.isNaN(end.getTime()) || end.getTime() <= start.getTime()) throw badInput('until must be after since', 'until');
  // Rows are whole UTC hours (see outcome-recorder.ts): count the bucket that contains `since`.
  return { fromHour: new Date(Math.floor(start.getTime() / HOUR_MS) * HOUR_MS), until: end };
}

// Group keys map to fixed column names only; nothing the caller sends is spliced into SQL.
const GROUP_COLUMNS: Record<OutcomeGroupKey, string> = { hour: 'hour', outcome: 'outcome', reason: 'reason', category: 'category' };

/** Sums of the outcome counters of one project, grouped by any of hour, outcome, reason and category. */
export async function outcomeCounts(db: Db, projectId: number, range: OutcomeRange, groupBy: readonly OutcomeGroupKey[]): Promise<OutcomeCountRow[]> {
  const keys = (Object.keys(GROUP_COLUMNS) as OutcomeGroupKey[]).filter((key) => groupBy.includes(key));
  const columns = keys.map((key) => GROUP_COLUMNS[key]);
  const selected = [...columns, 'coalesce(sum(quantity), 0)::float8 AS quantity'].join(', ');
  const grouping = columns.length > 0 ? `GROUP BY ${columns.join(', ')} ORDER BY ${columns.join(', ')}` : '';
  const rows: Record<string, unknown>[] = await db.query(
    `SELECT ${selected} FROM outcome WHERE project_id = $1 AND hour >= $2 AND hour < $3 ${grouping}`,
    [projectId, range.fromHour, range.until],
  );
  return rows.map((row) => ({
    hour: keys.includes('hour') ? new Date(row.hour as Date) : null,
    outcome: keys.includes('outcome') ? (row.outcome as OutcomeKind) : null,
    reason: keys.includes('reason') ? (row.reason as string) : null,
    category: keys.includes('category') ? (row.category as string) : null,
    quantity: Number(row.quantity),
  }));
}

// Partial over string: rows may one day hold outcomes this code does not know yet.
const TOTAL_FIELDS: Partial<Record<string, keyof OutcomeTotalsRow>> & Record<OutcomeKind, keyof OutcomeTotalsRow> = {
  accepted: 'accepted',
  filtered: 'filtered',
  rate_limited: 'rateLimited',
  invalid: 'invalid',
  client_discard: 'clientDiscarded',
};

export async function outcomeTotals(db: Db, projectId: number, range: OutcomeRange): Promise<OutcomeTotalsRow> {
  const rows: { outcome: string; quantity: number }[] = await db.query(
    `SELECT outcome, sum(quantity)::float8 AS quantity FROM outcome
      WHERE project_id = $1 AND hour >= $2 AND hour < $3 GROUP BY outcome`,
    [projectId, range.fromHour, range.until],
  );
  const totals: OutcomeTotalsRow = { accepted: 0, filtered: 0, rateLimited: 0, invalid: 0, clientDiscarded: 0 };
  for (const row of rows) {
    const field = TOTAL_FIELDS[row.outcome];
    if (field) totals[field] += Number(row.quantity);
  }
  return totals;
}

export interface ReleaseHealthRow {
  projectId: number;
  release: string;
  /** Null unless grouped per environment. */
  environment: string | null;
  sessions: number;
  crashed: number;
  errored: number;
  abnormal: number;
  /** Distinct `did`s of individual sessions (request-mode aggregates carry no users). */
  users: number;
  crashedUsers: number;
  /** 0..1; null when there were no sessions. */
  crashFreeSessions: number | null;
  /** 0..1; null when no session named a user. */
  crashFreeUsers: number | null;
}

export interface ReleaseHealthOptions {
  /** Only sessions of this environment (rows are then per environment). */
  environment?: string | null | undefined;
  /** One row per release and environment even without an environment filter. */
  byEnvironment?: boolean | undefined;
  /** Only sessions started at or after this. */
  since?: Date | null | undefined;
}

interface HealthSqlRow {
  project_id: number;
  release: string;
  environment: string;
  sessions: number;
  crashed: number;
  errored: number;
  abnormal: number;
  users: number;
  crashed_users: number;
}

/**
 * Session counts per project and release: individual sessions (`release_session`, one row per
 * SDK session) plus request-mode aggregates (`session_aggregate`, whose four counts are disjoint
 * and add up to the total). Errored means errored but not crashed, as Sentry counts it.
 */
export async function releaseHealthFor(
  db: Db,
  projectIds: readonly number[],
  releases?: readonly string[] | null,
  options: ReleaseHealthOptions = {},
): Promise<ReleaseHealthRow[]> {
  if (projectIds.length === 0 || releases?.length === 0) return [];
  const byEnvironment = options.byEnvironment === true || options.environment != null;
  // '' never names a real environment (ingestion defaults to "production"), so it can stand for "all".
  const environmentKey = byEnvironment ? 'environment' : "''::text";
  const filters = `project_id = ANY($1::int[]) AND ($2::text[] IS NULL OR release = ANY($2::text[]))
      AND ($3::text IS NULL OR environment = $3::text) AND ($4::timestamptz IS NULL OR started >= $4::timestamptz)`;
  const rows: HealthSqlRow[] = await db.query(
    `WITH single AS (
       SELECT project_id, release, ${environmentKey} AS environment,
              count(*) AS sessions,
              count(*) FILTER (WHERE status = 'crashed') AS crashed,
              count(*) FILTER (WHERE status = 'errored' OR (errors > 0 AND status <> 'crashed')) AS errored,
              count(*) FILTER (WHERE status = 'abnormal') AS abnormal,
              count(DISTINCT distinct_id) AS users,
              count(DISTINCT distinct_id) FILTER (WHERE status = 'crashed') AS crashed_users
         FROM release_session
        WHERE ${filters}
        GROUP BY 1, 2, 3
     ), aggregated AS (
       SELECT project_id, release, ${environmentKey} AS environment,
              sum(exited + errored + crashed + abnormal) AS sessions,
              sum(crashed) AS crashed, sum(errored) AS errored, sum(abnormal) AS abnormal
         FROM session_aggregate
        WHERE ${filters}
        GROUP BY 1, 2, 3
     )
     SELECT project_id, release, environment,
            (coalesce(s.sessions, 0) + coalesce(a.sessions, 0))::float8 AS sessions,
            (coalesce(s.crashed, 0) + coalesce(a.crashed, 0))::float8 AS crashed,
            (coalesce(s.errored, 0) + coalesce(a.errored, 0))::float8 AS errored,
            (coalesce(s.abnormal, 0) + coalesce(a.abnormal, 0))::float8 AS abnormal,
            coalesce(s.users, 0)::float8 AS users,
            coalesce(s.crashed_users, 0)::float8 AS crashed_users
       FROM single s FULL JOIN aggregated a USING (project_id, release, environment)
      ORDER BY project_id, release, environment`,
    [projectIds, releases ?? null, options.environment ?? null, options.since ?? null],
  );
  return rows.map((row) => ({
    projectId: row.project_id,
    release: row.release,
    environment: byEnvironment ? row.environment : null,
    sessions: row.sessions,
    crashed: row.crashed,
    errored: row.errored,
    abnormal: row.abnormal,
    users: row.users,
    crashedUsers: row.crashed_users,
    crashFreeSessions: row.sessions > 0 ? Math.max(0, row.sessions - row.crashed) / row.sessions : null,
    crashFreeUsers: row.users > 0 ? Math.max(0, row.users - row.crashed_users) / row.users : null,
  }));
}

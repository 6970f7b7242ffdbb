/**
 * An issue's numbers in one environment. The issue row, its hourly counts and its tag values add
 * up every environment, so these are counted from the stored events (their `environment` column
 * and extracted `tags`); with `VIGIL_MAX_EVENTS_PER_ISSUE` set they cover the events kept.
 */
import type { DataSource } from 'typeorm';
import { badInput } from '../errors.js';
import { bucketsOf, type FrequencyPeriod, type TagDistribution } from './issue.service.js';

export interface EnvironmentStats {
  count: number;
  userCount: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

export async function environmentStats(db: DataSource, issueId: number, environment: string): Promise<EnvironmentStats> {
  const [row]: { count: number; users: number; first_seen: Date | null; last_seen: Date | null }[] = await db.query(
    `SELECT COUNT(*)::int AS count, MIN(e.timestamp) AS first_seen, MAX(e.timestamp) AS last_seen,
            COUNT(DISTINCT (SELECT t->>1 FROM jsonb_array_elements(e.tags) t WHERE t->>0 = 'user' LIMIT 1))::int AS users
       FROM event e WHERE e.issue_id = $1 AND e.environment = $2`,
    [issueId, environment],
  );
  return { count: row?.count ?? 0, userCount: row?.users ?? 0, firstSeen: row?.first_seen ?? null, lastSeen: row?.last_seen ?? null };
}

export async function environmentFrequency(
  db: DataSource,
  issueId: number,
  period: FrequencyPeriod,
  environment: string,
  now = new Date(),
): Promise<{ time: Date; count: number }[]> {
  const { starts, size } = bucketsOf(period, now);
  const rows: { bucket: string; count: number }[] = await db.query(
    `SELECT (floor(extract(epoch FROM e.timestamp) * 1000 / $4) * $4)::bigint::text AS bucket, COUNT(*)::int AS count
       FROM event e WHERE e.issue_id = $1 AND e.environment = $2 AND e.timestamp >= $3 GROUP BY 1`,
    [issueId, environment, new Date(starts[0] ?? now.getTime()), size],
  );
  const counts = new Map(rows.map((r) => [Number(r.bucket), r.count]));
  return starts.map((start) => ({ time: new Date(start), count: counts.get(start) ?? 0 }));
}

/** The SQL of an issue's (key, value, count, first seen, last seen), in every environment or in one. */
export function tagValueSource(environment: string | null): string {
  return environment === null
    ? 'SELECT key, value, times_seen AS count, first_seen, last_seen FROM issue_tag_value WHERE issue_id = $1 AND $4::text IS NULL'
    : `SELECT t->>0 AS key, t->>1 AS value, COUNT(*)::int AS count, MIN(e.timestamp) AS first_seen, MAX(e.timestamp) AS last_seen
         FROM event e CROSS JOIN LATERAL jsonb_array_elements(e.tags) t
        WHERE e.issue_id = $1 AND e.environment = $4 AND t->>0 NOT IN ('user.id', 'user.username', 'user.ip')
        GROUP BY 1, 2`;
}

/** Per tag key, in every environment or in one: events with it and its most frequent values (one query, window functions). */
export async function tagDistributions(
  db: DataSource,
  issueId: number,
  key: string | null,
  limit: number,
  environment: string | null = null,
): Promise<TagDistribution[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput('limit must be between 1 and 100', 'limit');
  const rows: { key: string; value: string; count: number; first_seen: Date; last_seen: Date; total: string; uniques: string }[] = await db.query(
    `SELECT key, value, count, first_seen, last_seen, total, uniques FROM (
       SELECT key, value, count, first_seen, last_seen,
              SUM(count) OVER (PARTITION BY key) AS total, COUNT(*) OVER (PARTITION BY key) AS uniques,
              ROW_NUMBER() OVER (PARTITION BY key ORDER BY count DESC, last_seen DESC, value) AS rank
         FROM (${tagValueSource(environment)}) src WHERE ($2::text IS NULL OR key = $2)
     ) ranked WHERE rank <= $3 ORDER BY key, rank`,
    [issueId, key, limit, environment],
  );
  const byKey = new Map<string, TagDistribution>();
  for (const row of rows) {
    let distribution = byKey.get(row.key);
    if (!distribution) {
      distribution = { key: row.key, totalValues: Number(row.total), uniqueValues: Number(row.uniques), topValues: [] };
      byKey.set(row.key, distribution);
    }
    distribution.topValues.push({ value: row.value, count: row.count, firstSeen: row.first_seen, lastSeen: row.last_seen });
  }
  return [...byKey.values()];
}

/** Events per release and UTC day, for the release list's chart. */
import type { DataSource } from 'typeorm';
import { badInput } from '../errors.js';

const DAY_MS = 86_400_000;
export const MAX_CHART_DAYS = 90;
export const MAX_CHART_RELEASES = 10;

export interface ReleaseEventSeries {
  version: string;
  points: { time: Date; count: number }[];
}

/**
 * One zero-filled daily series per version (oldest day first, ending today), counted over the
 * organization's active projects (`projectIds` of them when given). Reads only the partitions of the window.
 */
export async function releaseEventCounts(
  db: DataSource,
  organizationId: number,
  versions: readonly string[],
  options: { projectIds?: number[] | null; environment?: string | null | undefined; days: number; now?: Date },
): Promise<ReleaseEventSeries[]> {
  if (versions.length > MAX_CHART_RELEASES) throw badInput(`At most ${MAX_CHART_RELEASES} releases`, 'versions');
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > MAX_CHART_DAYS) throw badInput(`days must be 1 to ${MAX_CHART_DAYS}`, 'days');
  const today = Math.floor((options.now ?? new Date()).getTime() / DAY_MS) * DAY_MS;
  const starts = Array.from({ length: options.days }, (_, i) => today - (options.days - 1 - i) * DAY_MS);
  const rows: { release: string; day: Date; count: string }[] = versions.length === 0 ? [] : await db.query(
    `SELECT e.release, date_trunc('day', e.received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day, count(*) AS count
       FROM event e JOIN project p ON p.id = e.project_id
      WHERE p.organization_id = $1 AND p.status = 'active' AND ($2::int[] IS NULL OR p.id = ANY($2::int[]))
        AND e.release = ANY($3::text[]) AND e.received_at >= $4 AND ($5::text IS NULL OR e.environment = $5::text)
      GROUP BY 1, 2`,
    [organizationId, options.projectIds ?? null, [...versions], new Date(starts[0]!), options.environment ?? null],
  );
  return versions.map((version) => {
    const counts = new Map(rows.filter((row) => row.release === version).map((row) => [new Date(row.day).getTime(), Number(row.count)]));
    return { version, points: starts.map((start) => ({ time: new Date(start), count: counts.get(start) ?? 0 })) };
  });
}

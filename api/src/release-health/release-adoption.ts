/**
 * Adoption as Sentry shows it in the release list: the release's share of its projects' sessions
 * (and distinct session users) over the last 24 hours.
 */
import type { DataSource } from 'typeorm';

export const ADOPTION_WINDOW_MS = 24 * 3_600_000;

export interface ReleaseAdoption {
  sessions: number;
  totalSessions: number;
  users: number;
  totalUsers: number;
  /** 0..1; null when the projects had no sessions in the window. */
  sessionAdoption: number | null;
  /** 0..1; null when no session in the window named a user. */
  userAdoption: number | null;
}

export async function releaseAdoption(
  db: DataSource,
  projectIds: readonly number[],
  version: string,
  options: { environment?: string | null | undefined; now?: Date } = {},
): Promise<ReleaseAdoption> {
  const since = new Date((options.now ?? new Date()).getTime() - ADOPTION_WINDOW_MS);
  const params = [[...projectIds], version, since, options.environment ?? null];
  const filter = 'project_id = ANY($1::int[]) AND started >= $3 AND ($4::text IS NULL OR environment = $4::text)';
  // Individual sessions carry users; request-mode aggregates only add session counts.
  const [single]: { sessions: string; total: string; users: string; total_users: string }[] = await db.query(
    `SELECT count(*) FILTER (WHERE release = $2) AS sessions, count(*) AS total,
            count(DISTINCT distinct_id) FILTER (WHERE release = $2) AS users, count(DISTINCT distinct_id) AS total_users
       FROM release_session WHERE ${filter}`,
    params,
  );
  const [aggregated]: { sessions: string | null; total: string | null }[] = await db.query(
    `SELECT sum(exited + errored + crashed + abnormal) FILTER (WHERE release = $2) AS sessions, sum(exited + errored + crashed + abnormal) AS total
       FROM session_aggregate WHERE ${filter}`,
    params,
  );
  const sessions = Number(single?.sessions ?? 0) + Number(aggregated?.sessions ?? 0);
  const totalSessions = Number(single?.total ?? 0) + Number(aggregated?.total ?? 0);
  const users = Number(single?.users ?? 0);
  const totalUsers = Number(single?.total_users ?? 0);
  return {
    sessions,
    totalSessions,
    users,
    totalUsers,
    sessionAdoption: totalSessions > 0 ? sessions / totalSessions : null,
    userAdoption: totalUsers > 0 ? users / totalUsers : null,
  };
}

import type { DataSource, EntityManager } from 'typeorm';

/** Remembers the environments of newly stored events (a new name costs one row, a known one nothing). */
export async function recordEnvironments(tx: EntityManager, events: { projectId: number; environment: string; timestamp: number }[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO project_environment (project_id, name, first_seen)
     SELECT project_id, name, to_timestamp(MIN(ts)) FROM unnest($1::int[], $2::text[], $3::float8[]) AS e(project_id, name, ts)
      GROUP BY project_id, name
     ON CONFLICT (project_id, name) DO NOTHING`,
    [events.map((e) => e.projectId), events.map((e) => e.environment), events.map((e) => e.timestamp)],
  );
}

/**
 * Environment names of an organization's active projects (only `projectIds` of them, when
 * given; ids of other organizations match nothing), sorted, each once.
 */
export async function environmentsOf(db: DataSource | EntityManager, organizationId: number, projectIds: number[] | null): Promise<string[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT DISTINCT pe.name FROM project_environment pe JOIN project p ON p.id = pe.project_id
      WHERE p.organization_id = $1 AND p.status = 'active' AND ($2::int[] IS NULL OR p.id = ANY($2))
      ORDER BY pe.name`,
    [organizationId, projectIds],
  );
  return rows.map((row) => row.name);
}

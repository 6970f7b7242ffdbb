import type { DataSource } from 'typeorm';

export interface ReleaseRef {
  id: number;
  dateCreated: Date;
}

/**
 * Makes sure each (organization, version) release exists and is linked to the project, creating
 * it on first sight. Runs outside the event transaction: a release row is harmless if the events
 * that named it fail, and this keeps release rows out of the batch's locks.
 */
export async function ensureReleases(
  db: DataSource,
  wanted: { organizationId: number; projectId: number; version: string }[],
): Promise<Map<string, ReleaseRef>> {
  const refs = new Map<string, ReleaseRef>();
  if (wanted.length === 0) return refs;
  const unique = [...new Map(wanted.map((w) => [`${w.organizationId}:${w.projectId}:${w.version}`, w])).values()].sort((a, b) =>
    `${a.organizationId}:${a.version}`.localeCompare(`${b.organizationId}:${b.version}`),
  );
  const rows: { id: number; organization_id: number; version: string; date_created: Date }[] = await db.query(
    `WITH wanted AS (SELECT * FROM unnest($1::int[], $2::text[]) AS w(organization_id, version)),
          inserted AS (
            INSERT INTO release (organization_id, version) SELECT DISTINCT organization_id, version FROM wanted
            ON CONFLICT (organization_id, version) DO NOTHING
            RETURNING id, organization_id, version, date_created)
     SELECT id, organization_id, version, date_created FROM inserted
     UNION ALL
     SELECT r.id, r.organization_id, r.version, r.date_created FROM release r JOIN wanted w USING (organization_id, version)`,
    [unique.map((w) => w.organizationId), unique.map((w) => w.version)],
  );
  for (const row of rows) refs.set(`${row.organization_id}:${row.version}`, { id: row.id, dateCreated: new Date(row.date_created) });
  await db.query(
    `INSERT INTO release_project (release_id, project_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`,
    [unique.map((w) => refs.get(`${w.organizationId}:${w.version}`)!.id), unique.map((w) => w.projectId)],
  );
  return refs;
}

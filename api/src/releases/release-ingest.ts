import type { DataSource } from 'typeorm';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import { publishReleaseChanged } from './release-changes.js';

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
  { db, pubsub }: { db: DataSource; pubsub: PgPubSub },
  wanted: { organizationId: number; projectId: number; version: string }[],
): Promise<Map<string, ReleaseRef>> {
  const refs = new Map<string, ReleaseRef>();
  // A NUL cannot be stored in text; such a version names no release (its event is refused anyway).
  const storable = wanted.filter((w) => !w.version.includes('\u0000'));
  if (storable.length === 0) return refs;
  const unique = [...new Map(storable.map((w) => [`${w.organizationId}:${w.projectId}:${w.version}`, w])).values()].sort((a, b) =>
    `${a.organizationId}:${a.version}`.localeCompare(`${b.organizationId}:${b.version}`),
  );
  const rows: { id: number; organization_id: number; version: string; date_created: Date; created: boolean }[] = await db.query(
    `WITH wanted AS (SELECT * FROM unnest($1::int[], $2::text[]) AS w(organization_id, version)),
          inserted AS (
            INSERT INTO release (organization_id, version) SELECT DISTINCT organization_id, version FROM wanted
            ON CONFLICT (organization_id, version) DO NOTHING
            RETURNING id, organization_id, version, date_created)
     SELECT id, organization_id, version, date_created, true AS created FROM inserted
     UNION ALL
     SELECT r.id, r.organization_id, r.version, r.date_created, false FROM release r JOIN wanted w USING (organization_id, version)`,
    [unique.map((w) => w.organizationId), unique.map((w) => w.version)],
  );
  const stored = new Map(rows.map((row) => [`${row.organization_id}:${row.version}`, { id: row.id, dateCreated: new Date(row.date_created) }]));
  for (const w of unique) {
    const ref = stored.get(`${w.organizationId}:${asSent(w.version)}`);
    if (ref) refs.set(`${w.organizationId}:${w.version}`, ref);
  }
  const linked = unique.filter((w) => refs.has(`${w.organizationId}:${w.version}`));
  await db.query(
    `INSERT INTO release_project (release_id, project_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`,
    [linked.map((w) => refs.get(`${w.organizationId}:${w.version}`)!.id), linked.map((w) => w.projectId)],
  );
  for (const row of rows.filter((r) => r.created)) {
    await publishReleaseChanged(pubsub, db, { id: row.id, organizationId: row.organization_id, version: row.version }, 'created');
  }
  return refs;
}

/** The text as PostgreSQL receives it: node-postgres sends UTF-8, turning lone surrogates into U+FFFD. */
function asSent(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

import type { EntityManager } from 'typeorm';

/**
 * As Sentry does, a project without a platform (none, or "other") takes the platform of the
 * first event that names one, so its setup page and settings show the SDK really in use.
 */
export async function adoptEventPlatforms(tx: EntityManager, events: { projectId: number; platform: string }[]): Promise<void> {
  const first = new Map<number, string>();
  for (const e of events) if (e.platform && e.platform !== 'other' && !first.has(e.projectId)) first.set(e.projectId, e.platform);
  if (first.size === 0) return;
  await tx.query(
    `UPDATE project p SET platform = w.platform FROM unnest($1::int[], $2::text[]) AS w(id, platform)
      WHERE p.id = w.id AND (p.platform IS NULL OR p.platform = 'other')`,
    [[...first.keys()], [...first.values()]],
  );
}

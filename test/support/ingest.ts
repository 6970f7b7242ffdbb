import type { App } from '../../api/src/server/app.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import { ProjectKey } from '../../api/src/projects/project-key.entity.js';
import { waitFor } from './wait.js';

export async function publicKeyOf(app: App, project: Project): Promise<string> {
  return (await app.db.getRepository(ProjectKey).findOneByOrFail({ projectId: project.id })).publicKey;
}

export async function eventCount(app: App, projectId: number): Promise<number> {
  const [row] = (await app.db.query('SELECT count(*)::int AS n FROM event WHERE project_id = $1', [projectId])) as { n: number }[];
  return row?.n ?? 0;
}

/** Waits until the workers have stored `count` events of the project and the queue is empty. */
export async function waitForEvents(app: App, projectId: number, count: number, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => {
      const [queued] = (await app.db.query('SELECT count(*)::int AS n FROM ingest_queue WHERE project_id = $1', [projectId])) as { n: number }[];
      return (await eventCount(app, projectId)) >= count && queued?.n === 0;
    },
    { timeoutMs, what: `${count} stored events` },
  );
}

/** Sums an outcome for the project (all hours). */
export async function outcomeTotal(app: App, projectId: number, outcome: string, reason?: string): Promise<number> {
  const rows = (await app.db.query(
    'SELECT coalesce(sum(quantity), 0)::int AS n FROM outcome WHERE project_id = $1 AND outcome = $2 AND ($3::text IS NULL OR reason = $3)',
    [projectId, outcome, reason ?? null],
  )) as { n: number }[];
  return rows[0]?.n ?? 0;
}

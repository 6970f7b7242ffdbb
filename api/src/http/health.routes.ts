import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';

/** Names of the migrations the code knows but the database has not applied. */
async function pendingMigrations(db: DataSource): Promise<string[]> {
  const [table] = (await db.query("SELECT to_regclass('typeorm_migrations') AS t")) as { t: string | null }[];
  const rows = table?.t ? ((await db.query('SELECT name FROM typeorm_migrations')) as { name: string }[]) : [];
  const applied = new Set(rows.map((r) => r.name));
  return db.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
}

/**
 * Probes for orchestrators. `/healthz` (liveness) answers as long as the process serves HTTP and
 * touches nothing else, so a database outage does not get the process restarted in a loop.
 * `/readyz` (readiness) needs the database reachable and every migration of this code applied.
 */
export function registerHealthRoutes(fastify: FastifyInstance, db: DataSource): void {
  fastify.get('/healthz', async () => ({ ok: true }));
  fastify.get('/readyz', async (_request, reply) => {
    let pending: string[];
    try {
      pending = await pendingMigrations(db);
    } catch {
      return reply.code(503).send({ ok: false, database: 'unreachable' });
    }
    if (pending.length > 0) return reply.code(503).send({ ok: false, database: 'ok', migrations: { pending } });
    return { ok: true, database: 'ok', migrations: { pending: [] } };
  });
}

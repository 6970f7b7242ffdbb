import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { MIGRATIONS } from '../db/migrations/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function probe(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Runs `sql` as the PostgreSQL superuser, outside the server's own connections. */
async function asAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

describe('/healthz and /readyz', () => {
  it('both answer 200 with a JSON body on a migrated database', async () => {
    expect(await probe('/healthz')).toEqual({ status: 200, body: { ok: true } });
    expect(await probe('/readyz')).toEqual({ status: 200, body: { ok: true, database: 'ok', migrations: { pending: [] } } });
  });

  it('/readyz is 503 naming the migration the database lacks (an older schema than the code)', async () => {
    const latest = new MIGRATIONS[MIGRATIONS.length - 1]!().name!;
    const [row] = (await server.app.db.query('SELECT timestamp FROM typeorm_migrations WHERE name = $1', [latest])) as { timestamp: string }[];
    await server.app.db.query('DELETE FROM typeorm_migrations WHERE name = $1', [latest]);
    try {
      expect(await probe('/readyz')).toEqual({ status: 503, body: { ok: false, database: 'ok', migrations: { pending: [latest] } } });
      expect((await probe('/healthz')).status).toBe(200);
    } finally {
      await server.app.db.query('INSERT INTO typeorm_migrations (timestamp, name) VALUES ($1, $2)', [row!.timestamp, latest]);
    }
    expect((await probe('/readyz')).status).toBe(200);
  });

  it('/readyz is 503 while the database refuses connections, /healthz stays 200, and readiness comes back', async () => {
    const name = new URL(server.databaseUrl).pathname.slice(1);
    await asAdmin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    try {
      await asAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      expect(await probe('/readyz')).toEqual({ status: 503, body: { ok: false, database: 'unreachable' } });
      expect(await probe('/healthz')).toEqual({ status: 200, body: { ok: true } });
    } finally {
      await asAdmin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    }
    await waitFor(async () => (await probe('/readyz')).status === 200, { what: 'ready again' });
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { loadConfig } from '../config.js';
import { createDataSource, MIGRATION_LOCK, runMigrations } from './data-source.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ env: { VIGIL_STATEMENT_TIMEOUT_MS: '1000' } });
});
afterAll(async () => server?.close());

describe('statement_timeout', () => {
  it('is 15 s by default for the web process; workers get their job timeout', async () => {
    const config = loadConfig({});
    expect(config.statementTimeoutMs).toBe(15_000);
    expect(config.workerStatementTimeoutMs).toBe(300_000);
    expect(loadConfig({ VIGIL_JOB_TIMEOUT_SECONDS: '60' }).workerStatementTimeoutMs).toBe(60_000);
    expect(loadConfig({ VIGIL_WORKER_STATEMENT_TIMEOUT_MS: '900000' }).workerStatementTimeoutMs).toBe(900_000);
    const db = await createDataSource(server.databaseUrl, { entities: [], statementTimeoutMs: config.statementTimeoutMs, poolSize: 1 }).initialize();
    try {
      expect(await db.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '15s' }]);
    } finally {
      await db.destroy();
    }
  });

  it('applies VIGIL_STATEMENT_TIMEOUT_MS to every pooled connection', async () => {
    const shown = await Promise.all(Array.from({ length: 5 }, () => server.app.db.query('SHOW statement_timeout')));
    expect(shown.flat()).toEqual(Array.from({ length: 5 }, () => ({ statement_timeout: '1s' })));
    const started = Date.now();
    await expect(server.app.db.query('SELECT pg_sleep(5)')).rejects.toThrow(/canceling statement due to statement timeout/);
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  // A request stuck behind a lock answers with an error instead of holding its connection forever.
  it('bounds a GraphQL request waiting on the database', async () => {
    const tenant = await buildTenant(server.app);
    const locker = new pg.Client({ connectionString: server.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE organization IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const result = await server.client({ token: tenant.token }).request('{ viewer { organizations { nodes { slug } } } }');
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const after = await server.client({ token: tenant.token }).data<{ viewer: { organizations: { nodes: unknown[] } } }>('{ viewer { organizations { nodes { slug } } } }');
    expect(after.viewer.organizations.nodes).toHaveLength(1);
  });

  it('does not apply to migrations, which may wait for another process and run long', async () => {
    const other = new pg.Client({ connectionString: server.databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const migrating = runMigrations(server.app.db);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await other.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      expect(await migrating).toEqual([]);
    } finally {
      await other.end();
    }
    // The migration session went back to the pool with the configured timeout.
    const shown = await Promise.all(Array.from({ length: 10 }, () => server.app.db.query('SHOW statement_timeout')));
    expect(new Set(shown.flat().map((row: { statement_timeout: string }) => row.statement_timeout))).toEqual(new Set(['1s']));
  });
});

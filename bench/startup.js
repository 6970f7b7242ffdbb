// Cold start and idle memory of `vigil start` on a fresh embedded PostgreSQL.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT, rssMiB, waitForGraphQL } from './lib.js';

/** One start: returns ms until /graphql answered, and RSS after `idleMs` of idling. */
async function measureStart(dataDir, idleMs) {
  const port = await freePort();
  const began = Date.now();
  const child = spawn('node', ['bin/vigil.js', 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), VIGIL_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await waitForGraphQL(`http://127.0.0.1:${port}`, Date.now() + 60_000);
    const readyMs = Date.now() - began;
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return { readyMs, rss: await rssMiB(child.pid) };
  } finally {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export async function benchStartup() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-bench-'));
  await fs.chmod(dataDir, 0o755);
  try {
    const cold = await measureStart(dataDir, 5_000);
    const warm = await measureStart(dataDir, 5_000);
    return [
      { metric: 'cold start to /graphql (fresh data dir, initdb)', value: `${cold.readyMs} ms` },
      { metric: 'warm start to /graphql (existing data dir)', value: `${warm.readyMs} ms` },
      { metric: 'RSS of the vigil process, idle 5 s after start', value: `${warm.rss.toFixed(0)} MiB` },
    ];
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

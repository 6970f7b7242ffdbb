// Scale-out, measured: 2 web processes (`vigil start --no-workers`) and 2 worker processes
// (`vigil worker`) on one PostgreSQL (the first web process's embedded one), the SDK load spread
// round-robin over both web processes, against 1 web + 1 worker process on the same machine.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { throughput } from './ingest.js';
import { freePort, ROOT, startVigil, waitForGraphQL } from './lib.js';

const COUNT = 5_000;

/** A `vigil` process on an existing database; resolves once it serves /graphql (web) or has started (worker). */
async function vigilProcess(args, databaseUrl) {
  const port = await freePort();
  const child = spawn('node', ['bin/vigil.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  if (args[0] === 'start') await waitForGraphQL(url, Date.now() + 60_000);
  else await new Promise((resolve) => setTimeout(resolve, 3_000));
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function measure(webs, workers) {
  const first = await startVigil({}, ['--no-workers']);
  const processes = [];
  const db = new pg.Client({ connectionString: first.databaseUrl });
  await db.connect();
  try {
    for (let i = 1; i < webs; i++) processes.push(await vigilProcess(['start', '--no-workers'], first.databaseUrl));
    for (let i = 0; i < workers; i++) processes.push(await vigilProcess(['worker'], first.databaseUrl));
    const { projectId, dsn } = await first.bootstrap('bench', 'web');
    const query = `?sentry_key=${new URL(dsn).username}&sentry_version=7`;
    const endpoints = [first.url, ...processes.slice(0, webs - 1).map((p) => p.url)].map((url) => `${url}/api/${projectId}/envelope/${query}`);
    await throughput(first, db, endpoints, 5_000, 500, 16); // warm-up
    return await throughput(first, db, endpoints, 5_000, COUNT, 32);
  } finally {
    await db.end();
    for (const p of processes) await p.stop();
    await first.stop();
  }
}

export async function benchScaleOut() {
  const one = await measure(1, 1);
  const two = await measure(2, 2);
  const f = (n) => n.toFixed(0);
  return [
    { metric: '5 KB end-to-end/s, 1 web + 1 worker process, one PostgreSQL', value: `${f(one.processedPerSecond)} (accepted ${f(one.acceptedPerSecond)}/s)` },
    { metric: '5 KB end-to-end/s, 2 web + 2 worker processes, one PostgreSQL', value: `${f(two.processedPerSecond)} (accepted ${f(two.acceptedPerSecond)}/s)` },
  ];
}

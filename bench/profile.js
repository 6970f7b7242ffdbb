// `node bench/profile.js [bytes] [count]`: where ingest time goes. Runs `vigil start` under
// `node --cpu-prof` on an embedded PostgreSQL with pg_stat_statements loaded, sends SDK-shaped
// events until the queue drains, and prints the top self-time functions per thread and the top
// statements by total execution time. Profiles stay in the printed directory.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { throughput } from './ingest.js';
import { startVigil } from './lib.js';

const bytes = Number(process.argv[2] ?? 5_000);
const count = Number(process.argv[3] ?? 10_000);
const TOP = 15;

/** Self time per function (name + file:line), heaviest first, as a share of the profile's samples. */
function topFunctions(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  let total = 0;
  for (const [id, n] of counts) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + n);
    total += n;
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([fn, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${fn}`);
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-profile-'));
const profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-cpuprofile-'));
// First start creates the cluster; then it gets pg_stat_statements for the measured start.
await (await startVigil({}, [], { dataDir })).stop();
await fs.appendFile(path.join(dataDir, 'postgres', 'postgresql.conf'), "\nshared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all\n");
const vigil = await startVigil({}, [], { dataDir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
const db = new pg.Client({ connectionString: vigil.databaseUrl });
await db.connect();
try {
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const { projectId, dsn } = await vigil.bootstrap('profile', 'web');
  const endpoint = `${vigil.url}/api/${projectId}/envelope/?sentry_key=${new URL(dsn).username}&sentry_version=7`;
  await db.query('SELECT pg_stat_statements_reset(), pg_stat_reset()');
  const result = await throughput(vigil, db, endpoint, bytes, count, 32);
  process.stdout.write(`${count} events of ${bytes} B: processed end-to-end ${result.processedPerSecond.toFixed(0)}/s\n\nTop statements by total time:\n`);
  const { rows } = await db.query(
    `SELECT round(total_exec_time)::int AS ms, calls, round(mean_exec_time::numeric, 2) AS mean, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time DESC LIMIT ${TOP}`,
  );
  for (const r of rows) process.stdout.write(`${String(r.ms).padStart(7)} ms ${String(r.calls).padStart(7)} calls ${String(r.mean).padStart(7)} ms/call  ${r.query}\n`);
  const tables = await db.query(
    `SELECT relname, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_hot_upd AS hot, n_tup_del AS del FROM pg_stat_user_tables
      WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY n_tup_ins + n_tup_upd + n_tup_del DESC LIMIT ${TOP}`,
  );
  process.stdout.write('\nRows written per table (inserted / updated (HOT) / deleted):\n');
  for (const t of tables.rows) process.stdout.write(`${t.relname.padEnd(28)} ${t.ins} / ${t.upd} (${t.hot}) / ${t.del}\n`);
} finally {
  await db.end();
  await vigil.stop();
}
for (const file of (await fs.readdir(profileDir)).sort()) {
  const profile = JSON.parse(await fs.readFile(path.join(profileDir, file), 'utf8'));
  process.stdout.write(`\n${file} (self time):\n${topFunctions(profile).join('\n')}\n`);
}
process.stdout.write(`\nprofiles: ${profileDir}\n`);
await fs.rm(dataDir, { recursive: true, force: true });

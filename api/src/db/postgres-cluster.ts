import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import type { PostgresBinaries } from './postgres-binaries.js';
import { reason, type PostgresUser } from './postgres-user.js';

export interface ClusterOptions {
  /** The cluster's data directory (PGDATA), reachable by `runAs`. */
  dir: string;
  binaries: PostgresBinaries;
  runAs: PostgresUser | undefined;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * `initdb` for a new cluster. Its superuser password goes through a 0600 file beside the cluster
 * (never the shared temp directory), removed whatever happens.
 */
export async function initCluster(options: ClusterOptions & { user: string; password: string }): Promise<void> {
  const { dir, runAs } = options;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.chmod(dir, 0o700);
  if (runAs) await fs.chown(dir, runAs.uid, runAs.gid);
  const passwordFile = path.join(path.dirname(dir), `.initdb-password-${randomBytes(6).toString('hex')}`);
  try {
    await fs.writeFile(passwordFile, `${options.password}\n`, { mode: 0o600, flag: 'wx' });
    if (runAs) await fs.chown(passwordFile, runAs.uid, runAs.gid);
    const args = [`--pgdata=${dir}`, '--auth=scram-sha-256', `--username=${options.user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--no-locale'];
    const { code, output } = await runToEnd(options.binaries.initdb, args, options);
    if (code !== 0) throw new EmbeddedPostgresError(`initdb could not create the embedded PostgreSQL cluster in ${dir}: ${firstError(output)}.`);
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

export interface Postmaster {
  /** A fast shutdown (running queries are cancelled, clients disconnected); resolves once it has exited. */
  stop(): Promise<void>;
  /** Asks it to stop without waiting, for a process that is exiting anyway. */
  signalStop(): void;
}

/**
 * Starts the postmaster in a session of its own (`detached`), so a Ctrl-C in Vigil's terminal does not
 * reach it: Vigil drains its work first and stops the database last. Its output is appended to `logFile`.
 * Resolves once `ready()` is true; rejects with its last error if it exits first.
 */
export async function startPostmaster(
  options: ClusterOptions & { port: number; logFile: string; ready: () => Promise<boolean> },
): Promise<Postmaster> {
  const log = await fs.open(options.logFile, 'a', 0o600);
  const logStart = (await log.stat()).size;
  let child: ChildProcess;
  try {
    child = spawn(options.binaries.postgres, ['-D', options.dir, '-p', String(options.port)], {
      ...spawnOptions(options),
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
    });
  } finally {
    await log.close();
  }
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => resolve(reason(error)));
    child.once('exit', (code, signal) => resolve(`it exited with ${signal ?? `code ${code}`}`));
  });
  const failure = await Promise.race([exited, waitUntilReady(options.ready, exited)]);
  if (failure !== undefined) {
    const logged = await readFrom(options.logFile, logStart);
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL did not start in ${options.dir}: ${logged ? firstError(logged) : failure} (its log: ${options.logFile}).`,
    );
  }
  // The cluster must not keep a finished `vigil bootstrap` alive; stop() takes it back.
  child.unref();
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.ref();
        const done = exited.then(() => undefined);
        child.kill('SIGINT');
        const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
        await done;
        clearTimeout(timer);
      })();
      return stopped;
    },
    signalStop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    },
  };
}

/** Resolves with undefined once ready, or with a reason when the deadline passes; stops polling when `exited` settles. */
async function waitUntilReady(ready: () => Promise<boolean>, exited: Promise<string>): Promise<string | undefined> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!gone) {
    if (await ready()) return undefined;
    if (Date.now() > deadline) return `it did not accept connections within ${READY_TIMEOUT_MS / 1000} s`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return exited;
}

function spawnOptions({ dir, runAs }: ClusterOptions) {
  return {
    // The cluster's parent, not Vigil's working directory, which the `postgres` user may not be able to enter.
    cwd: path.dirname(dir),
    env: { ...process.env, LC_MESSAGES: 'C' },
    ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
  };
}

function runToEnd(command: string, args: string[], options: ClusterOptions): Promise<{ code: number | string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...spawnOptions(options), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => resolve({ code: -1, output: `${command}: ${reason(error)}` }));
    child.once('close', (code, signal) => resolve({ code: code ?? signal ?? -1, output }));
  });
}

/** The line that says what went wrong in initdb's or postgres's output, without its prefix. */
function firstError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const line = lines.find((l) => /\b(error|FATAL|PANIC):/.test(l)) ?? lines.at(-1) ?? 'no output';
  return line.replace(/^.*?\b(error|FATAL|PANIC):\s*/, '').replace(/\.$/, '');
}

async function readFrom(file: string, offset: number): Promise<string> {
  try {
    const content = await fs.readFile(file);
    return content.subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}

import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';

const run = promisify(execFile);

/** The system user the cluster runs as; undefined when Vigil is not root and Postgres runs as Vigil's own user. */
export interface PostgresUser {
  uid: number;
  gid: number;
}

/** Postgres refuses to run as root, so as root the cluster runs as `postgres`, created when missing. */
export async function postgresUser(): Promise<PostgresUser | undefined> {
  if (os.userInfo().uid !== 0) return undefined;
  const existing = await lookUp();
  if (existing) return existing;
  try {
    await run('groupadd', ['--system', 'postgres']).catch(ignoreExisting);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch (error) {
    throw new EmbeddedPostgresError(`Vigil runs as root and could not create the "postgres" user the embedded PostgreSQL must run as (${reason(error)}).`);
  }
  const created = await lookUp();
  if (!created) throw new EmbeddedPostgresError('Vigil runs as root and cannot find the "postgres" user it just created.');
  return created;
}

async function lookUp(): Promise<PostgresUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

function ignoreExisting(error: { code?: number }): void {
  // groupadd exits with 9 when the group exists already.
  if (error.code !== 9) throw error;
}

/** Whether `user` may enter `dir` and every directory above it (by mode bits; no user means Vigil's own). */
export function canEnter(user: PostgresUser | undefined, dir: string): boolean {
  if (!user) return true;
  let current = path.resolve(dir);
  for (;;) {
    if (!mayEnter(user, current)) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function mayEnter(user: PostgresUser, dir: string): boolean {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    return true; // not there yet: it will be created with our modes
  }
  if (stat.uid === user.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === user.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

/** Creates `dir` (and missing parents) so that every user can enter it: root's umask may be 077. */
export async function makeEnterableDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = path.resolve(dir); !(await exists(current)); current = path.dirname(current)) missing.unshift(current);
  for (const created of missing) {
    await fs.mkdir(created).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await fs.chmod(created, 0o755);
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

export function reason(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0]!.trim();
  return String(error);
}

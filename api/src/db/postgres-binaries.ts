import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbeddedPostgresError } from './embedded-postgres-error.js';
import { canEnter, makeEnterableDir, reason, type PostgresUser } from './postgres-user.js';

/** Where shared copies of the binaries go when the `postgres` user cannot reach the checkout. */
export const SHARED_ROOT = '/var/lib/vigil';

export interface PostgresBinaries {
  /** The package's `native/` directory: bin/, lib/ and share/ of one PostgreSQL build. */
  dir: string;
  initdb: string;
  postgres: string;
}

/** The PostgreSQL build of this platform, from its `@embedded-postgres/<platform>-<arch>` package. */
export function packagedBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new EmbeddedPostgresError(`No embedded PostgreSQL for this platform: the package ${name} is not installed; set DATABASE_URL instead.`);
  }
  return binariesIn(path.resolve(path.dirname(entry), '..', 'native'));
}

/** The build laid out under `dir` as the packages ship it (bin/, lib/, share/). */
export function binariesIn(dir: string): PostgresBinaries {
  return { dir, initdb: path.join(dir, 'bin', 'initdb'), postgres: path.join(dir, 'bin', 'postgres') };
}

/**
 * The binaries as `user` can run them. A checkout under a private directory (say /root) is out of the
 * `postgres` user's reach, so as root they are copied once per build to SHARED_ROOT/pg-<version>/.
 */
export async function reachableBinaries(binaries: PostgresBinaries, user: PostgresUser | undefined): Promise<PostgresBinaries> {
  if (canEnter(user, path.join(binaries.dir, 'bin'))) return binaries;
  const shared = binariesIn(path.join(SHARED_ROOT, `pg-${buildId(binaries)}`));
  if (await isDir(shared.dir)) return shared;
  try {
    await makeEnterableDir(SHARED_ROOT);
    // Copy beside the target, then rename: a concurrent start never sees a half-copied build.
    const staging = `${shared.dir}.${randomBytes(4).toString('hex')}.partial`;
    await fs.cp(binaries.dir, staging, { recursive: true, verbatimSymlinks: true });
    await openUp(staging);
    await fs.rename(staging, shared.dir).catch(async (error: NodeJS.ErrnoException) => {
      await fs.rm(staging, { recursive: true, force: true });
      if (!(await isDir(shared.dir))) throw error;
    });
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The "postgres" user cannot reach the PostgreSQL binaries in ${binaries.dir}, and copying them to ${shared.dir} failed (${reason(error)}).`,
    );
  }
  return shared;
}

/** `<package version>-<platform>-<arch>`, read from the package that ships the build. */
function buildId(binaries: PostgresBinaries): string {
  try {
    const { version } = JSON.parse(readFileSync(path.join(binaries.dir, '..', 'package.json'), 'utf8')) as { version: string };
    return `${version}-${process.platform}-${process.arch}`;
  } catch {
    return `${process.platform}-${process.arch}`;
  }
}

/** Directories 0755, files readable by all (executables stay executable), whatever root's umask was. */
async function openUp(dir: string): Promise<void> {
  await fs.chmod(dir, 0o755);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await openUp(file);
    else if (entry.isFile()) await fs.chmod(file, readableByAll((await fs.stat(file)).mode & 0o777));
  }
}

function readableByAll(mode: number): number {
  return mode | 0o444 | (mode & 0o111 ? 0o111 : 0);
}

async function isDir(dir: string): Promise<boolean> {
  return fs.stat(dir).then(
    (stat) => stat.isDirectory(),
    () => false,
  );
}

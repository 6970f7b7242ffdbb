/**
 * Keys derived from the instance secret: `VIGIL_SECRET_KEY` or, when it is unset, a random secret
 * created once in `<dataDir>/secret.key` (mode 0600). Each purpose gets its own key (HKDF), so a
 * signature made for one use (invite links) is worthless for another (sealed credentials).
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

async function keyMaterial(config: Pick<Config, 'secretKey' | 'dataDir'>): Promise<string> {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return (await readFile(file, 'utf8')).trim();
}

/** A 256-bit key for one purpose, e.g. 'stored-credentials' or 'invite-links'. */
export async function instanceKey(config: Pick<Config, 'secretKey' | 'dataDir'>, purpose: string): Promise<Buffer> {
  return Buffer.from(hkdfSync('sha256', await keyMaterial(config), 'vigil', purpose, 32));
}

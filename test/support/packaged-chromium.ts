import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The headless Chromium that the `@sparticuz/chromium` npm package ships brotli-compressed in its
 * tarball, unpacked once per version into node_modules/.cache/. The package itself unpacks into the
 * shared temp directory, straight to the final name; here it unpacks into a private staging
 * directory (its TMPDIR) that is renamed into place, so concurrent or interrupted runs never leave a
 * half-written browser behind, and no other version's or user's /tmp/chromium is picked up.
 */
export async function packagedChromium(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const root = path.resolve(path.dirname(entry), '..', '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const dir = path.resolve(root, '..', '..', '.cache', `sparticuz-chromium-${version}`);
  const binary = path.join(dir, 'chromium');
  if (existsSync(binary)) return binary;

  const staging = `${dir}.${randomBytes(4).toString('hex')}.partial`;
  await fs.mkdir(staging, { recursive: true });
  try {
    const esm = pathToFileURL(path.join(root, 'build', 'esm', 'index.js')).href;
    const script = `const { default: chromium } = await import(${JSON.stringify(esm)}); await chromium.executablePath();`;
    await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging } });
    await fs.rename(staging, dir).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(binary)) throw error; // else another run was first
    });
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  return binary;
}

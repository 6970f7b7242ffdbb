import fs from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../../../api/src/config.js';
import { connectDatabase } from '../../../api/src/db/database.js';
import { createLogger } from '../../../api/src/logger.js';
import { loadSystemSymbols, sdkIdOrThrow } from '../../../api/src/native/system-symbols.service.js';
import { openApp } from '../../../api/src/server/app.js';

/**
 * `vigil symbols:load iOS_10.3.1_14E304 <files…>`: the server admin loads an OS build's system symbols
 * (Breakpad `.sym`, debug files of system libraries, or zips of them) for every organization.
 */
export async function loadSymbols(sdkId: string, files: string[]): Promise<void> {
  const sdk = sdkIdOrThrow(sdkId);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const database = await connectDatabase(config, log);
  const app = await openApp(config, log, { databaseUrl: database.url });
  try {
    for (const file of files) {
      const loaded = await loadSystemSymbols(app, 0, sdk, path.basename(file), await fs.readFile(file));
      for (const s of loaded) process.stdout.write(`${sdkId}\t${s.debugId}\t${s.arch}\t${s.objectName}\n`);
    }
  } finally {
    await app.close();
    await database.stop();
  }
}

import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseHandle {
  url: string;
  /** Stops the embedded cluster if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

/** `DATABASE_URL` when set, else the embedded PostgreSQL under the data directory. */
export async function connectDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  return startEmbeddedPostgres(config.dataDir, log);
}

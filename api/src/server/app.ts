import type { Config } from '../config.js';
import { createDataSource, runMigrations, type DataSourceOptions } from '../db/data-source.js';
import { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { Deps } from '../runtime/deps.js';
import { createStorage, type Storage } from '../storage/create-blob-store.js';
import { createEventPartitions } from '../events/event-partitions.js';
import { ENTITIES } from './entities.js';

/** A process's running parts (see `Deps`), and how to stop them. */
export interface App extends Deps {
  /** The storage cache's counters, for `/metrics`. */
  storageCache: Storage['cache'];
  close(): Promise<void>;
}

export interface OpenAppOptions {
  databaseUrl: string;
  /** Run queue maintenance (retrying jobs of dead workers) in this process. */
  supervise?: boolean;
  dataSource?: Omit<DataSourceOptions, 'entities'>;
}

/** Connects to the database, applies migrations, creates the coming weeks' event partitions, and starts the queue client and pub/sub. */
export async function openApp(config: Config, log: Logger, options: OpenAppOptions): Promise<App> {
  const db = createDataSource(options.databaseUrl, { statementTimeoutMs: config.statementTimeoutMs, ...options.dataSource, entities: ENTITIES });
  await db.initialize();
  const applied = await runMigrations(db);
  if (applied.length > 0) log.info({ migrations: applied }, 'db.migrated');
  await createEventPartitions(db).catch((error: unknown) => {
    // The scheduled maintenance job retries; the default partition holds events meanwhile.
    log.warn({ error: String(error) }, 'events.partitions-not-created');
  });
  const queue = new JobQueue(options.databaseUrl, config.queue, log, { supervise: options.supervise ?? false });
  await queue.start();
  const pubsub = new PgPubSub(options.databaseUrl, db, log);
  await pubsub.start();
  const storage = await createStorage(config.storage, log);
  return {
    config,
    log,
    db,
    queue,
    pubsub,
    storage: storage.store,
    storageCache: storage.cache,
    async close() {
      await queue.stop();
      await pubsub.close();
      await db.destroy();
      storage.close();
    },
  };
}

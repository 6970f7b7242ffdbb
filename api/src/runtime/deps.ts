import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { BlobStore } from '../storage/blob-store.js';

/**
 * What a service, route or job may use of its process. Signatures ask for the part they need
 * (`Pick<Deps, 'db'>`, …), so a test or another process can hand over just that.
 */
export interface Deps {
  config: Config;
  log: Logger;
  db: DataSource;
  queue: JobQueue;
  pubsub: PgPubSub;
  /** Artifact storage: the filesystem, or S3 behind a local cache. */
  storage: BlobStore;
}

import type { Deps } from '../../api/src/runtime/deps.js';
import { JOB_NAMES, type JobName } from '../../schema/src/jobs.js';
import { IngestConsumer } from './ingest-consumer.js';
import { JOB_HANDLERS } from './registry.js';

export interface WorkerOptions {
  /** Parallel jobs per job kind, and parallel ingest loops, in this process. */
  concurrency?: number;
}

export interface Workers {
  /** Stops taking work and waits for what is running (jobs stop with the queue, in app.close()). */
  stop(): Promise<void>;
}

/** Starts the ingest consumer and every job kind. Several processes may do this against one database. */
export async function startWorkers(app: Deps, options: WorkerOptions = {}): Promise<Workers> {
  const ingest = new IngestConsumer(app, { concurrency: options.concurrency ?? 2 });
  ingest.start();
  for (const name of JOB_NAMES) await subscribe(app, name, options);
  const maintenance = [
    schedule(app, 'events.maintain-partitions', PARTITION_MAINTENANCE_MS),
    schedule(app, 'native.expire-held-events', app.config.native.heldEventExpiryIntervalSeconds * 1000),
    schedule(app, 'chunks.cleanup', CHUNK_CLEANUP_MS),
    // Finds nothing (an empty partial index) once done; a daily run catches a restore of old rows.
    schedule(app, 'events.backfill-search-fields', SEARCH_BACKFILL_MS),
  ];
  app.log.info({ jobs: JOB_NAMES }, 'workers.started');
  return {
    stop: () => {
      for (const timer of maintenance) clearInterval(timer);
      return ingest.stop();
    },
  };
}

const PARTITION_MAINTENANCE_MS = 3600 * 1000;
const CHUNK_CLEANUP_MS = 3600 * 1000;
const SEARCH_BACKFILL_MS = 24 * 3600 * 1000;

/**
 * A job that acts on whole tables (event partitions, expired held events, unreferenced chunks, search fields), enqueued at start and then
 * every `everyMs`; the singleton key makes N workers enqueue one job.
 */
function schedule(
  app: Deps,
  name: 'events.maintain-partitions' | 'native.expire-held-events' | 'chunks.cleanup' | 'events.backfill-search-fields',
  everyMs: number,
): NodeJS.Timeout {
  const enqueue = () =>
    app.queue.add(name, {}, { singletonKey: name }).catch((error: unknown) => {
      app.log.warn({ job: name, error: String(error) }, 'jobs.schedule-enqueue-failed');
    });
  void enqueue();
  const timer = setInterval(enqueue, everyMs);
  timer.unref();
  return timer;
}

function subscribe<N extends JobName>(app: Deps, name: N, options: WorkerOptions): Promise<void> {
  const handler = JOB_HANDLERS[name];
  return app.queue.work(name, (payload, context) => handler(app, payload, context), options);
}

import type { App } from '../../api/src/app.js';
import { JOB_NAMES, type JobName } from '../../schema/src/jobs.js';
import { JOB_HANDLERS } from './registry.js';

export interface WorkerOptions {
  /** Parallel jobs per job kind in this process. */
  concurrency?: number;
}

/** Starts consuming every job kind. Several processes may do this against one database. */
export async function startWorkers(app: App, options: WorkerOptions = {}): Promise<void> {
  for (const name of JOB_NAMES) await subscribe(app, name, options);
  app.log.info({ jobs: JOB_NAMES }, 'workers.started');
}

function subscribe<N extends JobName>(app: App, name: N, options: WorkerOptions): Promise<void> {
  const handler = JOB_HANDLERS[name];
  return app.queue.work(name, (payload, context) => handler(app, payload, context), options);
}

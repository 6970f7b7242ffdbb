import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { openApp } from '../../api/src/server/app.js';
import { loadConfig } from '../../api/src/config.js';
import { createLogger } from '../../api/src/logger.js';
import { startWorkers } from './runner.js';
import { lowerThreadPriority } from './thread-priority.js';

/**
 * The workers of `vigil start`, on their own thread: processing batches of events is CPU-heavy,
 * and off the main thread it neither delays the web server's answers nor waits behind them.
 */
export interface WorkerThreadData {
  databaseUrl: string;
  concurrency: number;
}

/**
 * The web server's thread shares the machine's cores with this one. An SDK waits for its answer
 * while queued work can wait, so the ingest edge gets the CPU first: at a steady 1,000 events/s a
 * worker's batch otherwise delayed answers by tens of milliseconds. The queue's byte budget still
 * turns SDKs away (429) before a backlog grows without bound.
 */
const WORKER_THREAD_NICE = 19;

const { databaseUrl, concurrency } = workerData as WorkerThreadData;
const config = loadConfig();
const log = createLogger(config.logLevel).child({ thread: 'workers' });
if (!lowerThreadPriority(WORKER_THREAD_NICE)) log.debug('workers.priority-unchanged');
// A stray rejection (a database going away mid-query, say) is logged; it must not kill the thread.
process.on('unhandledRejection', (reason) => log.error({ error: reason instanceof Error ? reason.message : String(reason) }, 'workers.unhandled-rejection'));
const app = await openApp(config, log, { databaseUrl, supervise: true, dataSource: { statementTimeoutMs: config.workerStatementTimeoutMs } });
const workers = await startWorkers(app, { concurrency });
parentPort?.postMessage('ready');

parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  void stop().finally(() => parentPort?.postMessage('stopped'));
});

/** Stops taking work, then closes the connections; a step that fails is logged and the next one still runs. */
async function stop(): Promise<void> {
  for (const [what, step] of [
    ['workers', () => workers.stop()],
    ['app', () => app.close()],
  ] as const) {
    await step().catch((error: unknown) => log.warn({ error: error instanceof Error ? error.message : String(error), what }, 'workers.stop-failed'));
  }
}

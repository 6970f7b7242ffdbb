import { Worker } from 'node:worker_threads';
import type { Logger } from '../../../api/src/logger.js';
import type { WorkerThreadData } from '../worker-thread.js';

export interface WorkerThreadHandle {
  /** Resolves once the workers run; rejects if the thread fails to start. */
  ready: Promise<void>;
  /** Stops the workers, also while they are still starting (a Ctrl-C during startup). */
  stop(): Promise<void>;
}

/** Starts the job and ingest workers on a worker thread. */
export function startWorkerThread(data: WorkerThreadData, log: Logger): WorkerThreadHandle {
  // V8 grows a thread's young generation to its 48 MB maximum while modules load and keeps it, empty,
  // until an idle GC long after; 24 MB (8 MB semi-spaces) still holds an ingest batch's garbage.
  const worker = new Worker(new URL('../worker-thread.js', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 24 } });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`The worker thread exited early (code ${code})`)));
    worker.once('message', (message) => (message === 'ready' ? resolve() : reject(new Error(String(message)))));
  });
  let stopping = false;
  void ready.then(
    () => {
      // From here on a failure on the thread is one log line; it must not throw in the web server's thread.
      worker.removeAllListeners('error');
      worker.on('error', (error) => log.error({ error: String(error) }, 'workers.failed'));
      void exited.then((code) => stopping || log.error({ code }, 'workers.exited'));
    },
    () => {},
  );
  return {
    ready,
    async stop() {
      stopping = true;
      if (!(await ready.then(() => true, () => false))) return;
      const stopped = new Promise<void>((resolve) => worker.on('message', (message) => message === 'stopped' && resolve()));
      worker.postMessage('stop');
      // A thread that died (and said so above) has nothing left to stop.
      await Promise.race([stopped, exited]);
      await worker.terminate();
    },
  };
}

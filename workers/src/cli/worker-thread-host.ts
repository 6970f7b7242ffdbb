import { Worker } from 'node:worker_threads';
import type { Logger } from '../../../api/src/logger.js';
import type { WorkerThreadData } from '../worker-thread.js';

export interface WorkerThreadHandle {
  stop(): Promise<void>;
}

/** Starts the job and ingest workers on a worker thread and resolves once they run. */
export async function startWorkerThread(data: WorkerThreadData, log: Logger): Promise<WorkerThreadHandle> {
  const worker = new Worker(new URL('../worker-thread.js', import.meta.url), { workerData: data });
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    void exited.then((code) => reject(new Error(`The worker thread exited early (code ${code})`)));
    worker.once('message', (message) => (message === 'ready' ? resolve() : reject(new Error(String(message)))));
  });
  // From here on a failure on the thread is one log line; it must not throw in the web server's thread.
  worker.removeAllListeners('error');
  worker.on('error', (error) => log.error({ error: String(error) }, 'workers.failed'));
  let stopping = false;
  void exited.then((code) => stopping || log.error({ code }, 'workers.exited'));
  return {
    async stop() {
      stopping = true;
      const stopped = new Promise<void>((resolve) => worker.on('message', (message) => message === 'stopped' && resolve()));
      worker.postMessage('stop');
      // A thread that died (and said so above) has nothing left to stop.
      await Promise.race([stopped, exited]);
      await worker.terminate();
    },
  };
}

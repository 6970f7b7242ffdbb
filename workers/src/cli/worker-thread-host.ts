import { Worker } from 'node:worker_threads';
import type { WorkerThreadData } from '../worker-thread.js';

export interface WorkerThreadHandle {
  stop(): Promise<void>;
}

/** Starts the job and ingest workers on a worker thread and resolves once they run. */
export async function startWorkerThread(data: WorkerThreadData): Promise<WorkerThreadHandle> {
  const worker = new Worker(new URL('../worker-thread.js', import.meta.url), { workerData: data });
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The worker thread exited early (code ${code})`)));
    worker.once('message', (message) => (message === 'ready' ? resolve() : reject(new Error(String(message)))));
  });
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => worker.on('message', (message) => message === 'stopped' && resolve()));
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

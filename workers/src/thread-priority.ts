import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority of the calling thread only. On Linux a thread is a task with its own nice
 * value, and `/proc/thread-self` names it; elsewhere (or if the system refuses) the thread keeps its
 * priority. Returns whether it was lowered.
 */
export function lowerThreadPriority(nice: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const taskId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(taskId, nice);
    return true;
  } catch {
    return false;
  }
}

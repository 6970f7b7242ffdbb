import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lowerThreadPriority } from './thread-priority.js';

/** Nice value of each task (thread) of this process, from /proc (field 19 of stat). */
function niceByTask(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const task of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    nice.set(Number(task), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nice;
}

describe.runIf(process.platform === 'linux')('lowerThreadPriority', () => {
  it('raises the nice value of the calling thread only', () => {
    const self = Number(readlinkSync('/proc/thread-self').split('/').pop());
    const before = niceByTask();
    const own = before.get(self)!;

    expect(lowerThreadPriority(Math.min(19, own + 1))).toBe(true);

    const after = niceByTask();
    expect(after.get(self)).toBe(Math.min(19, own + 1));
    for (const [task, nice] of after) if (task !== self && before.has(task)) expect(nice, `task ${task}`).toBe(before.get(task));
  });
});

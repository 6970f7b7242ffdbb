import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process group has exited. */
  exited: Promise<number | string>;
  /** Sends a signal to the whole process group, like Ctrl-C in a terminal. */
  signal(signal: NodeJS.Signals): void;
}

/** Starts a command in its own process group, with output captured for assertions and failures. */
export function startProcess(command: string, args: string[], env: Record<string, string | undefined>): RunningProcess {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    child,
    output: () => output,
    exited,
    signal: (signal) => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
      try {
        process.kill(-child.pid, signal);
      } catch (error) {
        // The group may be gone already (its leader exited and nothing else is left in it).
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    },
  };
}

/**
 * The embedded cluster runs in a session of its own, so killing a Vigil process group leaves it
 * running: a test that killed Vigil stops the cluster of its data directory with this.
 */
export async function stopCluster(dataDir: string): Promise<void> {
  const clusterDir = await fs.realpath(path.join(dataDir, 'postgres')).catch(() => undefined);
  if (!clusterDir) return;
  const pid = await postmasterPid(clusterDir);
  if (pid) {
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown
    } catch {
      // not running
    }
    while (await postmasterPid(clusterDir)) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await fs.rm(clusterDir, { recursive: true, force: true });
  await fs.rm(dataDir, { recursive: true, force: true });
}

/** The running postmaster's pid, from the first line of postmaster.pid. */
export async function postmasterPid(clusterDir: string): Promise<number | undefined> {
  const content = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  if (!pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** The process group of a process, from /proc/<pid>/stat (the field after state and parent). */
export async function processGroupOf(pid: number): Promise<number> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** Lines of a Node.js stack trace, or the error PostgreSQL sends to clients of a cluster shutting down. */
export const CRASH_OUTPUT = /^\s+at .+:\d+:\d+\)?$|terminating connection due to administrator command|57P01|Unhandled|uncaught/im;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `url` answers a GraphQL request at all. */
export async function waitForGraphQL(url: string, process: RunningProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) throw new Error(`Process exited early:\n${process.output()}`);
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No answer from ${url}/graphql within ${timeoutMs} ms:\n${process.output()}`);
}

import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './processes.js';

export const SENTRY_CLI = path.join(REPO_ROOT, 'node_modules/.bin/sentry-cli');

export interface SentryCliTarget {
  url: string;
  token: string;
  org: string;
  project?: string;
  /** Working directory (a git checkout for set-commits --local/--auto); also HOME, so no ~/.sentryclirc is read. */
  cwd: string;
}

export interface SentryCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real sentry-cli binary against a test server. The environment is built from scratch:
 * no proxies, tokens or config of the developer's shell, and no update check (loopback only).
 */
export function runSentryCli(target: SentryCliTarget, args: string[], extraEnv: Record<string, string> = {}): Promise<SentryCliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: target.cwd,
    SENTRY_URL: target.url,
    SENTRY_AUTH_TOKEN: target.token,
    SENTRY_ORG: target.org,
    ...(target.project ? { SENTRY_PROJECT: target.project } : {}),
    SENTRY_LOG_LEVEL: 'warn',
    SENTRY_DISABLE_UPDATE_CHECK: 'true',
    SENTRY_LOAD_DOTENV: '0',
    SENTRY_HTTP_MAX_RETRIES: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    ...extraEnv,
  };
  return new Promise((resolve) => {
    execFile(SENTRY_CLI, args, { cwd: target.cwd, env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Like runSentryCli, but fails with the command's output unless it exits 0. */
export async function sentryCliOk(target: SentryCliTarget, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const result = await runSentryCli(target, args, extraEnv);
  if (result.code !== 0) {
    throw new Error(`sentry-cli ${args.join(' ')} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
  return result.stdout;
}

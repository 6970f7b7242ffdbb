import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { dsnFor } from '../../api/src/projects/project-key.service.js';
import type { App } from '../../api/src/server/app.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import { ProjectKey } from '../../api/src/projects/project-key.entity.js';
import { REPO_ROOT } from './processes.js';

const run = promisify(execFile);

export async function dsnOf(app: App, project: Project, serverUrl: string): Promise<string> {
  const key = await app.db.getRepository(ProjectKey).findOneByOrFail({ projectId: project.id });
  return dsnFor(serverUrl, key.publicKey, project.id);
}

/** Runs test/fixtures/sdk-app.mjs: a real app using the real @sentry/node SDK. */
export async function runSdkApp(
  dsn: string,
  scenario: string,
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [path.join(REPO_ROOT, 'test/fixtures/sdk-app.mjs'), scenario, ...(options.args ?? [])], {
      env: { ...process.env, SENTRY_DSN: dsn, ...options.env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

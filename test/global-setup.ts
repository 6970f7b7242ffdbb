import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openApp } from '../api/src/server/app.js';
import { loadConfig } from '../api/src/config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../api/src/db/embedded-postgres.js';
import { createLogger } from '../api/src/logger.js';
import { chromiumPath } from './support/browser.js';
import { TEMPLATE_DATABASE } from './support/database.js';

let database: EmbeddedDatabase | undefined;
let dataDir: string | undefined;

/**
 * One real PostgreSQL for the whole run. A template database gets the migrations and the queue
 * schema once; every test file then clones it (CREATE DATABASE … TEMPLATE), so files run in
 * parallel without sharing rows, jobs or notifications.
 */
export async function setup(project: TestProject): Promise<void> {
  // Process-level tests run the compiled CLI, exactly as `npm start` does.
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  // Unpack the browser tests' Chromium once, before files that use it run in parallel.
  await chromiumPath();

  const log = createLogger('warn');
  const adminUrl = process.env.TEST_DATABASE_URL ?? (await startEmbedded(log));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, TEMPLATE_DATABASE);
  const app = await openApp(loadConfig({}), log, { databaseUrl: templateUrl });
  await app.close();
  project.provide('databaseUrl', adminUrl);
}

async function startEmbedded(log: ReturnType<typeof createLogger>): Promise<string> {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-test-'));
  await fs.chmod(dataDir, 0o755);
  database = await startEmbeddedPostgres(dataDir, log);
  return database.url;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function teardown(): Promise<void> {
  await database?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

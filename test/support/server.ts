import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, type App } from '../../api/src/server/app.js';
import { loadConfig } from '../../api/src/config.js';
import type { DataSourceOptions } from '../../api/src/db/data-source.js';
import { startHttpServer } from '../../api/src/server/http-server.js';
import { createLogger, type Logger } from '../../api/src/logger.js';
import { startWorkers } from '../../workers/src/runner.js';
import { createTestDatabase } from './database.js';
import { GraphQLTestClient } from './graphql-client.js';

export interface TestServer {
  app: App;
  url: string;
  databaseUrl: string;
  client(credentials?: { token?: string; cookie?: string }): GraphQLTestClient;
  close(): Promise<void>;
}

/** A real Vigil web server on 127.0.0.1 (random port) over its own fresh database. */
export async function startTestServer(
  options: { workers?: boolean; env?: Record<string, string>; dataSource?: Omit<DataSourceOptions, 'entities'>; log?: Logger } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  // Artifacts of each server in a directory of its own, removed with it.
  const storageDir = await mkdtemp(path.join(tmpdir(), 'vigil-test-storage-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    VIGIL_STORAGE_PATH: path.join(storageDir, 'artifacts'),
    VIGIL_STORAGE_CACHE_PATH: path.join(storageDir, 'cache'),
    ...options.env,
  });
  const log = options.log ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const app = await openApp(config, log, {
    databaseUrl: database.url,
    supervise: options.workers ?? false,
    ...(options.dataSource ? { dataSource: options.dataSource } : {}),
  });
  const server = await startHttpServer(app);
  // DSNs and links use the real address of this server.
  app.config.publicUrl = server.url;
  const workers = options.workers ? await startWorkers(app) : undefined;
  return {
    app,
    url: server.url,
    databaseUrl: database.url,
    client: (credentials = {}) => new GraphQLTestClient(server.url, credentials),
    async close() {
      await server.close();
      await workers?.stop();
      await app.close();
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

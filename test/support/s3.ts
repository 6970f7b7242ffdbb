import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** A real S3-compatible server (s3rver) on 127.0.0.1, which a test may stop and start again on the same port. */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Environment for a Vigil using it (with a small cache under `cacheDir`). */
  env(cacheDir: string, extra?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'vigil-artifacts'): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'vigil-s3rver-'));
  let port = 0;
  let server: S3rver | null = null;
  const start = async () => {
    server = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
    const address = (await server.run()) as AddressInfo;
    port = address.port;
  };
  const stop = async () => {
    const running = server as unknown as { httpServer?: Server } | null;
    server = null;
    if (!running?.httpServer) return;
    // Keep-alive sockets of the S3 client would hold close() open: an outage cuts them.
    running.httpServer.closeAllConnections();
    await new Promise<void>((resolve) => running.httpServer!.close(() => resolve()));
  };
  await start();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: (cacheDir, extra = {}) => ({
      VIGIL_STORAGE_BACKEND: 's3',
      VIGIL_STORAGE_ENDPOINT: endpoint,
      VIGIL_STORAGE_BUCKET: bucket,
      VIGIL_STORAGE_REGION: 'us-east-1',
      VIGIL_STORAGE_ACCESS_KEY_ID: 'S3RVER',
      VIGIL_STORAGE_SECRET_ACCESS_KEY: 'S3RVER',
      VIGIL_STORAGE_FORCE_PATH_STYLE: 'true',
      VIGIL_STORAGE_TIMEOUT_MS: '2000',
      VIGIL_STORAGE_CACHE_PATH: cacheDir,
      ...extra,
    }),
    stop,
    start,
    async close() {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

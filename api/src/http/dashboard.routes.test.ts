import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDashboardDir, registerDashboardRoutes } from './dashboard.routes.js';

async function serve(root: string): Promise<FastifyInstance> {
  const fastify = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  fastify.get('/api/0/', async () => ({ version: '0' }));
  await registerDashboardRoutes(fastify, root);
  return fastify;
}

describe('dashboard routes', () => {
  let dir: string;
  let built: FastifyInstance;
  let unbuilt: FastifyInstance;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-web-'));
    await fs.mkdir(path.join(dir, 'dist', 'assets'), { recursive: true });
    await fs.writeFile(path.join(dir, 'dist', 'index.html'), '<div id="root"></div>');
    await fs.writeFile(path.join(dir, 'dist', 'assets', 'app-1234.js'), 'console.log(1)');
    await fs.writeFile(path.join(dir, 'secret.txt'), 'outside');
    built = await serve(path.join(dir, 'dist'));
    unbuilt = await serve(path.join(dir, 'missing'));
  });
  afterAll(async () => {
    await built.close();
    await unbuilt.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('answers index.html for client-side URLs, uncached', async () => {
    for (const url of ['/', '/login', '/organizations/acme/issues/WEB-1/?query=is%3Aresolved']) {
      const response = await built.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toBe('<div id="root"></div>');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for good, and 404s missing ones', async () => {
    const asset = await built.inject({ url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await built.inject({ url: '/assets/app-0000.js' })).statusCode).toBe(404);
  });

  it('leaves the API, GraphQL, webhooks and health checks alone', async () => {
    expect((await built.inject({ url: '/api/0/' })).json()).toEqual({ version: '0' });
    for (const url of ['/api/0/nothing/', '/graphql/x', '/hooks/github/1', '/healthz']) {
      expect((await built.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('never serves files outside the build', async () => {
    for (const url of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const response = await built.inject({ url });
      expect(response.body, url).not.toContain('outside');
    }
  });

  it('explains how to build the dashboard when it is missing', async () => {
    const response = await unbuilt.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build');
  });

  it('finds web/dist of this checkout', () => {
    expect(findDashboardDir()).toBe(path.resolve(import.meta.dirname, '../../../web/dist'));
  });
});

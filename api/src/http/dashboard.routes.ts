import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Paths the dashboard never answers: the API, ingestion, webhooks and health checks keep their 404s. */
const NOT_DASHBOARD = /^\/(api|graphql|hooks|healthz|readyz|metrics)(\/|$|\?)/;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Vigil</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Vigil is running</h1>
<p>The dashboard is not built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a>.</p>
</body></html>
`;

/** `web/dist` of this checkout, found from this file whether compiled (`dist/api/src/http`) or not (`api/src/http`). */
export function findDashboardDir(from: string = import.meta.dirname): string {
  let dir = from;
  for (let i = 0; i < 6; i++, dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'web', 'package.json'))) return path.join(dir, 'web', 'dist');
  }
  return path.resolve('web', 'dist');
}

/** The file under `root` that a URL path names, if there is one (never outside `root`). */
function assetFor(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (!file.startsWith(root + path.sep)) return null;
  try {
    return statSync(file).isFile() ? path.relative(root, file) : null;
  } catch {
    return null;
  }
}

/**
 * Serves the React dashboard (`web/dist`): its files, and `index.html` for every other GET so
 * that client-side URLs work when opened directly or reloaded. Files are looked up per request,
 * so a rebuild needs no restart; without a build, pages explain how to make one.
 */
export async function registerDashboardRoutes(fastify: FastifyInstance, root: string = findDashboardDir()): Promise<void> {
  await fastify.register(fastifyStatic, {
    root,
    serve: false,
    cacheControl: false,
    // File names under assets/ carry a content hash: cache them for good; everything else revalidates.
    setHeaders: (reply, filePath) => {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', async (request, reply) => {
    const urlPath = request.url.split('?')[0] ?? '/';
    if (NOT_DASHBOARD.test(urlPath)) return reply.callNotFound();
    const asset = assetFor(root, urlPath);
    if (asset) return reply.sendFile(asset);
    // A missing hashed asset is a 404, not the app (a stale tab after a rebuild must not get HTML as JS).
    if (urlPath.startsWith('/assets/')) return reply.callNotFound();
    if (!existsSync(path.join(root, 'index.html'))) {
      return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    return reply.sendFile('index.html');
  });
}

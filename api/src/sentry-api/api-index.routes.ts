import type { FastifyInstance } from 'fastify';
import { restAccess } from '../http/rest-context.js';

/**
 * `GET /api/0/`, what `sentry-cli info` checks a token with: it prints `user.email` and
 * `auth.scopes`. `user.id` must be a string. Anonymous callers get nulls, as from Sentry.
 */
export function registerApiIndexRoute(scope: FastifyInstance): void {
  scope.get('/api/0/', async (request) => {
    const viewer = (await restAccess(request)).viewer;
    if (!viewer) return { version: '0', auth: null, user: null };
    const { user } = viewer;
    return {
      version: '0',
      auth: viewer.tokenScopes ? { scopes: viewer.tokenScopes } : null,
      user: { id: String(user.id), name: user.name || user.email, username: user.email, email: user.email },
    };
  });
}

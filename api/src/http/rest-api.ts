import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { OrgAccess } from '../auth/access.js';
import type { Scope } from '../auth/scopes.js';
import type { Deps } from '../runtime/deps.js';
import { AppError } from '../errors.js';
import { StorageUnavailableError } from '../storage/blob-store.js';
import { restAccess, sendRestError } from './rest-context.js';

/** Sentry's release permissions: reads and writes each accept any of several scopes. */
export const RELEASE_READ_SCOPES: readonly Scope[] = ['project:read', 'project:releases', 'project:write', 'org:read'];
export const RELEASE_WRITE_SCOPES: readonly Scope[] = ['project:releases', 'project:write'];

/**
 * The caller's access to the organization with any one of `scopes`. Another organization's slug
 * is NOT_FOUND; lacking every scope is FORBIDDEN (with the first scope's message).
 */
export async function orgAccessWithAnyScope(app: Deps, request: FastifyRequest, slug: string, scopes: readonly Scope[]): Promise<OrgAccess> {
  const control = await restAccess(request);
  let denied: unknown;
  for (const scope of scopes) {
    try {
      return await control.organizationBySlug(slug, scope);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'FORBIDDEN') throw error;
      denied ??= error;
    }
  }
  throw denied;
}

/**
 * Errors of the REST scope as Sentry answers them: `{"detail": …}` with the status, JSON always
 * (sentry-cli prints `detail` and refuses non-JSON bodies). Covers Fastify's own errors too
 * (malformed JSON, unsupported content type, body too large).
 */
export function useRestErrors(scope: FastifyInstance, app: Deps): void {
  scope.setErrorHandler((error: FastifyError, request, reply) => {
    if (sendRestError(reply, error)) return reply;
    // Nothing was stored; the client may try again once the artifact storage is back.
    if (error instanceof StorageUnavailableError) return reply.code(503).send({ detail: error.message });
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status < 500) return reply.code(status).send({ detail: error.message });
    app.log.error({ error: error.message, url: request.url, method: request.method }, 'rest.failed');
    return reply.code(500).send({ detail: 'Internal server error' });
  });
}

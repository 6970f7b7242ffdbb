import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessControl } from '../auth/access.js';
import { authenticate, SESSION_COOKIE } from '../auth/authenticate.js';
import type { App } from '../app.js';
import { AppError, type AppErrorCode } from '../errors.js';

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
};

/** The caller of a REST request (Bearer token or session cookie), as an AccessControl. */
export async function restAccess(app: App, request: FastifyRequest): Promise<AccessControl> {
  const viewer = await authenticate(app.db, {
    authorization: request.headers.authorization,
    sessionToken: request.cookies?.[SESSION_COOKIE],
  });
  return new AccessControl(app.db, viewer);
}

/** Sentry-style error bodies: `{"detail": "..."}` with the matching status. */
export function sendRestError(reply: FastifyReply, error: unknown): FastifyReply | undefined {
  if (!(error instanceof AppError)) return undefined;
  return reply.code(STATUS[error.code]).send({ detail: error.message });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessControl } from '../auth/access.js';
import { AppError, type AppErrorCode } from '../errors.js';

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Authenticates a request (Bearer token or session cookie); set up by the composition root. */
    accessOf(request: FastifyRequest): Promise<AccessControl>;
  }
}

/** The caller of a REST request, as an AccessControl. */
export function restAccess(request: FastifyRequest): Promise<AccessControl> {
  return request.server.accessOf(request);
}

/** Sentry-style error bodies: `{"detail": "..."}` with the matching status. */
export function sendRestError(reply: FastifyReply, error: unknown): FastifyReply | undefined {
  if (!(error instanceof AppError)) return undefined;
  return reply.code(STATUS[error.code]).send({ detail: error.message });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';
import { acceptEnvelope, IngestError, type IngestDeps } from './accept-envelope.js';
import { BadEncodingError, PayloadTooLargeError } from './body.js';
import { INGEST_LIMITS } from './limits.js';

// Browser SDKs post cross-origin with fetch and read these response headers.
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers':
    'x-sentry-auth, x-requested-with, origin, accept, content-type, content-encoding, authorization, sentry-trace, baggage',
  'access-control-expose-headers': 'x-sentry-rate-limits, retry-after, x-sentry-error',
  'access-control-max-age': '3600',
};

/** The Sentry ingest endpoints: `POST /api/{projectId}/envelope/` and the legacy `/store/`. */
export async function registerIngestRoutes(fastify: FastifyInstance, deps: IngestDeps, log: Logger): Promise<void> {
  await fastify.register(async (scope) => {
    // Bodies are taken as raw bytes whatever the Content-Type (SDKs send none, text/plain or JSON).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INGEST_LIMITS.maxCompressedBody }, (_request, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) log.error({ error: error.stack }, 'ingest.error');
      const detail = status === 413 ? `Request body is larger than ${INGEST_LIMITS.maxCompressedBody} bytes` : status === 500 ? 'Internal error' : error.message;
      void reply.code(status).headers(CORS_HEADERS).send({ detail });
    });

    const handle = (kind: 'envelope' | 'store') => async (request: FastifyRequest<{ Params: { projectId: string } }>, reply: FastifyReply) => {
      reply.headers(CORS_HEADERS);
      try {
        const result = await acceptEnvelope(deps, {
          kind,
          projectId: request.params.projectId,
          query: request.query as Record<string, unknown>,
          headers: request.headers,
          body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
          clientIp: request.ip,
        });
        return reply.code(result.status).headers(result.headers ?? {}).send(result.body);
      } catch (error) {
        const status =
          error instanceof IngestError ? error.status : error instanceof PayloadTooLargeError ? 413 : error instanceof BadEncodingError ? 400 : 0;
        if (!status) throw error;
        const message = error instanceof Error ? error.message : String(error);
        return reply.code(status).header('x-sentry-error', message).send({ detail: message });
      }
    };
    for (const kind of ['envelope', 'store'] as const) {
      scope.post(`/api/:projectId/${kind}/`, handle(kind));
      scope.options(`/api/:projectId/${kind}/`, async (_request, reply) => reply.code(200).headers(CORS_HEADERS).send());
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';
import type { Deps } from '../runtime/deps.js';
import { acceptEnvelope, type IngestDeps } from './accept-envelope.js';
import { BadEncodingError, PayloadTooLargeError, UnsupportedEncodingError } from './body.js';
import { IngestError } from './ingest-error.js';
import { IngestKeyCache } from './ingest-key.js';
import { INGEST_LIMITS } from './limits.js';
import { OutcomeRecorder } from './outcome-recorder.js';
import { QueueWriter } from './queue-writer.js';
import { RateLimiter } from './rate-limiter.js';

/** Bytes of accepted envelopes one web process may hold while their INSERT is pending. */
const MAX_PENDING_QUEUE_BYTES = 64 * 1024 * 1024;

/** The edge's long-lived parts for one web process; `close` flushes outcomes and stops timers. */
export function createIngestDeps(
  app: Pick<Deps, 'db' | 'pubsub' | 'config'>,
  log: Logger,
  onQueued?: (envelopes: number) => void,
): IngestDeps & { close(): Promise<void> } {
  const queue = new QueueWriter(
    app.db,
    app.pubsub,
    { maxQueueBytes: app.config.ingest.queueMaxBytes, maxPendingBytes: Math.min(MAX_PENDING_QUEUE_BYTES, app.config.ingest.queueMaxBytes) },
    onQueued,
  );
  const outcomes = new OutcomeRecorder(app.db, log);
  return {
    queue,
    keys: new IngestKeyCache(app.db),
    limiter: new RateLimiter(app.db),
    outcomes,
    async close() {
      queue.close();
      await outcomes.close();
    },
  };
}

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
        const status = statusOf(error);
        if (!status) throw error;
        const message = error instanceof Error ? error.message : String(error);
        return reply
          .code(status)
          .headers(error instanceof IngestError ? error.headers : {})
          .header('x-sentry-error', message)
          .send({ detail: message });
      }
    };
    for (const kind of ['envelope', 'store'] as const) {
      scope.post(`/api/:projectId/${kind}/`, handle(kind));
      scope.options(`/api/:projectId/${kind}/`, async (_request, reply) => reply.code(200).headers(CORS_HEADERS).send());
    }
  });
}

function statusOf(error: unknown): number {
  if (error instanceof IngestError) return error.status;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof UnsupportedEncodingError) return 415;
  if (error instanceof BadEncodingError) return 400;
  return 0;
}

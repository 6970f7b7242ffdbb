import { inflate } from 'node:zlib';
import { promisify } from 'node:util';
import { contentEncodingOf, decodeBody, PayloadTooLargeError, UnsupportedEncodingError } from './body.js';
import { isPublicKey, keyFromAuthHeader, keyFromDsn, keyFromQuery } from './dsn-key.js';
import { EnvelopeError, parseEnvelope, parseEnvelopeHeader, serializeEnvelope, type Envelope } from './envelope.js';
import { checkItems, type RecordOutcome } from './envelope-items.js';
import { IngestError } from './ingest-error.js';
import type { IngestKey, IngestKeyCache } from './ingest-key.js';
import { dataCategory, INGEST_LIMITS } from './limits.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import { QueueFullError, type QueueWriter } from './queue-writer.js';
import type { RateLimiter } from './rate-limiter.js';

const inflateAsync = promisify(inflate);

export interface IngestRequest {
  kind: 'envelope' | 'store';
  projectId: string;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  clientIp: string;
}

export interface IngestResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface IngestDeps {
  queue: QueueWriter;
  keys: IngestKeyCache;
  limiter: RateLimiter;
  outcomes: OutcomeRecorder;
}

const header = (headers: IngestRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The ingest edge: authenticates the DSN key (from the URL, a header, or the envelope header line
 * alone), refuses work while the queue is over its budget, undoes compression, parses the envelope,
 * drops what inbound filters and quotas reject, scrubs events, and durably queues the rest before answering.
 */
export async function acceptEnvelope(deps: IngestDeps, request: IngestRequest): Promise<IngestResponse> {
  const projectId = Number(request.projectId);
  if (!Number.isSafeInteger(projectId) || projectId < 1) throw new IngestError(400, `"${request.projectId}" is not a project id`);
  const key = await authenticate(deps, request, projectId);
  const outcome: RecordOutcome = (kind, reason, category, quantity = 1) => deps.outcomes.record({ projectId, outcome: kind, reason, category, quantity });

  if (deps.queue.isFull()) {
    outcome('rate_limited', 'queue_full', 'default');
    return queueFull(new QueueFullError());
  }

  let envelope: Envelope;
  try {
    const body = await decodeBody(request.body, contentEncodingOf(header(request.headers, 'content-encoding')), INGEST_LIMITS.maxEnvelope);
    envelope = request.kind === 'store' ? await envelopeFromStoreBody(body) : parseEnvelopeOr4xx(body);
  } catch (error) {
    outcome('invalid', invalidReason(error), 'error');
    throw error;
  }

  const { eventId, kept, limited } = await checkItems(envelope, {
    key,
    limiter: deps.limiter,
    outcome,
    filterContext: { userAgent: header(request.headers, 'user-agent'), clientIp: request.clientIp },
  });

  if (kept.length > 0) {
    const stored: Envelope = { header: { ...envelope.header, event_id: eventId, dsn: undefined }, items: kept };
    try {
      await deps.queue.enqueue({
        projectId,
        keyId: key.keyId,
        clientIp: request.clientIp || null,
        userAgent: header(request.headers, 'user-agent') ?? null,
        envelope: serializeEnvelope(stored),
      });
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      for (const item of kept) outcome('rate_limited', 'queue_full', dataCategory(item.header.type), item.header.type === 'attachment' ? item.payload.length : 1);
      return queueFull(error);
    }
  }

  if (limited) {
    const { retryAfter, scope, reason } = limited;
    return {
      status: 429,
      body: { detail: `Rate limit exceeded (${reason}); retry after ${retryAfter} s` },
      headers: { 'retry-after': String(retryAfter), 'x-sentry-rate-limits': `${retryAfter}:error;default;attachment:${scope}:${reason}` },
    };
  }
  return { status: 200, body: eventId ? { id: eventId } : {} };
}

/**
 * The DSN key from the query string or X-Sentry-Auth; failing those, from the envelope header line,
 * decompressed and parsed on its own, so an unauthenticated body is never decoded further.
 */
async function authenticate(deps: IngestDeps, request: IngestRequest, projectId: number): Promise<IngestKey> {
  const fromRequest =
    keyFromQuery(request.query) ?? keyFromAuthHeader(header(request.headers, 'x-sentry-auth')) ?? keyFromAuthHeader(header(request.headers, 'authorization'));
  if (fromRequest) return authenticateKey(deps, fromRequest, projectId);
  const missing = 'Missing DSN key: send sentry_key in the query string, the X-Sentry-Auth header, or the envelope dsn header';
  if (request.kind === 'store') throw new IngestError(401, missing);
  const encoding = contentEncodingOf(header(request.headers, 'content-encoding'));
  const firstLine = await decodeBody(request.body, encoding, INGEST_LIMITS.maxEnvelopeHeader, { firstLineOnly: true });
  const publicKey = keyFromDsn(parseHeaderOr400(firstLine).dsn);
  if (!publicKey) throw new IngestError(401, missing);
  return authenticateKey(deps, publicKey, projectId);
}

async function authenticateKey(deps: IngestDeps, publicKey: string, projectId: number): Promise<IngestKey> {
  if (!isPublicKey(publicKey)) throw new IngestError(401, 'Invalid DSN key: a public key is 32 lower-case hex characters');
  const key = await deps.keys.get(publicKey);
  if (!key) throw new IngestError(401, 'Unknown DSN key');
  if (key.projectId !== projectId) throw new IngestError(403, `This DSN key does not belong to project ${projectId}`);
  if (!key.isActive) throw new IngestError(403, 'This DSN key is disabled');
  return key;
}

function queueFull(error: QueueFullError): IngestResponse {
  return { status: 429, body: { detail: error.message }, headers: { 'retry-after': String(error.retryAfter) } };
}

function invalidReason(error: unknown): string {
  if (error instanceof IngestError && error.outcomeReason) return error.outcomeReason;
  if (error instanceof PayloadTooLargeError) return 'too_large';
  if (error instanceof UnsupportedEncodingError) return 'unsupported_encoding';
  return 'invalid_encoding';
}

function parseEnvelopeOr4xx(body: Buffer): Envelope {
  try {
    return parseEnvelope(body, { maxItems: INGEST_LIMITS.maxItems, maxHeaderBytes: INGEST_LIMITS.maxEnvelopeHeader });
  } catch (error) {
    if (error instanceof EnvelopeError && error.reason === 'too_many_items') {
      throw new IngestError(413, `Envelope too large: ${error.message} (at most ${INGEST_LIMITS.maxItems})`, 'too_many_items');
    }
    throw invalidEnvelope(error);
  }
}

function parseHeaderOr400(line: Buffer): Record<string, unknown> {
  try {
    return parseEnvelopeHeader(line);
  } catch (error) {
    throw invalidEnvelope(error);
  }
}

const invalidEnvelope = (error: unknown) =>
  new IngestError(400, `Invalid envelope: ${error instanceof Error ? error.message : String(error)}`, 'invalid_envelope');

/** The legacy store endpoint takes the event JSON itself (very old SDKs: base64 of zlib). */
async function envelopeFromStoreBody(body: Buffer): Promise<Envelope> {
  let payload = body;
  if (body.subarray(0, 1).toString() !== '{') {
    try {
      payload = await inflateAsync(Buffer.from(body.toString('latin1'), 'base64'), { maxOutputLength: INGEST_LIMITS.maxEvent });
    } catch {
      throw new IngestError(400, 'Invalid event: the body is neither JSON nor base64-encoded zlib JSON', 'invalid_json');
    }
  }
  return { header: {}, items: [{ header: { type: 'event' }, payload }] };
}

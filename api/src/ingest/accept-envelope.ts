import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { applyInboundFilters } from '../events/inbound-filters.js';
import { scrubEvent } from '../events/scrub.js';
import { keyFromAuthHeader, keyFromDsn, keyFromQuery } from './auth.js';
import { decodeBody, PayloadTooLargeError } from './body.js';
import { normalizeEventId, parseEnvelope, serializeEnvelope, type Envelope, type EnvelopeItem } from './envelope.js';
import type { IngestKey, IngestKeyCache } from './ingest-key.js';
import { dataCategory, INGEST_LIMITS } from './limits.js';
import type { OutcomeRecorder } from './outcome-recorder.js';
import type { RateLimiter, RateLimitVerdict } from './rate-limiter.js';
import type { QueueWriter } from './queue-writer.js';

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

/** An ingest request refused as a whole, with the status and `detail` the SDK gets. */
export class IngestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly outcomeReason?: string,
  ) {
    super(message);
  }
}

const header = (headers: IngestRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The ingest edge: authenticates the DSN key, undoes compression, parses the envelope, drops what
 * inbound filters and quotas reject, scrubs events, and durably queues the rest before answering.
 */
export async function acceptEnvelope(deps: IngestDeps, request: IngestRequest): Promise<IngestResponse> {
  const projectId = Number(request.projectId);
  if (!Number.isSafeInteger(projectId) || projectId < 1) throw new IngestError(400, `"${request.projectId}" is not a project id`);

  const headerKey =
    keyFromQuery(request.query) ??
    keyFromAuthHeader(header(request.headers, 'x-sentry-auth')) ??
    keyFromAuthHeader(header(request.headers, 'authorization'));
  // Most SDKs authenticate in the URL or a header: check the key before reading the body.
  let key = headerKey ? await authenticateKey(deps, headerKey, projectId) : undefined;
  let envelope: Envelope;
  try {
    const body = decodeBody(request.body, header(request.headers, 'content-encoding'), INGEST_LIMITS.maxEnvelope);
    envelope = request.kind === 'store' ? envelopeFromStoreBody(body) : parseEnvelopeOr400(body);
  } catch (error) {
    if (key) deps.outcomes.record({ projectId, outcome: 'invalid', reason: invalidReason(error), category: 'error', quantity: 1 });
    throw error;
  }
  if (!key) {
    const publicKey = keyFromDsn(envelope.header.dsn);
    if (!publicKey) {
      throw new IngestError(401, 'Missing DSN key: send sentry_key in the query string, the X-Sentry-Auth header, or the envelope dsn header');
    }
    key = await authenticateKey(deps, publicKey, projectId);
  }

  const context = { userAgent: header(request.headers, 'user-agent'), clientIp: request.clientIp };
  const outcome = (outcome: 'filtered' | 'rate_limited' | 'invalid' | 'client_discard', reason: string, category: string, quantity = 1) =>
    deps.outcomes.record({ projectId, outcome, reason, category, quantity });

  let eventId = normalizeEventId(envelope.header.event_id);
  let eventDropped = false;
  let limited: RateLimitVerdict | null = null;
  const kept: EnvelopeItem[] = [];

  for (const item of envelope.items) {
    const type = item.header.type;
    const category = dataCategory(type);
    switch (type) {
      case 'event': {
        assertSize(item, INGEST_LIMITS.maxEvent, 'event', () => outcome('invalid', 'too_large', category));
        const raw = parseJsonObject(item.payload, 'event', () => outcome('invalid', 'invalid_json', category));
        eventId = normalizeEventId(raw.event_id) ?? eventId ?? randomUUID().replace(/-/g, '');
        const reason = applyInboundFilters(raw, key.inboundFilters, context);
        if (reason) {
          outcome('filtered', reason, category);
          eventDropped = true;
          break;
        }
        limited = await deps.limiter.consume(quotas(key));
        if (limited) {
          outcome('rate_limited', limited.reason, category);
          eventDropped = true;
          break;
        }
        const { event } = scrubEvent({ ...raw, event_id: eventId }, key.scrubbing);
        kept.push({ header: { type: 'event' }, payload: Buffer.from(JSON.stringify(event)) });
        break;
      }
      case 'attachment':
        assertSize(item, INGEST_LIMITS.maxAttachment, 'attachment', () => outcome('invalid', 'too_large', category));
        kept.push(item);
        break;
      case 'session':
      case 'sessions':
        assertSize(item, INGEST_LIMITS.maxSmallItem, type, () => outcome('invalid', 'too_large', category));
        kept.push(item);
        break;
      case 'client_report':
        for (const discard of clientDiscards(item.payload)) outcome('client_discard', discard.reason, discard.category, discard.quantity);
        break;
      default:
        // Transactions, spans, profiles, replays, …: accepted so SDKs don't retry, then dropped.
        outcome('filtered', `unsupported:${type}`, category, Number(item.header.item_count) || 1);
    }
  }
  // Attachments belong to their event: when it is dropped, so are they.
  const toStore = eventDropped ? kept.filter((item) => item.header.type !== 'attachment') : kept;
  if (eventDropped) {
    for (const item of kept) if (item.header.type === 'attachment') outcome(limited ? 'rate_limited' : 'filtered', 'event_dropped', 'attachment');
  }

  if (toStore.length > 0) {
    const stored: Envelope = { header: { ...envelope.header, event_id: eventId, dsn: undefined }, items: toStore };
    await deps.queue.enqueue({
      projectId,
      keyId: key.keyId,
      clientIp: request.clientIp || null,
      userAgent: context.userAgent ?? null,
      envelope: serializeEnvelope(stored),
    });
  }

  if (limited) {
    const { retryAfter, scope, reason } = limited;
    return {
      status: 429,
      body: { detail: `Rate limit exceeded (${reason}); retry after ${retryAfter} s` },
      headers: { 'retry-after': String(retryAfter), 'x-sentry-rate-limits': `${retryAfter}:error;default:${scope}:${reason}` },
    };
  }
  return { status: 200, body: eventId ? { id: eventId } : {} };
}

async function authenticateKey(deps: IngestDeps, publicKey: string, projectId: number): Promise<IngestKey> {
  const key = await deps.keys.get(publicKey);
  if (!key) throw new IngestError(401, 'Unknown DSN key');
  if (key.projectId !== projectId) throw new IngestError(403, `This DSN key does not belong to project ${projectId}`);
  if (!key.isActive) throw new IngestError(403, 'This DSN key is disabled');
  return key;
}

function invalidReason(error: unknown): string {
  if (error instanceof IngestError && error.outcomeReason) return error.outcomeReason;
  if (error instanceof PayloadTooLargeError) return 'too_large';
  return 'invalid_encoding';
}

function quotas(key: IngestKey) {
  return [
    key.keyRateLimit && { scope: 'key' as const, id: key.keyId, ...key.keyRateLimit },
    key.projectRateLimit && { scope: 'project' as const, id: key.projectId, ...key.projectRateLimit },
  ];
}

function parseEnvelopeOr400(body: Buffer): Envelope {
  try {
    return parseEnvelope(body);
  } catch (error) {
    throw new IngestError(400, `Invalid envelope: ${error instanceof Error ? error.message : String(error)}`, 'invalid_envelope');
  }
}

/** The legacy store endpoint takes the event JSON itself (very old SDKs: base64 of zlib). */
function envelopeFromStoreBody(body: Buffer): Envelope {
  let payload = body;
  const text = body.subarray(0, 1).toString();
  if (text !== '{') {
    try {
      payload = inflateSync(Buffer.from(body.toString('latin1'), 'base64'), { maxOutputLength: INGEST_LIMITS.maxEvent });
    } catch {
      throw new IngestError(400, 'Invalid event: the body is neither JSON nor base64-encoded zlib JSON', 'invalid_json');
    }
  }
  return { header: {}, items: [{ header: { type: 'event' }, payload }] };
}

function assertSize(item: EnvelopeItem, max: number, what: string, onTooLarge: () => void): void {
  if (item.payload.length <= max) return;
  onTooLarge();
  throw new IngestError(413, `The ${what} item is larger than ${max} bytes`, 'too_large');
}

function parseJsonObject(payload: Buffer, what: string, onInvalid: () => void): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    onInvalid();
    throw new IngestError(400, `Invalid ${what}: the payload is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    onInvalid();
    throw new IngestError(400, `Invalid ${what}: the payload must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function clientDiscards(payload: Buffer): { reason: string; category: string; quantity: number }[] {
  try {
    const report = JSON.parse(payload.toString('utf8')) as { discarded_events?: unknown };
    if (!Array.isArray(report.discarded_events)) return [];
    return report.discarded_events.flatMap((d: { reason?: unknown; category?: unknown; quantity?: unknown }) =>
      typeof d.reason === 'string' && typeof d.category === 'string' && Number.isFinite(d.quantity)
        ? [{ reason: d.reason.slice(0, 64), category: d.category.slice(0, 32), quantity: Number(d.quantity) }]
        : [],
    );
  } catch {
    return [];
  }
}

import { randomUUID } from 'node:crypto';
import { applyInboundFilters } from '../events/inbound-filters.js';
import { scrubEvent } from '../events/scrub.js';
import { sessionItemProblem } from '../release-health/session-ingest.js';
import { parseClientReport } from './client-report.js';
import { parseEventId } from '../events/event-id.js';
import type { Envelope, EnvelopeItem } from './envelope.js';
import { IngestError } from './ingest-error.js';
import type { IngestKey } from './ingest-key.js';
import { dataCategory, INGEST_LIMITS, knownItemType } from './limits.js';
import type { OutcomeKind } from '../projects/outcome.entity.js';
import { parsePostgresSafeJson } from './postgres-safe.js';
import type { RateLimiter, RateLimitVerdict } from './rate-limiter.js';

export type RecordOutcome = (outcome: Exclude<OutcomeKind, 'accepted'>, reason: string, category: string, quantity?: number) => void;

export interface ItemContext {
  key: IngestKey;
  limiter: RateLimiter;
  outcome: RecordOutcome;
  filterContext: { userAgent: string | undefined; clientIp: string };
}

export interface CheckedItems {
  eventId: string | undefined;
  /** What goes into the queue: the scrubbed event, its attachments, valid sessions. */
  kept: EnvelopeItem[];
  limited: RateLimitVerdict | null;
}

/**
 * Decides item by item what of an envelope is queued: one event (filtered, rate limited, scrubbed),
 * attachments only together with that event, valid sessions; client reports become outcomes and
 * other item types are counted and dropped. Every drop is an outcome with a reason.
 */
export async function checkItems(envelope: Envelope, ctx: ItemContext): Promise<CheckedItems> {
  const { outcome } = ctx;
  let eventId = parseEventId(envelope.header.event_id) ?? undefined;
  let event: EnvelopeItem | null = null;
  let eventSeen = false;
  let limited: RateLimitVerdict | null = null;
  const attachments: EnvelopeItem[] = [];
  const sessions: EnvelopeItem[] = [];

  for (const item of envelope.items) {
    const type = item.header.type;
    const category = dataCategory(type);
    switch (type) {
      case 'event': {
        if (eventSeen) {
          outcome('invalid', 'duplicate_item', category);
          throw new IngestError(400, 'Invalid envelope: it carries more than one event item', 'duplicate_item');
        }
        eventSeen = true;
        assertSize(item, INGEST_LIMITS.maxEvent, 'event', () => outcome('invalid', 'too_large', category));
        const raw = parseJsonObject(item.payload, 'event', () => outcome('invalid', 'invalid_json', category));
        eventId = parseEventId(raw.event_id) ?? eventId ?? randomUUID().replace(/-/g, '');
        const reason = applyInboundFilters(raw, ctx.key.inboundFilters, ctx.filterContext);
        if (reason) {
          outcome('filtered', reason, category);
          break;
        }
        limited = await ctx.limiter.consume(quotas(ctx.key));
        if (limited) {
          outcome('rate_limited', limited.reason, category);
          break;
        }
        const scrubbed = scrubEvent({ ...raw, event_id: eventId }, ctx.key.scrubbing).event;
        event = { header: { type: 'event' }, payload: Buffer.from(JSON.stringify(scrubbed)) };
        break;
      }
      case 'attachment':
        assertSize(item, INGEST_LIMITS.maxAttachment, 'attachment', () => outcome('invalid', 'too_large', category, item.payload.length));
        attachments.push(item);
        break;
      case 'session':
      case 'sessions': {
        assertSize(item, INGEST_LIMITS.maxSmallItem, type, () => outcome('invalid', 'too_large', category));
        const session = checkSession(type, item);
        if ('problem' in session) outcome('invalid', session.problem, category);
        else sessions.push(session.item);
        break;
      }
      case 'client_report': {
        assertSize(item, INGEST_LIMITS.maxSmallItem, type, () => outcome('invalid', 'too_large', category));
        const report = parseClientReport(item.payload);
        for (const discard of report.discards) outcome('client_discard', discard.reason, discard.category, discard.quantity);
        if (report.rejected) outcome('invalid', 'invalid_client_report', category, report.rejected);
        break;
      }
      default:
        // Transactions, spans, profiles, replays, …: accepted so SDKs don't retry, then dropped.
        outcome('filtered', `unsupported:${knownItemType(type)}`, category, itemCount(item));
    }
  }

  // An attachment belongs to the event of its own envelope, never to one a client names by id; it
  // shares that event's fate (attachment outcomes count bytes, as Sentry's do).
  for (const attachment of event ? [] : attachments) {
    const [kind, reason]: [Exclude<OutcomeKind, 'accepted'>, string] = !eventSeen
      ? ['invalid', 'no_event']
      : limited
        ? ['rate_limited', limited.reason]
        : ['filtered', 'event_dropped'];
    outcome(kind, reason, 'attachment', attachment.payload.length);
  }
  const kept = event ? [event, ...attachments, ...sessions] : sessions;
  return { eventId, kept, limited };
}

function checkSession(type: 'session' | 'sessions', item: EnvelopeItem): { item: EnvelopeItem } | { problem: string } {
  let payload: unknown;
  try {
    payload = parsePostgresSafeJson(item.payload.toString('utf8'));
  } catch {
    return { problem: 'invalid_json' };
  }
  const problem = sessionItemProblem(type, payload);
  return problem ? { problem } : { item: { header: { type }, payload: Buffer.from(JSON.stringify(payload)) } };
}

function quotas(key: IngestKey) {
  return [
    key.keyRateLimit && { scope: 'key' as const, id: key.keyId, ...key.keyRateLimit },
    key.projectRateLimit && { scope: 'project' as const, id: key.projectId, ...key.projectRateLimit },
  ];
}

function itemCount(item: EnvelopeItem): number {
  const count = item.header.item_count;
  return typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= INGEST_LIMITS.maxItemCount ? count : 1;
}

function assertSize(item: EnvelopeItem, max: number, what: string, onTooLarge: () => void): void {
  if (item.payload.length <= max) return;
  onTooLarge();
  throw new IngestError(413, `The ${what} item is larger than ${max} bytes`, 'too_large');
}

function parseJsonObject(payload: Buffer, what: string, onInvalid: () => void): Record<string, unknown> {
  let value: unknown;
  try {
    value = parsePostgresSafeJson(payload.toString('utf8'));
  } catch {
    onInvalid();
    throw new IngestError(400, `Invalid ${what}: the payload is not valid JSON`, 'invalid_json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    onInvalid();
    throw new IngestError(400, `Invalid ${what}: the payload must be a JSON object`, 'invalid_json');
  }
  return value as Record<string, unknown>;
}

/** Discard reasons the Sentry SDKs report (`EventDropReason` and Relay's list); others count as `unknown`. */
const KNOWN_REASONS = new Set([
  'before_send', 'callback_error', 'event_processor', 'network_error', 'queue_overflow', 'cache_overflow', 'buffer_overflow',
  'ratelimit_backoff', 'sample_rate', 'send_error', 'internal_sdk_error', 'insufficient_data', 'backpressure', 'ignored',
  'invalid', 'no_parent_span',
]);

/** Sentry's data categories; others count as `unknown`. */
const KNOWN_CATEGORIES = new Set([
  'default', 'error', 'transaction', 'replay', 'security', 'attachment', 'session', 'internal', 'profile', 'profile_chunk',
  'monitor', 'feedback', 'span', 'log_item', 'log_byte', 'trace_metric', 'user_report_v2', 'unknown',
]);

/** Relay counts discards as u32. */
const MAX_QUANTITY = 2 ** 32 - 1;

export interface ClientDiscard {
  reason: string;
  category: string;
  quantity: number;
}

/**
 * The discards of a `client_report` item. Reasons and categories come from small known sets (so
 * outcome keys stay bounded); quantities must be integers from 0 to 2^32-1. `rejected` counts the
 * entries (or the whole unreadable report) that were refused.
 */
export function parseClientReport(payload: Buffer): { discards: ClientDiscard[]; rejected: number } {
  let report: unknown;
  try {
    report = JSON.parse(payload.toString('utf8'));
  } catch {
    return { discards: [], rejected: 1 };
  }
  const entries = (report as { discarded_events?: unknown } | null)?.discarded_events;
  if (entries === undefined) return { discards: [], rejected: 0 };
  if (!Array.isArray(entries)) return { discards: [], rejected: 1 };
  const discards: ClientDiscard[] = [];
  let rejected = 0;
  for (const entry of entries as { reason?: unknown; category?: unknown; quantity?: unknown }[]) {
    const quantity = entry?.quantity;
    if (typeof entry?.reason !== 'string' || typeof entry.category !== 'string' || !isQuantity(quantity)) {
      rejected++;
      continue;
    }
    if (quantity === 0) continue;
    discards.push({
      reason: KNOWN_REASONS.has(entry.reason) ? entry.reason : 'unknown',
      category: KNOWN_CATEGORIES.has(entry.category) ? entry.category : 'unknown',
      quantity,
    });
  }
  return { discards, rejected };
}

function isQuantity(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_QUANTITY;
}

/** Size limits at the ingest edge (bytes), close to Sentry's. */
export const INGEST_LIMITS = {
  /** A request body as sent (possibly compressed). */
  maxCompressedBody: 20 * 1024 * 1024,
  /** The body after Content-Encoding is undone: the guard against decompression bombs. */
  maxEnvelope: 50 * 1024 * 1024,
  /** One event item (JSON). */
  maxEvent: 1024 * 1024,
  /** One attachment item. */
  maxAttachment: 20 * 1024 * 1024,
  /** One session or client-report item. */
  maxSmallItem: 100 * 1024,
  /** The envelope header line, read (and decompressed) alone to authenticate from its `dsn`. */
  maxEnvelopeHeader: 64 * 1024,
  /**
   * Items per envelope. SDKs send one event with a few attachments, or a batch of sessions, which
   * Relay caps at 100 (`limits.max_session_count`); Vigil applies that cap to all items.
   */
  maxItems: 100,
  /** The `item_count` one item may claim (span and log batches), as counted in outcomes. */
  maxItemCount: 10_000,
};

/** Item types of the envelope protocol (Relay's `ItemType`); other names are counted as `unsupported:unknown`. */
const KNOWN_ITEM_TYPES = new Set([
  'event', 'transaction', 'security', 'attachment', 'form_data', 'raw_security', 'nel', 'unreal_report', 'user_report',
  'session', 'sessions', 'statsd', 'metric_buckets', 'client_report', 'profile', 'replay_event', 'replay_recording',
  'replay_video', 'check_in', 'span', 'otel_span', 'otel_traces_data', 'log', 'otel_log', 'profile_chunk', 'feedback',
]);

/** The item type as an outcome reason may name it: bounded, so clients cannot grow the outcome table. */
export function knownItemType(itemType: string): string {
  return KNOWN_ITEM_TYPES.has(itemType) ? itemType : 'unknown';
}

/** Envelope item type → Sentry data category (for outcomes and X-Sentry-Rate-Limits). */
export function dataCategory(itemType: string): string {
  switch (itemType) {
    case 'event':
      return 'error';
    case 'attachment':
      return 'attachment';
    case 'session':
    case 'sessions':
      return 'session';
    case 'client_report':
      return 'internal';
    case 'transaction':
      return 'transaction';
    case 'span':
      return 'span';
    case 'profile':
    case 'profile_chunk':
      return 'profile';
    case 'replay_event':
    case 'replay_recording':
      return 'replay';
    case 'check_in':
      return 'monitor';
    case 'log':
      return 'log_item';
    case 'user_report':
      return 'default';
    default:
      return 'default';
  }
}

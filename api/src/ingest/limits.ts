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
};

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

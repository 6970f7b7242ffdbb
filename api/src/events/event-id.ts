const HEX_ID = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * An event id as SDKs send it (32 hex digits, or a hyphenated UUID as sentry-cli does), any case
 * → the stored form, 32 lower-case hex; null for anything else.
 */
export function parseEventId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim().toLowerCase();
  if (HEX_ID.test(id)) return id;
  return UUID.test(id) ? id.replace(/-/g, '') : null;
}

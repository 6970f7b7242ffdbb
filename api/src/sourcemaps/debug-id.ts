const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;

/** A source-map debug id in canonical form (lower-case hyphenated UUID), or null when it is none. */
export function canonicalDebugId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // What SDKs and sentry-cli send: already canonical, so no new string per event.
  if (CANONICAL.test(value)) return value;
  const match = UUID.exec(value.trim());
  return match ? match.slice(1, 6).join('-').toLowerCase() : null;
}

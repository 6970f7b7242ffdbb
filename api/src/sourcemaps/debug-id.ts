const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;

/** A source-map debug id in canonical form (lower-case hyphenated UUID), or null when it is none. */
export function canonicalDebugId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = UUID.exec(value.trim());
  return match ? match.slice(1, 6).join('-').toLowerCase() : null;
}

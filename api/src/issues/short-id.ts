/**
 * Issue short IDs: the project slug upper-cased, a dash, and the per-project issue number in
 * Crockford-style base32 without I, L, O, U (Sentry's alphabet), e.g. WEB-1, WEB-Z, WEB-10.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function encodeShortIdNumber(value: number): string {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`Issue number must be a positive integer, got ${value}`);
  let rest = value;
  let out = '';
  while (rest > 0) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export function decodeShortIdNumber(text: string): number | null {
  let value = 0;
  for (const char of text.toUpperCase()) {
    const digit = ALPHABET.indexOf(char);
    if (digit === -1) return null;
    value = value * 32 + digit;
  }
  return value > 0 && Number.isSafeInteger(value) ? value : null;
}

export function formatShortId(projectSlug: string, shortIdNumber: number): string {
  return `${projectSlug.toUpperCase()}-${encodeShortIdNumber(shortIdNumber)}`;
}

/** Splits `WEB-12` into the project slug (lower-cased) and the issue number; null when malformed. */
export function parseShortId(shortId: string): { projectSlug: string; number: number } | null {
  const match = /^(.+)-([0-9A-Za-z]+)$/.exec(shortId.trim());
  if (!match?.[1] || !match[2]) return null;
  const number = decodeShortIdNumber(match[2]);
  return number === null ? null : { projectSlug: match[1].toLowerCase(), number };
}

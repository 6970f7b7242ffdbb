// PostgreSQL text and jsonb refuse NUL, and jsonb refuses unpaired UTF-16 surrogates ("\ud800"). With the
// `u` flag the class matches only lone surrogates (a pair is one code point).
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/gu;
// In JSON text those characters can only arrive as escapes: raw NUL is invalid JSON, and invalid UTF-8
// already decodes to U+FFFD.
const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/;

/** The string with NUL and lone surrogates replaced by U+FFFD, so PostgreSQL stores it as sent otherwise. */
export function postgresSafeString(value: string): string {
  return value.replace(UNSTORABLE, '\uFFFD');
}

/** Makes every string and key of a parsed JSON value PostgreSQL-safe (in place for arrays, new objects). */
export function postgresSafeJson(value: unknown): unknown {
  if (typeof value === 'string') return postgresSafeString(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = postgresSafeJson(value[i]);
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [postgresSafeString(key), postgresSafeJson(item)]));
  }
  return value;
}

/**
 * JSON.parse, then PostgreSQL-safe strings and keys. Only text with a NUL or surrogate escape is walked,
 * so ordinary payloads cost one regex scan.
 */
export function parsePostgresSafeJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return UNSTORABLE_ESCAPE.test(text) ? postgresSafeJson(value) : value;
}

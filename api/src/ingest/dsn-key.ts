/** A DSN public key as Vigil issues them: 32 lower-case hex characters. */
const PUBLIC_KEY = /^[0-9a-f]{32}$/;

/** True for a well-formed public key; anything else is refused before any cache or query. */
export function isPublicKey(value: string): boolean {
  return PUBLIC_KEY.test(value);
}

/** Where SDKs put the DSN public key: query string, X-Sentry-Auth, or the envelope's `dsn` header. */
export function keyFromQuery(query: Record<string, unknown>): string | undefined {
  const key = query.sentry_key;
  return typeof key === 'string' && key ? key : undefined;
}

/** `Sentry sentry_key=abc, sentry_version=7, sentry_client=…` (also sent as `Authorization`). */
export function keyFromAuthHeader(header: string | undefined): string | undefined {
  if (!header || !/^\s*sentry\s/i.test(header)) return undefined;
  for (const part of header.replace(/^\s*sentry\s+/i, '').split(',')) {
    const [name, value] = part.split('=', 2).map((s) => s.trim());
    if (name === 'sentry_key' && value) return value;
  }
  return undefined;
}

export function keyFromDsn(dsn: unknown): string | undefined {
  if (typeof dsn !== 'string') return undefined;
  try {
    return new URL(dsn).username || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Errors that say nothing about the envelope being processed: the database went away, is
 * restarting, is out of connections, or aborted the transaction to resolve a conflict. Work that
 * failed this way is retried later without counting as an attempt.
 */
const TRANSIENT_CODES = new Set([
  '57P01', // admin_shutdown (fast or smart shutdown, pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** node-postgres reports a dropped socket with a plain Error and no code. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /connection ended/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
];

export function isTransientDatabaseError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 4; depth++) {
    const { code, message, driverError, errors } = cause as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // AggregateError (a refused connection to both IPv4 and IPv6), or TypeORM's wrapper.
    if (Array.isArray(errors) && errors.some((inner) => isTransientDatabaseError(inner))) return true;
    cause = driverError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

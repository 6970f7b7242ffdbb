/**
 * Errors the domain raises on purpose. Each transport maps the code to its own shape:
 * GraphQL puts it in `extensions.code`, REST routes turn it into an HTTP status.
 */
export type AppErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this'): AppError =>
  new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in or send an API token'): AppError =>
  new AppError('UNAUTHENTICATED', message);
export const badInput = (message: string, field?: string): AppError =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {});
export const conflict = (message: string, field?: string): AppError =>
  new AppError('CONFLICT', message, field ? { field } : {});
export const tooManyRequests = (message: string, retryAfter: number): AppError =>
  new AppError('TOO_MANY_REQUESTS', message, { retryAfter });

/** Postgres unique_violation, so services can turn races on unique columns into CONFLICT. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/**
 * PostgreSQL refused a value the caller sent (a NUL in text, a number or date out of range, a
 * malformed value): the caller's mistake, not ours. Codes from PostgreSQL's class 22.
 */
const DATA_ERROR_CODES = new Set(['22021', '22P05', '22003', '22008', '22007', '22P02', '22001']);

export function isInvalidDataError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && DATA_ERROR_CODES.has(String((error as { code?: string }).code));
}

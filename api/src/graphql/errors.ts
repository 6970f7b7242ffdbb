import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, isInvalidDataError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Codes a client may see as they are; anything else is an internal error and is masked. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Shapes every GraphQL error (HTTP and WebSocket alike): domain errors keep their code and
 * message, unexpected ones are logged and replaced by a generic message.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof AppError) {
    return { ...formatted, message: original.message, extensions: { code: original.code, ...original.details } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    return { ...formatted, extensions: { ...formatted.extensions, stacktrace: undefined } };
  }
  if (isInvalidDataError(original)) {
    return { message: 'An argument has a value the database cannot store (e.g. a NUL character or an out-of-range number)', path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    // Errors graphql-js itself raises about the query (unknown field, bad variable) are the caller's.
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
  }
  log.error({ error: original instanceof Error ? original.stack : String(original), path: formatted.path }, 'graphql.internal-error');
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

import { notFound } from '../errors.js';

/** GraphQL IDs are strings; ours are integers. Anything else names nothing, so NOT_FOUND. */
export function parseId(id: string | number, what: string): number {
  const value = Number(id);
  if (!Number.isSafeInteger(value) || value < 1) throw notFound(what);
  return value;
}

import { notFound } from '../errors.js';

/** The largest value of a PostgreSQL `integer` (our ids). */
export const MAX_ID = 2_147_483_647;

/** GraphQL IDs are strings; ours are positive 32-bit integers. Anything else names nothing, so NOT_FOUND. */
export function parseId(id: string | number, what: string): number {
  const value = typeof id === 'number' ? id : /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_ID) throw notFound(what);
  return value;
}

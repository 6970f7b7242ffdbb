import { constants, deflateSync, inflateSync } from 'node:zlib';
import type { NormalizedEvent } from './event.types.js';

/**
 * The stored form of an event document: JSON, deflated, in `event.payload` (bytea). The document
 * is only ever read whole (an event page, suggested assignees), and what is searched or filtered
 * lives in extracted columns and the issue tables, so it need not be jsonb: PostgreSQL neither
 * parses nor re-compresses it. Every reader of the payload goes through `eventPayload`.
 */

// Level 1: a 5 KB event in ~0.1 ms; deflate still shrinks SDK JSON 4-8 times.
const LEVEL = 1;

export function encodeEventPayload(event: NormalizedEvent): Buffer {
  return deflateSync(JSON.stringify(event), { level: LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
}

const OPEN_BRACE = 0x7b;

/** The event document of a stored row (rows migrated from jsonb hold plain JSON text). */
export function eventPayload(row: { payload: Buffer }): NormalizedEvent {
  const json = row.payload[0] === OPEN_BRACE ? row.payload : inflateSync(row.payload);
  return JSON.parse(json.toString('utf8')) as NormalizedEvent;
}

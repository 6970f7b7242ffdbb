import type { NormalizedEvent } from '../events/event.types.js';
import type { GroupingResult } from '../events/grouping.js';
import { InvalidEventError, normalizeEvent } from '../events/normalize.js';
import { parseEnvelope } from './envelope.js';
import { postgresSafeString } from './postgres-safe.js';
import { userKeyOf } from '../events/user-key.js';

/** A queued envelope as claimed by a worker. */
export interface QueuedEnvelope {
  id: string;
  projectId: number;
  receivedAt: Date;
  clientIp: string | null;
  userAgent: string | null;
  envelope: Buffer;
}

export interface PreparedAttachment {
  name: string;
  contentType: string;
  attachmentType: string;
  data: Buffer;
}

export interface PreparedEvent {
  projectId: number;
  event: NormalizedEvent;
  grouping: GroupingResult;
  userKey: string | null;
  attachments: PreparedAttachment[];
  /** The event item as it arrived, and where from: what a held event keeps to be processed again. */
  payload: Buffer;
  received: { at: Date; clientIp: string | null; userAgent: string | null };
}

export interface PreparedEnvelope {
  projectId: number;
  events: PreparedEvent[];
  sessions: unknown[];
  sessionAggregates: unknown[];
  invalidEvents: number;
}

/** An event parsed and normalized, before processing (source maps) and grouping. */
export type ParsedEvent = Omit<PreparedEvent, 'grouping'>;
export type ParsedEnvelope = Omit<PreparedEnvelope, 'events'> & { events: ParsedEvent[] };

function json(payload: Buffer): unknown {
  try {
    return JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A header string cut to a column's size; a cut through a surrogate pair must not leave half of it. */
function headerText(value: unknown, max: number): string {
  return typeof value === 'string' ? postgresSafeString(value.slice(0, max)) : '';
}

/** CPU-only work on a claimed envelope: parse and normalize; `event-processing.ts` then processes and groups. */
export function prepareEnvelope(row: QueuedEnvelope): ParsedEnvelope {
  const { items } = parseEnvelope(row.envelope);
  const prepared: ParsedEnvelope = { projectId: row.projectId, events: [], sessions: [], sessionAggregates: [], invalidEvents: 0 };
  const attachments: PreparedAttachment[] = [];
  const received = { at: row.receivedAt, clientIp: row.clientIp, userAgent: row.userAgent };
  const context = {
    receivedAt: row.receivedAt,
    ...(row.clientIp ? { clientIp: row.clientIp } : {}),
    ...(row.userAgent ? { userAgent: row.userAgent } : {}),
  };
  for (const item of items) {
    switch (item.header.type) {
      case 'event': {
        try {
          const event = normalizeEvent(json(item.payload), context);
          // The envelope's attachments are its (one) event's: a second event never gets them.
          const own = prepared.events.length === 0 ? attachments : [];
          prepared.events.push({ projectId: row.projectId, event, userKey: userKeyOf(event), attachments: own, payload: Buffer.from(item.payload), received });
        } catch (error) {
          if (!(error instanceof InvalidEventError)) throw error;
          prepared.invalidEvents++;
        }
        break;
      }
      case 'attachment':
        attachments.push({
          name: headerText(item.header.filename, 255) || 'attachment',
          contentType: headerText(item.header.content_type, 255) || 'application/octet-stream',
          attachmentType: headerText(item.header.attachment_type, 64) || 'event.attachment',
          data: Buffer.from(item.payload),
        });
        break;
      case 'session':
        prepared.sessions.push(json(item.payload));
        break;
      case 'sessions':
        prepared.sessionAggregates.push(json(item.payload));
        break;
    }
  }
  return prepared;
}

import { parsePostgresSafeJson } from './postgres-safe.js';

/**
 * Sentry envelopes, parsed as bytes: a JSON header line, then items, each a JSON header line and
 * a payload that is either `length` bytes (binary allowed) or runs to the next newline.
 */
export interface EnvelopeItem {
  header: { type: string; length?: number; [key: string]: unknown };
  payload: Buffer;
}

export interface Envelope {
  header: Record<string, unknown>;
  items: EnvelopeItem[];
}

export class EnvelopeError extends Error {
  constructor(
    message: string,
    /** The outcome reason when the envelope is refused for it. */
    readonly reason: 'invalid_envelope' | 'too_many_items' = 'invalid_envelope',
  ) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const NEWLINE = 0x0a;

function readLine(body: Buffer, start: number): { line: Buffer; next: number } {
  const end = body.indexOf(NEWLINE, start);
  return end === -1 ? { line: body.subarray(start), next: body.length } : { line: body.subarray(start, end), next: end + 1 };
}

function parseHeader(line: Buffer, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    // Header values (filenames, content types, the dsn) end up in text columns too.
    value = parsePostgresSafeJson(line.toString('utf8'));
  } catch {
    throw new EnvelopeError(`${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EnvelopeError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** The envelope header alone: what the edge authenticates with before parsing any item. */
export function parseEnvelopeHeader(firstLine: Buffer): Record<string, unknown> {
  return parseHeader(firstLine, 'envelope header');
}

/** Parses an envelope; past `maxItems` items it stops with a `too_many_items` error. */
export function parseEnvelope(body: Buffer, options: { maxItems?: number; maxHeaderBytes?: number } = {}): Envelope {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const first = readLine(body, 0);
  if (first.line.length > (options.maxHeaderBytes ?? Number.POSITIVE_INFINITY)) throw new EnvelopeError(`the envelope header is longer than ${options.maxHeaderBytes} bytes`);
  const header = parseHeader(first.line, 'envelope header');
  const items: EnvelopeItem[] = [];
  let offset = first.next;
  while (offset < body.length) {
    const { line, next } = readLine(body, offset);
    offset = next;
    if (line.length === 0 || (line.length === 1 && line[0] === 0x0d)) continue; // blank line between items
    if (items.length === maxItems) throw new EnvelopeError(`the envelope has more than ${maxItems} items`, 'too_many_items');
    const itemHeader = parseHeader(line, `item header ${items.length + 1}`);
    if (typeof itemHeader.type !== 'string' || itemHeader.type === '') {
      throw new EnvelopeError(`item header ${items.length + 1} has no type`);
    }
    let payload: Buffer;
    if (itemHeader.length !== undefined) {
      const length = itemHeader.length;
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
        throw new EnvelopeError(`item ${items.length + 1} has an invalid length`);
      }
      if (offset + length > body.length) throw new EnvelopeError(`item ${items.length + 1} is truncated (length ${length})`);
      payload = body.subarray(offset, offset + length);
      offset += length;
      if (body[offset] === NEWLINE) offset += 1;
    } else {
      const rest = readLine(body, offset);
      payload = rest.line;
      offset = rest.next;
    }
    items.push({ header: itemHeader as EnvelopeItem['header'], payload });
  }
  return { header, items };
}

/** The inverse of parseEnvelope, with explicit lengths so any payload survives. */
export function serializeEnvelope(envelope: Envelope): Buffer {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify(envelope.header)}\n`)];
  for (const item of envelope.items) {
    parts.push(Buffer.from(`${JSON.stringify({ ...item.header, length: item.payload.length })}\n`), item.payload, Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

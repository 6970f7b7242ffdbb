/**
 * Reading the local outbox that OutboxMailer writes: the newest `.eml` files with the headers a
 * list needs. Only header bytes are read, so a large message costs no more than a small one.
 */
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface OutboxEntry {
  /** The file name, e.g. `20260101T120000123Z-1a2b3c4d.eml`. */
  id: string;
  to: string;
  subject: string;
  date: Date;
  size: number;
}

const HEADER_BYTES = 32 * 1024;
const EML_NAME = /^[\w.-]+\.eml$/;

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), as nodemailer writes non-ASCII headers. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (word, charset: string, encoding: string, text: string) => {
      if (!/^utf-?8$/i.test(charset) && !/^us-ascii$/i.test(charset)) return word;
      if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    });
}

/** The header block of a raw message, unfolded, by lower-cased name (first occurrence wins). */
export function parseHeaders(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end === -1 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The newest `first` messages of the outbox, newest first; an outbox that was never written is empty. */
export async function listOutbox(dir: string, first: number): Promise<OutboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return readOutboxEntries(dir, names.filter((name) => EML_NAME.test(name)).sort().reverse().slice(0, first));
}

/** The named messages, in the order given; names that are not (or no longer) outbox files are skipped. */
export async function readOutboxEntries(dir: string, names: readonly string[]): Promise<OutboxEntry[]> {
  const entries: OutboxEntry[] = [];
  for (const name of names.filter((n) => EML_NAME.test(n))) {
    const file = path.join(dir, name);
    let head: string;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      [head, info] = await Promise.all([readHead(file), stat(file)]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const headers = parseHeaders(head);
    const date = new Date(headers.get('date') ?? '');
    entries.push({
      id: name,
      to: headers.get('to') ?? '',
      subject: headers.get('subject') ?? '',
      date: Number.isNaN(date.getTime()) ? info.mtime : date,
      size: info.size,
    });
  }
  return entries;
}

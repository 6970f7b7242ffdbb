import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Transform } from 'node:stream';

export class PayloadTooLargeError extends Error {}
/** The body is not what its Content-Encoding says (400). */
export class BadEncodingError extends Error {}
/** A Content-Encoding Vigil does not undo, or a stack of them (415). */
export class UnsupportedEncodingError extends Error {}

type Encoding = 'gzip' | 'deflate' | 'br';

/** Output per thread-pool round trip: larger than zlib's 16 KiB default, fewer callbacks per MiB. */
const CHUNK_SIZE = 64 * 1024;

const DECOMPRESSORS: Record<Encoding, (body: Buffer) => Transform> = {
  gzip: () => createGunzip({ chunkSize: CHUNK_SIZE }),
  // Some clients send raw deflate under this name: a zlib stream starts with a checksummed header.
  deflate: (body) => (isZlibHeader(body) ? createInflate({ chunkSize: CHUNK_SIZE }) : createInflateRaw({ chunkSize: CHUNK_SIZE })),
  br: () => createBrotliDecompress({ chunkSize: CHUNK_SIZE }),
};

/**
 * The one Content-Encoding of a request, or null for none. SDKs compress once; a stack such as
 * `gzip, br` only multiplies the work a small request can cause, so it is refused.
 */
export function contentEncodingOf(header: string | undefined): Encoding | null {
  const encodings = (header ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  if (encodings.length > 1) throw new UnsupportedEncodingError(`Only one Content-Encoding is supported, got "${header}"`);
  const [encoding] = encodings;
  if (encoding === undefined) return null;
  if (encoding === 'x-gzip') return 'gzip';
  if (encoding === 'gzip' || encoding === 'deflate' || encoding === 'br') return encoding;
  throw new UnsupportedEncodingError(`Unsupported Content-Encoding "${encoding}" (use gzip, deflate or br)`);
}

/**
 * Undoes the Content-Encoding with zlib's asynchronous streams (on the thread pool, not the event
 * loop), stopping as soon as the output passes `maxBytes`, so a small compressed "bomb" costs little.
 * With `firstLineOnly` it stops at the first newline: enough to read an envelope header.
 */
export async function decodeBody(body: Buffer, encoding: Encoding | null, maxBytes: number, options: { firstLineOnly?: boolean } = {}): Promise<Buffer> {
  if (encoding === null) {
    const end = options.firstLineOnly ? endOfLine(body) : body.length;
    if (end > maxBytes) throw new PayloadTooLargeError(`body is larger than ${maxBytes} bytes`);
    return body.subarray(0, end);
  }
  const stream = DECOMPRESSORS[encoding](body);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error) => {
      stream.removeAllListeners('data');
      stream.destroy();
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    stream.on('data', (chunk: Buffer) => {
      const newline = options.firstLineOnly ? chunk.indexOf(0x0a) : -1;
      const part = newline >= 0 ? chunk.subarray(0, newline) : chunk;
      size += part.length;
      if (size > maxBytes) return finish(new PayloadTooLargeError(`decompressed body is larger than ${maxBytes} bytes`));
      chunks.push(part);
      if (newline >= 0) finish();
    });
    stream.on('end', () => finish());
    stream.on('error', () => finish(new BadEncodingError(`body is not valid ${encoding} data`)));
    stream.end(body);
  });
}

function endOfLine(body: Buffer): number {
  const newline = body.indexOf(0x0a);
  return newline === -1 ? body.length : newline;
}

function isZlibHeader(body: Buffer): boolean {
  return body.length >= 2 && (body[0]! & 0x0f) === 8 && ((body[0]! << 8) | body[1]!) % 31 === 0;
}

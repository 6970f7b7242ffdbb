import { brotliDecompressSync, gunzipSync, inflateSync, inflateRawSync } from 'node:zlib';

export class PayloadTooLargeError extends Error {}
export class BadEncodingError extends Error {}

/**
 * Undoes Content-Encoding. `maxBytes` bounds the output, so a small compressed "bomb" fails fast
 * instead of filling memory.
 */
export function decodeBody(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Buffer {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  let data = body;
  for (const encoding of encodings.reverse()) data = decodeOnce(data, encoding, maxBytes);
  if (data.length > maxBytes) throw new PayloadTooLargeError(`body is larger than ${maxBytes} bytes`);
  return data;
}

function decodeOnce(data: Buffer, encoding: string, maxBytes: number): Buffer {
  const options = { maxOutputLength: maxBytes };
  try {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(data, options);
      case 'deflate':
        // Some clients send raw deflate under this name.
        try {
          return inflateSync(data, options);
        } catch (error) {
          if (isTooLarge(error)) throw error;
          return inflateRawSync(data, options);
        }
      case 'br':
        return brotliDecompressSync(data, options);
      default:
        throw new BadEncodingError(`unsupported Content-Encoding "${encoding}"`);
    }
  } catch (error) {
    if (isTooLarge(error)) throw new PayloadTooLargeError(`decompressed body is larger than ${maxBytes} bytes`);
    if (error instanceof BadEncodingError) throw error;
    throw new BadEncodingError(`body is not valid ${encoding} data`);
  }
}

function isTooLarge(error: unknown): boolean {
  return error instanceof RangeError || (error as { code?: string })?.code === 'ERR_BUFFER_TOO_LARGE';
}

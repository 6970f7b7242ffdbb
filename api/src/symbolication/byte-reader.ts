import { DebugFileError } from './errors.js';

const utf8 = new TextDecoder('utf-8');

/** A cursor over a little- or big-endian byte view; reads past `end` throw DebugFileError. */
export class ByteReader {
  readonly view: DataView;
  pos: number;
  readonly end: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly le: boolean,
    pos = 0,
    end = bytes.length,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = pos;
    this.end = Math.min(end, bytes.length);
  }

  private need(n: number): number {
    const at = this.pos;
    if (at + n > this.end) throw new DebugFileError('debug file is truncated or malformed (read past the end of a section)');
    this.pos = at + n;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.need(1));
  }
  i8(): number {
    return this.view.getInt8(this.need(1));
  }
  u16(): number {
    return this.view.getUint16(this.need(2), this.le);
  }
  u24(): number {
    const at = this.need(3);
    const [a, b, c] = [this.bytes[at]!, this.bytes[at + 1]!, this.bytes[at + 2]!];
    return this.le ? a | (b << 8) | (c << 16) : (a << 16) | (b << 8) | c;
  }
  u32(): number {
    return this.view.getUint32(this.need(4), this.le);
  }
  /** u64 as a number: exact below 2^53, which covers every address and offset we meet. */
  u64(): number {
    const at = this.need(8);
    const lo = this.view.getUint32(this.le ? at : at + 4, this.le);
    const hi = this.view.getUint32(this.le ? at + 4 : at, this.le);
    return hi * 0x1_0000_0000 + lo;
  }
  /** An unsigned value of `size` bytes (1, 2, 4 or 8). */
  uint(size: number): number {
    switch (size) {
      case 1:
        return this.u8();
      case 2:
        return this.u16();
      case 4:
        return this.u32();
      case 8:
        return this.u64();
      default:
        throw new DebugFileError(`unsupported field size ${size}`);
    }
  }
  uleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
  }
  sleb(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if (byte < 0x80) return byte & 0x40 ? result - scale : result;
    }
  }
  skip(n: number): void {
    this.need(n);
  }
  /** A NUL-terminated string. */
  cstr(): string {
    const start = this.pos;
    const nul = this.bytes.indexOf(0, start);
    if (nul < 0 || nul >= this.end) throw new DebugFileError('debug file has an unterminated string');
    this.pos = nul + 1;
    return utf8.decode(this.bytes.subarray(start, nul));
  }
  skipCstr(): void {
    const nul = this.bytes.indexOf(0, this.pos);
    if (nul < 0 || nul >= this.end) throw new DebugFileError('debug file has an unterminated string');
    this.pos = nul + 1;
  }
}

/** The NUL-terminated string at `offset` of a string section. */
export function stringAt(bytes: Uint8Array, offset: number): string {
  if (offset >= bytes.length) throw new DebugFileError('string offset out of bounds');
  const nul = bytes.indexOf(0, offset);
  return utf8.decode(bytes.subarray(offset, nul < 0 ? bytes.length : nul));
}

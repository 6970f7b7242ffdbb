import { NONE, noneOf } from './symcache-format.js';

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A column of 1-, 2- or 4-byte little-endian unsigned values inside the cache bytes: a typed-array view when
 * alignment and host order allow, DataView reads otherwise; never a copy. Its all-ones value reads as NONE.
 */
export class Column {
  private readonly typed: Uint8Array | Uint16Array | Uint32Array | null;
  private readonly none: number;

  constructor(
    private readonly view: DataView,
    private readonly offset: number,
    readonly length: number,
    private readonly width: number,
  ) {
    this.none = noneOf(width);
    const start = view.byteOffset + offset;
    const Typed = width === 1 ? Uint8Array : width === 2 ? Uint16Array : Uint32Array;
    this.typed = (LITTLE_ENDIAN_HOST || width === 1) && start % width === 0 ? new Typed(view.buffer as ArrayBuffer, start, length) : null;
  }

  get(index: number): number {
    let value: number;
    if (this.typed) value = this.typed[index]!;
    else if (this.width === 1) value = this.view.getUint8(this.offset + index);
    else if (this.width === 2) value = this.view.getUint16(this.offset + 2 * index, true);
    else value = this.view.getUint32(this.offset + 4 * index, true);
    return value === this.none ? NONE : value;
  }
}

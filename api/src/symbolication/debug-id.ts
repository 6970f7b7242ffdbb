import { DebugFileError } from './errors.js';

/** rust-debugid's canonical form: lowercase dashed UUID, `-{age:x}` only when the age is not zero. */
export function formatDebugId(uuid: Uint8Array, age = 0): string {
  const hex = Buffer.from(uuid.buffer, uuid.byteOffset, 16).toString('hex');
  const base = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return age > 0 ? `${base}-${age.toString(16)}` : base;
}

export interface ParsedDebugId {
  uuid: Uint8Array;
  age: number;
}

const DEBUG_ID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?:-?([0-9a-f]{1,8}))?$/i;

/** Accepts the canonical and the Breakpad form (`{UUID:X}{age:x}`). */
export function parseDebugId(text: string): ParsedDebugId {
  const match = DEBUG_ID.exec(text.trim());
  if (!match) throw new DebugFileError(`not a debug ID: ${JSON.stringify(text)}`);
  const uuid = Uint8Array.from(Buffer.from(match.slice(1, 6).join(''), 'hex'));
  return { uuid, age: match[6] ? Number.parseInt(match[6], 16) : 0 };
}

/** The canonical form of any accepted debug ID spelling. */
export function normalizeDebugId(text: string): string {
  const { uuid, age } = parseDebugId(text);
  return formatDebugId(uuid, age);
}

/**
 * ELF: first 16 bytes of the GNU build id (zero-padded), the three leading GUID fields byte-swapped for
 * little-endian objects, as symbolic's `compute_debug_id` does so it matches Breakpad's GUID reading.
 */
export function elfDebugIdFromBuildId(buildId: Uint8Array, littleEndian: boolean): string {
  const guid = new Uint8Array(16);
  guid.set(buildId.subarray(0, 16));
  if (littleEndian) {
    guid.subarray(0, 4).reverse();
    guid.subarray(4, 6).reverse();
    guid.subarray(6, 8).reverse();
  }
  return formatDebugId(guid);
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');

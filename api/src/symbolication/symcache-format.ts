/**
 * Layout of Vigil's SymCache (little-endian u32 throughout, every section 4-byte aligned, so a Buffer read
 * from disk is used as it is):
 *
 *   header     64 B   magic, version, debug id (uuid + age), arch (string ref), section counts
 *   files       8 B   path string ref (offset, length)
 *   functions  16 B   name string ref, entry address (NONE for inlined-only functions), reserved
 *   locations  16 B   file, line (0 = unknown), function, parent = the call site it is inlined into
 *   starts      4 B   sorted range start addresses; range i ends where range i + 1 starts
 *   leaves      4 B   location of range i (NONE = no code there)
 *   strings            UTF-8 bytes
 */
export const MAGIC = 0x43595356; // "VSYC" read as little-endian u32
export const FORMAT_VERSION = 1;
export const NONE = 0xffffffff;

export const HEADER_SIZE = 64;
export const FILE_SIZE = 8;
export const FUNCTION_SIZE = 16;
export const LOCATION_SIZE = 16;

export const H = {
  magic: 0,
  version: 4,
  uuid: 8,
  age: 24,
  archOffset: 28,
  archLength: 32,
  numFiles: 36,
  numFunctions: 40,
  numLocations: 44,
  numRanges: 48,
  stringBytes: 52,
} as const;

export interface Layout {
  files: number;
  functions: number;
  locations: number;
  starts: number;
  leaves: number;
  strings: number;
  total: number;
}

export function layout(numFiles: number, numFunctions: number, numLocations: number, numRanges: number, stringBytes: number): Layout {
  const files = HEADER_SIZE;
  const functions = files + numFiles * FILE_SIZE;
  const locations = functions + numFunctions * FUNCTION_SIZE;
  const starts = locations + numLocations * LOCATION_SIZE;
  const leaves = starts + numRanges * 4;
  const strings = leaves + numRanges * 4;
  return { files, functions, locations, starts, leaves, strings, total: strings + stringBytes };
}

/**
 * Layout of Vigil's SymCache (little-endian, every section padded to 4 bytes, so a Buffer read from disk is
 * used as it is):
 *
 *   header     64 B   magic, version, debug id (uuid + age), arch (string ref), section counts, column widths
 *   files       8 B   path string ref (offset, length)
 *   functions  16 B   name string ref, entry address (NONE for inlined-only functions), reserved
 *   locations         four columns: file, line (0 = unknown), function, parent (the call site it is inlined into)
 *   starts      4 B   sorted range start addresses; range i ends where range i + 1 starts
 *   leaves            location of range i (NONE = no code there)
 *   strings           UTF-8 bytes
 *
 * Location and leaf columns are 1, 2 or 4 bytes wide, the narrowest that holds their largest value; the
 * all-ones value of a width means NONE.
 */
export const MAGIC = 0x43595356; // "VSYC" read as little-endian u32
export const FORMAT_VERSION = 2;
export const NONE = 0xffffffff;

export const HEADER_SIZE = 64;
export const FILE_SIZE = 8;
export const FUNCTION_SIZE = 16;

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
  widths: 56, // u8 each: location file, line, function, parent; then leaf
} as const;

export interface Widths {
  file: number;
  line: number;
  function: number;
  parent: number;
  leaf: number;
}

export interface Layout {
  files: number;
  functions: number;
  locFile: number;
  locLine: number;
  locFunction: number;
  locParent: number;
  starts: number;
  leaves: number;
  strings: number;
  total: number;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** The narrowest width (1, 2, 4) whose all-ones NONE value stays above `max`. */
export const widthFor = (max: number): number => (max < 0xff ? 1 : max < 0xffff ? 2 : 4);

export const noneOf = (width: number): number => (width === 1 ? 0xff : width === 2 ? 0xffff : NONE);

export function layout(
  counts: { files: number; functions: number; locations: number; ranges: number; stringBytes: number },
  w: Widths,
): Layout {
  const files = HEADER_SIZE;
  const functions = files + counts.files * FILE_SIZE;
  const locFile = functions + counts.functions * FUNCTION_SIZE;
  const locLine = locFile + pad4(counts.locations * w.file);
  const locFunction = locLine + pad4(counts.locations * w.line);
  const locParent = locFunction + pad4(counts.locations * w.function);
  const starts = locParent + pad4(counts.locations * w.parent);
  const leaves = starts + counts.ranges * 4;
  const strings = leaves + pad4(counts.ranges * w.leaf);
  return { files, functions, locFile, locLine, locFunction, locParent, starts, leaves, strings, total: strings + counts.stringBytes };
}

/**
 * What every debug-file reader (Breakpad, DWARF in ELF/Mach-O) hands to the SymCache writer. Addresses are
 * relative to the object's load address, ranges are half-open [start, end).
 */
export type AddressRange = readonly [start: number, end: number];

/** One line-table row: the innermost source location of the addresses it covers. */
export interface LineRow {
  start: number;
  end: number;
  file: string | null;
  line: number; // 0 = unknown
}

/** An inlined call inside a function; `parent` indexes `inlinees` of the same function, -1 = the function itself. */
export interface InlineeInfo {
  name: string;
  ranges: AddressRange[];
  callFile: string | null;
  callLine: number;
  parent: number;
}

export interface FunctionInfo {
  name: string;
  entry: number;
  ranges: AddressRange[];
  lines: LineRow[]; // sorted by start, not overlapping
  inlinees: InlineeInfo[]; // parents before children
}

/** A symbol-table entry; size 0 = unknown (it then reaches the next thing that starts). */
export interface SymbolInfo {
  name: string;
  address: number;
  size: number;
  /** ELF local symbols: the STT_FILE symbol before them, which llvm-symbolizer reports as their file. */
  file?: string | null;
}

export interface DebugContent {
  functions: FunctionInfo[];
  symbols: SymbolInfo[];
}

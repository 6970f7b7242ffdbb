import { parseDebugId } from './debug-id.js';
import type { DebugContent, FunctionInfo } from './model.js';
import { FILE_SIZE, FORMAT_VERSION, FUNCTION_SIZE, H, MAGIC, NONE, layout } from './symcache-format.js';

const MAX_ADDRESS = 0xffffffff;

/** A run of addresses with one source location. */
interface Segment {
  start: number;
  end: number;
  loc: number;
}

/** Interned tables of the index under construction. */
class Tables {
  readonly stringBytes: Buffer[] = [];
  private stringSize = 0;
  private readonly strings = new Map<string, number>();
  readonly stringRefs: [number, number][] = [];
  private readonly files = new Map<string, number>();
  readonly fileRows: number[] = []; // string index per file
  private readonly functions = new Map<string, number>();
  readonly functionRows: number[] = []; // (string index, entry) pairs
  private readonly locations = new Map<string, number>();
  readonly locationRows: number[] = []; // (file, line, function, parent) quads

  string(text: string): number {
    let index = this.strings.get(text);
    if (index === undefined) {
      const bytes = Buffer.from(text, 'utf8');
      index = this.stringRefs.push([this.stringSize, bytes.length]) - 1;
      this.stringBytes.push(bytes);
      this.stringSize += bytes.length;
      this.strings.set(text, index);
    }
    return index;
  }

  get stringTotal(): number {
    return this.stringSize;
  }

  file(path: string | null): number {
    if (path === null) return NONE;
    let index = this.files.get(path);
    if (index === undefined) {
      index = this.fileRows.push(this.string(path)) - 1;
      this.files.set(path, index);
    }
    return index;
  }

  function(name: string, entry: number): number {
    const key = `${entry}\u0000${name}`;
    let index = this.functions.get(key);
    if (index === undefined) {
      index = this.functionRows.push(this.string(name), entry) / 2 - 1;
      this.functions.set(key, index);
    }
    return index;
  }

  location(file: number, line: number, fn: number, parent: number): number {
    const key = `${file},${line},${fn},${parent}`;
    let index = this.locations.get(key);
    if (index === undefined) {
      index = this.locationRows.push(file, line, fn, parent) / 4 - 1;
      this.locations.set(key, index);
    }
    return index;
  }
}

/** Cuts one function into segments whose innermost location (and so inline chain) is constant. */
function functionSegments(fn: FunctionInfo, name: string, tables: Tables, out: Segment[]): void {
  const fnIndex = tables.function(name, fn.entry);
  const inlinees = fn.inlinees;
  const depth = new Int32Array(inlinees.length);
  const inlineFn = new Uint32Array(inlinees.length);
  const callLoc = new Uint32Array(inlinees.length);
  const bounds: number[] = [];
  for (const [s, e] of fn.ranges) bounds.push(s, e);
  for (const row of fn.lines) bounds.push(row.start, row.end);
  const intervals: { start: number; end: number; index: number }[] = [];
  inlinees.forEach((inlinee, i) => {
    const parent = inlinee.parent;
    depth[i] = parent < 0 ? 1 : depth[parent]! + 1;
    inlineFn[i] = tables.function(inlinee.name, NONE);
    const callerFn = parent < 0 ? fnIndex : inlineFn[parent]!;
    callLoc[i] = tables.location(tables.file(inlinee.callFile), inlinee.callLine, callerFn, parent < 0 ? NONE : callLoc[parent]!);
    for (const [s, e] of inlinee.ranges) {
      bounds.push(s, e);
      intervals.push({ start: s, end: e, index: i });
    }
  });
  bounds.sort((a, b) => a - b);
  intervals.sort((a, b) => a.start - b.start);
  const ranges = [...fn.ranges].sort((a, b) => a[0] - b[0]);

  let rangeIndex = 0;
  let lineIndex = 0;
  let nextInterval = 0;
  let active: typeof intervals = [];
  let previous: Segment | null = null;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k]!;
    const b = bounds[k + 1]!;
    if (a === b) continue;
    while (rangeIndex < ranges.length && ranges[rangeIndex]![1] <= a) rangeIndex++;
    const range = ranges[rangeIndex];
    if (!range || range[0] > a) continue;
    while (lineIndex < fn.lines.length && fn.lines[lineIndex]!.end <= a) lineIndex++;
    const candidate = fn.lines[lineIndex];
    const row = candidate && candidate.start <= a ? candidate : null;
    while (nextInterval < intervals.length && intervals[nextInterval]!.start <= a) active.push(intervals[nextInterval++]!);
    active = active.filter((interval) => interval.end > a);
    let deepest = -1;
    for (const interval of active) if (deepest < 0 || depth[interval.index]! > depth[deepest]!) deepest = interval.index;
    const leaf = tables.location(
      tables.file(row ? row.file : null),
      row ? row.line : 0,
      deepest < 0 ? fnIndex : inlineFn[deepest]!,
      deepest < 0 ? NONE : callLoc[deepest]!,
    );
    if (previous && previous.end === a && previous.loc === leaf) previous.end = b;
    else out.push((previous = { start: a, end: b, loc: leaf }));
  }
}

/** Sorts segments and drops the parts that overlap an earlier one (the first reader of an address wins). */
function disjoint(segments: Segment[]): Segment[] {
  segments.sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let end = 0;
  for (const segment of segments) {
    const start = Math.max(segment.start, end);
    if (start >= segment.end || start > MAX_ADDRESS) continue;
    out.push({ start, end: Math.min(segment.end, MAX_ADDRESS + 1), loc: segment.loc });
    end = Math.max(end, segment.end);
  }
  return out;
}

/**
 * Symbol-table entries fill only the addresses that no function with debug info covers. Of several symbols at
 * one address the first one listed wins, as in symbolic's SymbolMap.
 */
function symbolSegments(content: DebugContent, covered: Segment[], tables: Tables): Segment[] {
  const symbols = [...content.symbols].sort((a, b) => a.address - b.address);
  const out: Segment[] = [];
  let c = 0;
  let claimedUntil = 0;
  for (let i = 0; i < symbols.length; i++) {
    const symbol = symbols[i]!;
    const start = symbol.address;
    if (start < claimedUntil || start > MAX_ADDRESS) continue;
    while (c < covered.length && covered[c]!.end <= start) c++;
    const next = covered[c];
    if (next && next.start <= start) continue;
    let end = symbol.size > 0 ? start + symbol.size : MAX_ADDRESS + 1;
    if (symbol.size === 0) {
      for (let j = i + 1; j < symbols.length; j++) {
        if (symbols[j]!.address > start) {
          end = symbols[j]!.address;
          break;
        }
      }
    }
    if (next) end = Math.min(end, next.start);
    const fn = tables.function(symbol.name, start);
    out.push({ start, end, loc: tables.location(NONE, 0, fn, NONE) });
    claimedUntil = end;
  }
  return out;
}

/**
 * Serializes debug content as a SymCache (see symcache-format.ts). A function named in the symbol table at its
 * entry takes that name (it is the more precise one, e.g. GCC's `.isra.N` clones), as symbolic does.
 */
export function buildSymCache(content: DebugContent, debugId: string, arch: string): Uint8Array {
  const tables = new Tables();
  const archString = tables.string(arch);
  const symbolNames = new Map<number, string>();
  for (const symbol of content.symbols) if (!symbolNames.has(symbol.address)) symbolNames.set(symbol.address, symbol.name);
  const fromFunctions: Segment[] = [];
  for (const fn of content.functions) functionSegments(fn, symbolNames.get(fn.entry) ?? fn.name, tables, fromFunctions);
  const covered = disjoint(fromFunctions);
  const all = disjoint([...covered, ...symbolSegments(content, covered, tables)]);

  const starts: number[] = [];
  const leaves: number[] = [];
  let end = -1;
  for (const segment of all) {
    if (end >= 0 && segment.start > end) {
      starts.push(end);
      leaves.push(NONE);
    }
    if (leaves.length > 0 && leaves[leaves.length - 1] === segment.loc && segment.start === end) {
      end = segment.end;
      continue;
    }
    starts.push(segment.start);
    leaves.push(segment.loc);
    end = segment.end;
  }
  if (end >= 0 && end <= MAX_ADDRESS) {
    starts.push(end);
    leaves.push(NONE);
  }

  const numFiles = tables.fileRows.length;
  const numFunctions = tables.functionRows.length / 2;
  const numLocations = tables.locationRows.length / 4;
  const at = layout(numFiles, numFunctions, numLocations, starts.length, tables.stringTotal);
  const out = new Uint8Array(at.total);
  const view = new DataView(out.buffer);
  const { uuid, age } = parseDebugId(debugId);
  view.setUint32(H.magic, MAGIC, true);
  view.setUint32(H.version, FORMAT_VERSION, true);
  out.set(uuid, H.uuid);
  view.setUint32(H.age, age, true);
  const [archOffset, archLength] = tables.stringRefs[archString]!;
  view.setUint32(H.archOffset, archOffset, true);
  view.setUint32(H.archLength, archLength, true);
  view.setUint32(H.numFiles, numFiles, true);
  view.setUint32(H.numFunctions, numFunctions, true);
  view.setUint32(H.numLocations, numLocations, true);
  view.setUint32(H.numRanges, starts.length, true);
  view.setUint32(H.stringBytes, tables.stringTotal, true);

  tables.fileRows.forEach((stringIndex, i) => {
    const [offset, length] = tables.stringRefs[stringIndex]!;
    view.setUint32(at.files + i * FILE_SIZE, offset, true);
    view.setUint32(at.files + i * FILE_SIZE + 4, length, true);
  });
  for (let i = 0; i < numFunctions; i++) {
    const [offset, length] = tables.stringRefs[tables.functionRows[2 * i]!]!;
    const base = at.functions + i * FUNCTION_SIZE;
    view.setUint32(base, offset, true);
    view.setUint32(base + 4, length, true);
    view.setUint32(base + 8, tables.functionRows[2 * i + 1]!, true);
  }
  tables.locationRows.forEach((value, i) => view.setUint32(at.locations + i * 4, value, true));
  starts.forEach((value, i) => view.setUint32(at.starts + i * 4, value, true));
  leaves.forEach((value, i) => view.setUint32(at.leaves + i * 4, value, true));
  let offset = at.strings;
  for (const bytes of tables.stringBytes) {
    out.set(bytes, offset);
    offset += bytes.length;
  }
  return out;
}

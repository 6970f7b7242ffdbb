import { formatDebugId } from './debug-id.js';
import { demangle } from './demangle.js';
import { DebugFileError } from './errors.js';
import { Column } from './symcache-column.js';
import { FILE_SIZE, FORMAT_VERSION, FUNCTION_SIZE, H, HEADER_SIZE, MAGIC, NONE, layout, type Layout, type Widths } from './symcache-format.js';
import type { SymbolicatedFrame } from './types.js';

const decoder = new TextDecoder('utf-8', { fatal: false });
const MAGIC_SWAPPED = 0x56535943;

/** Reads a SymCache in place: every section is a view over the given bytes, strings are decoded on first use. */
export class SymCache {
  readonly debugId: string;
  readonly arch: string;
  private readonly functionNames: (string | undefined)[];
  private readonly demangled: (string | undefined)[];
  private readonly fileNames: (string | null | undefined)[];

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly at: Layout,
    private readonly columns: Columns,
  ) {
    this.debugId = formatDebugId(bytes.subarray(H.uuid, H.uuid + 16), view.getUint32(H.age, true));
    this.arch = this.string(view.getUint32(H.archOffset, true), view.getUint32(H.archLength, true));
    const numFunctions = view.getUint32(H.numFunctions, true);
    this.functionNames = new Array<string | undefined>(numFunctions);
    this.demangled = new Array<string | undefined>(numFunctions);
    this.fileNames = new Array<string | null | undefined>(view.getUint32(H.numFiles, true));
  }

  /** Checks magic, version and that every reference stays inside its section; throws DebugFileError. */
  static open(bytes: Uint8Array): SymCache {
    if (bytes.length < HEADER_SIZE) throw new DebugFileError('not a SymCache: too short');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const magic = view.getUint32(H.magic, true);
    if (magic === MAGIC_SWAPPED) throw new DebugFileError('SymCache has the wrong byte order');
    if (magic !== MAGIC) throw new DebugFileError('not a SymCache: bad magic');
    const version = view.getUint32(H.version, true);
    if (version !== FORMAT_VERSION) throw new DebugFileError(`unsupported SymCache version ${version} (expected ${FORMAT_VERSION})`);
    const u32 = (offset: number): number => view.getUint32(offset, true);
    const [file, line, fn, parent, leaf] = bytes.subarray(H.widths, H.widths + 5);
    const widths: Widths = { file: file!, line: line!, function: fn!, parent: parent!, leaf: leaf! };
    if (Object.values(widths).some((width) => width !== 1 && width !== 2 && width !== 4)) throw new DebugFileError('SymCache is malformed: bad column width');
    const counts = { files: u32(H.numFiles), functions: u32(H.numFunctions), locations: u32(H.numLocations), ranges: u32(H.numRanges), stringBytes: u32(H.stringBytes) };
    const at = layout(counts, widths);
    if (at.total > bytes.length) throw new DebugFileError('SymCache is truncated');
    const columns: Columns = {
      file: new Column(view, at.locFile, counts.locations, widths.file),
      line: new Column(view, at.locLine, counts.locations, widths.line),
      function: new Column(view, at.locFunction, counts.locations, widths.function),
      parent: new Column(view, at.locParent, counts.locations, widths.parent),
      starts: new Column(view, at.starts, counts.ranges, 4),
      leaves: new Column(view, at.leaves, counts.ranges, widths.leaf),
    };
    validate(view, at, counts, columns);
    return new SymCache(bytes, view, at, columns);
  }

  /** Frames at an image-relative address: innermost inlined frame first, the real function last. */
  lookup(relativeAddress: number): SymbolicatedFrame[] {
    const { parent, function: functionOf } = this.columns;
    let loc = this.leafAt(relativeAddress);
    const frames: SymbolicatedFrame[] = [];
    let fn = NONE;
    while (loc !== NONE) {
      fn = functionOf.get(loc);
      frames.push(this.frameOf(loc, fn, 0));
      loc = parent.get(loc);
    }
    const entry = this.entryOf(fn);
    for (const frame of frames) frame.symbolAddress = entry;
    return frames;
  }

  /**
   * The location of the real (outermost) function's line at an address, or -1 where there is none:
   * batch callers that want only that frame key their answers by it (`outerFrame` gives the frame).
   */
  outerLocation(relativeAddress: number): number {
    const { parent } = this.columns;
    let loc = this.leafAt(relativeAddress);
    if (loc === NONE) return -1;
    for (let up = parent.get(loc); up !== NONE; up = parent.get(loc)) loc = up;
    return loc;
  }

  /** The frame of a location `outerLocation` returned (the last frame `lookup` gives there). */
  outerFrame(location: number): SymbolicatedFrame {
    const fn = this.columns.function.get(location);
    return this.frameOf(location, fn, this.entryOf(fn));
  }

  /** The innermost location of the range holding the address, NONE outside every range. */
  private leafAt(relativeAddress: number): number {
    const { starts, leaves } = this.columns;
    if (!(relativeAddress >= 0 && relativeAddress <= 0xffffffff)) return NONE;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts.get(mid) <= relativeAddress) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? NONE : leaves.get(lo - 1);
  }

  private frameOf(loc: number, fn: number, symbolAddress: number): SymbolicatedFrame {
    const name = this.functionName(fn);
    const demangled = this.demangledName(fn, name);
    const lineNumber = this.columns.line.get(loc);
    return {
      function: demangled,
      mangledFunction: demangled === name ? null : name,
      file: this.fileName(this.columns.file.get(loc)),
      line: lineNumber === 0 || lineNumber === NONE ? null : lineNumber,
      symbolAddress,
    };
  }

  private entryOf(fn: number): number {
    return fn === NONE ? 0 : this.view.getUint32(this.at.functions + fn * FUNCTION_SIZE + 8, true);
  }

  private string(offset: number, length: number): string {
    const start = this.at.strings + offset;
    return decoder.decode(this.bytes.subarray(start, start + length));
  }

  private functionName(index: number): string {
    let name = this.functionNames[index];
    if (name === undefined) {
      const base = this.at.functions + index * FUNCTION_SIZE;
      name = this.string(this.view.getUint32(base, true), this.view.getUint32(base + 4, true));
      this.functionNames[index] = name;
    }
    return name;
  }

  private demangledName(index: number, name: string): string {
    let demangled = this.demangled[index];
    if (demangled === undefined) this.demangled[index] = demangled = demangle(name);
    return demangled;
  }

  private fileName(index: number): string | null {
    if (index === NONE) return null;
    let name = this.fileNames[index];
    if (name === undefined) {
      const base = this.at.files + index * FILE_SIZE;
      name = this.string(this.view.getUint32(base, true), this.view.getUint32(base + 4, true));
      this.fileNames[index] = name;
    }
    return name;
  }
}

interface Columns {
  file: Column;
  line: Column;
  function: Column;
  parent: Column;
  starts: Column;
  leaves: Column;
}

function validate(view: DataView, at: Layout, counts: { files: number; functions: number; locations: number; ranges: number; stringBytes: number }, columns: Columns): void {
  const u32 = (offset: number): number => view.getUint32(offset, true);
  const fail = (what: string): never => {
    throw new DebugFileError(`SymCache is malformed: ${what}`);
  };
  const stringRef = (base: number): void => {
    if (u32(base) + u32(base + 4) > counts.stringBytes) fail('string out of bounds');
  };
  stringRef(H.archOffset);
  for (let i = 0; i < counts.files; i++) stringRef(at.files + i * FILE_SIZE);
  for (let i = 0; i < counts.functions; i++) stringRef(at.functions + i * FUNCTION_SIZE);
  for (let i = 0; i < counts.locations; i++) {
    const file = columns.file.get(i);
    const parent = columns.parent.get(i);
    if (file !== NONE && file >= counts.files) fail('file index out of bounds');
    if (columns.function.get(i) >= counts.functions) fail('function index out of bounds');
    // Parents are written before the locations inlined into them, so the chain always ends.
    if (parent !== NONE && parent >= i) fail('inline chain out of order');
  }
  let previous = -1;
  for (let i = 0; i < counts.ranges; i++) {
    const start = columns.starts.get(i);
    if (start <= previous) fail('ranges not sorted');
    previous = start;
    const loc = columns.leaves.get(i);
    if (loc !== NONE && loc >= counts.locations) fail('location index out of bounds');
  }
}

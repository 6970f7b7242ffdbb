import { formatDebugId } from './debug-id.js';
import { demangle } from './demangle.js';
import { DebugFileError } from './errors.js';
import { FILE_SIZE, FORMAT_VERSION, FUNCTION_SIZE, H, HEADER_SIZE, LOCATION_SIZE, MAGIC, NONE, layout, type Layout } from './symcache-format.js';
import type { SymbolicatedFrame } from './types.js';

const decoder = new TextDecoder('utf-8', { fatal: false });
const MAGIC_SWAPPED = 0x56535943;

/** Reads a SymCache in place: every section is a view over the given bytes, strings are decoded on first use. */
export class SymCache {
  readonly debugId: string;
  readonly arch: string;
  private readonly numRanges: number;
  private readonly functionNames: (string | undefined)[];
  private readonly demangled: (string | undefined)[];
  private readonly fileNames: (string | null | undefined)[];

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly at: Layout,
  ) {
    this.debugId = formatDebugId(bytes.subarray(H.uuid, H.uuid + 16), view.getUint32(H.age, true));
    this.arch = this.string(view.getUint32(H.archOffset, true), view.getUint32(H.archLength, true));
    this.numRanges = view.getUint32(H.numRanges, true);
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
    const at = layout(u32(H.numFiles), u32(H.numFunctions), u32(H.numLocations), u32(H.numRanges), u32(H.stringBytes));
    if (at.total > bytes.length) throw new DebugFileError('SymCache is truncated');
    validate(view, at);
    return new SymCache(bytes, view, at);
  }

  /** Frames at an image-relative address: innermost inlined frame first, the real function last. */
  lookup(relativeAddress: number): SymbolicatedFrame[] {
    const { view, at } = this;
    if (!(relativeAddress >= 0 && relativeAddress <= 0xffffffff)) return [];
    let lo = 0;
    let hi = this.numRanges;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (view.getUint32(at.starts + mid * 4, true) <= relativeAddress) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return [];
    let loc = view.getUint32(at.leaves + (lo - 1) * 4, true);
    const frames: SymbolicatedFrame[] = [];
    let fn = NONE;
    while (loc !== NONE) {
      const base = at.locations + loc * LOCATION_SIZE;
      const line = view.getUint32(base + 4, true);
      fn = view.getUint32(base + 8, true);
      const name = this.functionName(fn);
      const demangled = this.demangledName(fn, name);
      frames.push({
        function: demangled,
        mangledFunction: demangled === name ? null : name,
        file: this.fileName(view.getUint32(base, true)),
        line: line === 0 ? null : line,
        symbolAddress: 0,
      });
      loc = view.getUint32(base + 12, true);
    }
    const entry = fn === NONE ? 0 : view.getUint32(at.functions + fn * FUNCTION_SIZE + 8, true);
    for (const frame of frames) frame.symbolAddress = entry;
    return frames;
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

function validate(view: DataView, at: Layout): void {
  const u32 = (offset: number): number => view.getUint32(offset, true);
  const numFiles = (at.functions - at.files) / FILE_SIZE;
  const numFunctions = (at.locations - at.functions) / FUNCTION_SIZE;
  const numLocations = (at.starts - at.locations) / LOCATION_SIZE;
  const numRanges = (at.leaves - at.starts) / 4;
  const stringBytes = at.total - at.strings;
  const fail = (what: string): never => {
    throw new DebugFileError(`SymCache is malformed: ${what}`);
  };
  const stringRef = (base: number): void => {
    if (u32(base) + u32(base + 4) > stringBytes) fail('string out of bounds');
  };
  stringRef(H.archOffset);
  for (let i = 0; i < numFiles; i++) stringRef(at.files + i * FILE_SIZE);
  for (let i = 0; i < numFunctions; i++) stringRef(at.functions + i * FUNCTION_SIZE);
  for (let i = 0; i < numLocations; i++) {
    const base = at.locations + i * LOCATION_SIZE;
    const file = u32(base);
    const parent = u32(base + 12);
    if (file !== NONE && file >= numFiles) fail('file index out of bounds');
    if (u32(base + 8) >= numFunctions) fail('function index out of bounds');
    // Parents are written before the locations inlined into them, so the chain always ends.
    if (parent !== NONE && parent >= i) fail('inline chain out of order');
  }
  let previous = -1;
  for (let i = 0; i < numRanges; i++) {
    const start = u32(at.starts + i * 4);
    if (start <= previous) fail('ranges not sorted');
    previous = start;
    const loc = u32(at.leaves + i * 4);
    if (loc !== NONE && loc >= numLocations) fail('location index out of bounds');
  }
}

import { normalizeDebugId } from './debug-id.js';
import { DebugFileError } from './errors.js';
import type { DebugContent, FunctionInfo, InlineeInfo, SymbolInfo } from './model.js';
import type { DebugObject } from './types.js';

/** Breakpad `.sym` text (google/breakpad docs/symbol_files.md, plus INLINE/INLINE_ORIGIN records). */
export function isBreakpad(bytes: Uint8Array): boolean {
  return bytes.length >= 7 && Buffer.from(bytes.buffer, bytes.byteOffset, 7).toString('latin1') === 'MODULE ';
}

const decoder = new TextDecoder('utf-8');

interface ModuleLine {
  arch: string;
  debugId: string;
  name: string | null;
}

function parseModule(line: string): ModuleLine {
  // MODULE <os> <arch> <id> <name…>
  const parts = line.split(' ');
  const [, , arch, id] = parts;
  if (!arch || !id) throw new DebugFileError('malformed Breakpad MODULE record');
  let debugId: string;
  try {
    debugId = normalizeDebugId(id);
  } catch {
    throw new DebugFileError(`malformed Breakpad module id ${JSON.stringify(id)}`);
  }
  return { arch, debugId, name: parts.slice(4).join(' ') || null };
}

export function inspectBreakpad(bytes: Uint8Array): DebugObject {
  const text = decoder.decode(bytes);
  const lines = text.split('\n');
  const module = parseModule((lines[0] ?? '').trimEnd());
  let codeId: string | null = null;
  const features = { symtab: false, debug: false, unwind: false, sources: false };
  for (const raw of lines) {
    if (raw.startsWith('INFO CODE_ID ')) codeId = raw.split(' ')[2]?.trim().toLowerCase() || null;
    else if (raw.startsWith('PUBLIC ')) features.symtab = true;
    else if (raw.startsWith('FUNC ')) features.debug = true;
    else if (raw.startsWith('STACK ')) features.unwind = true;
  }
  return { kind: 'breakpad', arch: module.arch, debugId: module.debugId, codeId, objectName: module.name, features };
}

const hex = (token: string | undefined, lineNo: number): number => {
  const value = token === undefined ? Number.NaN : Number.parseInt(token, 16);
  if (!Number.isFinite(value) || !/^[0-9a-fA-F]+$/.test(token ?? '')) {
    throw new DebugFileError(`malformed Breakpad record on line ${lineNo}: expected a hex number`);
  }
  return value;
};

const dec = (token: string | undefined, lineNo: number): number => {
  if (token === undefined || !/^-?\d+$/.test(token)) {
    throw new DebugFileError(`malformed Breakpad record on line ${lineNo}: expected a decimal number`);
  }
  return Number.parseInt(token, 10);
};

/** `FUNC [m] addr size param name` / `PUBLIC [m] addr param name`: skip the optional `m`. */
function fields(line: string, count: number): { values: string[]; rest: string } {
  const parts = line.split(' ');
  let i = 1;
  if (parts[i] === 'm') i++;
  return { values: parts.slice(i, i + count), rest: parts.slice(i + count).join(' ') };
}

interface OpenInlinee {
  depth: number;
  index: number;
  info: InlineeInfo;
}

export function readBreakpad(bytes: Uint8Array): DebugContent {
  const lines = decoder.decode(bytes).split('\n');
  const files = new Map<number, string>();
  const origins = new Map<number, string>();
  const functions: FunctionInfo[] = [];
  const symbols: SymbolInfo[] = [];
  let current: FunctionInfo | null = null;
  let open: OpenInlinee[] = [];

  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] ?? '').trimEnd();
    const lineNo = n + 1;
    if (line === '') continue;
    const space = line.indexOf(' ');
    const keyword = space < 0 ? line : line.slice(0, space);
    switch (keyword) {
      case 'MODULE':
      case 'INFO':
        break;
      case 'FILE': {
        const { values, rest } = fields(line, 1);
        files.set(dec(values[0], lineNo), rest);
        break;
      }
      case 'INLINE_ORIGIN': {
        const { values, rest } = fields(line, 1);
        origins.set(dec(values[0], lineNo), rest);
        break;
      }
      case 'FUNC': {
        const { values, rest } = fields(line, 3);
        const start = hex(values[0], lineNo);
        const size = hex(values[1], lineNo);
        current = { name: rest, entry: start, ranges: [[start, start + size]], lines: [], inlinees: [] };
        open = [];
        functions.push(current);
        break;
      }
      case 'PUBLIC': {
        const { values, rest } = fields(line, 2);
        symbols.push({ name: rest, address: hex(values[0], lineNo), size: 0 });
        current = null;
        break;
      }
      case 'INLINE': {
        if (!current) throw new DebugFileError(`Breakpad INLINE record outside a FUNC on line ${lineNo}`);
        const parts = line.split(' ');
        const depth = dec(parts[1], lineNo);
        const callLine = dec(parts[2], lineNo);
        const callFile = files.get(dec(parts[3], lineNo)) ?? null;
        const name = origins.get(dec(parts[4], lineNo)) ?? '<unknown>';
        const ranges: [number, number][] = [];
        for (let i = 5; i + 1 < parts.length; i += 2) {
          const start = hex(parts[i], lineNo);
          ranges.push([start, start + hex(parts[i + 1], lineNo)]);
        }
        if (ranges.length === 0) throw new DebugFileError(`Breakpad INLINE record without ranges on line ${lineNo}`);
        const parent = findParent(open, depth, ranges[0]![0]);
        const info: InlineeInfo = { name, ranges, callFile, callLine, parent };
        open.push({ depth, index: current.inlinees.push(info) - 1, info });
        break;
      }
      case 'STACK':
        current = null;
        break;
      default: {
        if (!current) break; // unknown record types are skipped, as Breakpad's own processor does
        const parts = line.split(' ');
        const start = hex(parts[0], lineNo);
        const size = hex(parts[1], lineNo);
        if (size === 0) break;
        current.lines.push({ start, end: start + size, line: dec(parts[2], lineNo), file: files.get(dec(parts[3], lineNo)) ?? null });
      }
    }
  }
  for (const fn of functions) fn.lines.sort((a, b) => a.start - b.start);
  return { functions, symbols: sizePublics(symbols, functions) };
}

/** The inlinee one level up that contains `address` (the latest one at that depth if none does). */
function findParent(open: OpenInlinee[], depth: number, address: number): number {
  if (depth === 0) return -1;
  let fallback = -1;
  for (let i = open.length - 1; i >= 0; i--) {
    const candidate = open[i]!;
    if (candidate.depth !== depth - 1) continue;
    if (candidate.info.ranges.some(([s, e]) => address >= s && address < e)) return candidate.index;
    if (fallback < 0) fallback = candidate.index;
  }
  return fallback;
}

/** A PUBLIC symbol reaches the next address a FUNC or PUBLIC record mentions (the last one is open-ended). */
function sizePublics(symbols: SymbolInfo[], functions: FunctionInfo[]): SymbolInfo[] {
  const starts = [...new Set([...symbols.map((s) => s.address), ...functions.map((f) => f.entry)])].sort((a, b) => a - b);
  return symbols.map((symbol) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= symbol.address) lo = mid + 1;
      else hi = mid;
    }
    const next = starts[lo];
    return { ...symbol, size: next === undefined ? 0 : next - symbol.address };
  });
}

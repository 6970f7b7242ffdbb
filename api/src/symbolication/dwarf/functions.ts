import { ByteReader } from '../byte-reader.js';
import type { AddressRange, FunctionInfo, LineRow } from '../model.js';
import { DW_TAG } from './forms.js';
import { readLineProgram, type LineTable } from './line-program.js';
import { dieRanges } from './ranges.js';
import type { DwarfSections } from './sections.js';
import { Die, dieAddress, dieString, readDie, readUnits, type Unit } from './unit.js';

/** What code inside a subprogram belongs to: the function, and the innermost inlined call open at this depth. */
interface Scope {
  fn: FunctionInfo | null;
  inlinee: number;
}

/**
 * Functions with their line rows and inlined calls from DWARF (.debug_info subprograms and inlined_subroutines,
 * .debug_line), with every address made relative by subtracting `bias` (the object's load address).
 */
export function readDwarfFunctions(sections: DwarfSections, le: boolean, bias: number): FunctionInfo[] {
  const units = readUnits(sections, le);
  const names = new NameResolver(units, sections, le);
  const functions: FunctionInfo[] = [];
  const die = new Die();
  // Every unit's bases first: names are followed across units.
  for (const unit of units) {
    if (readDie(new ByteReader(sections.info!, le, unit.dieStart, unit.end), unit, die)) applyUnitAttributes(unit, die, sections, le);
  }
  for (const unit of units) {
    const r = new ByteReader(sections.info!, le, unit.dieStart, unit.end);
    if (!readDie(r, unit, die)) continue;
    let table: LineTable = { rows: [], files: [] };
    if (unit.stmtList >= 0 && sections.line) {
      table = readLineProgram(unit.stmtList, { sections, le, addressSize: unit.addressSize, compDir: unit.compDir, strOffsetsBase: unit.strOffsetsBase });
    }
    const unitFunctions: FunctionInfo[] = [];
    const stack: Scope[] = [];
    let scope: Scope = { fn: null, inlinee: -1 };
    if (!die.hasChildren) continue;
    while (r.pos < r.end) {
      if (!readDie(r, unit, die)) {
        const parent = stack.pop();
        if (!parent) break;
        scope = parent;
        continue;
      }
      let inner = scope;
      if (die.tag === DW_TAG.subprogram) {
        const ranges = relative(dieRanges(die, unit, sections, le), bias);
        inner = { fn: null, inlinee: -1 };
        if (ranges.length > 0) {
          const name = names.of(die, unit) ?? '<unknown>';
          const fn: FunctionInfo = { name, entry: Math.min(...ranges.map(([s]) => s)), ranges, lines: [], inlinees: [] };
          unitFunctions.push(fn);
          inner = { fn, inlinee: -1 };
        }
      } else if (die.tag === DW_TAG.inlined_subroutine && scope.fn) {
        const ranges = relative(dieRanges(die, unit, sections, le), bias);
        if (ranges.length > 0) {
          const index = scope.fn.inlinees.push({
            name: names.of(die, unit) ?? '<unknown>',
            ranges,
            callFile: die.callFile >= 0 ? (table.files[die.callFile] ?? null) : null,
            callLine: die.callLine,
            parent: scope.inlinee,
          }) - 1;
          inner = { fn: scope.fn, inlinee: index };
        }
      }
      if (die.hasChildren) {
        stack.push(scope);
        scope = inner;
      }
    }
    for (const fn of unitFunctions) fn.lines = linesWithin(table.rows, fn.ranges, bias);
    functions.push(...unitFunctions);
  }
  return functions;
}

function applyUnitAttributes(unit: Unit, die: Die, sections: DwarfSections, le: boolean): void {
  if (die.strOffsetsBase >= 0) unit.strOffsetsBase = die.strOffsetsBase;
  else if (unit.version >= 5) unit.strOffsetsBase = 8; // the header of the unit's contribution (32-bit DWARF)
  if (die.addrBase >= 0) unit.addrBase = die.addrBase;
  if (die.rnglistsBase >= 0) unit.rnglistsBase = die.rnglistsBase;
  if (die.lowForm !== 0) unit.baseAddress = dieAddress(die.lowForm, die.lowValue, unit, sections, le);
  unit.compDir = dieString(die.compDirForm, die.compDirValue, unit, sections, le);
  unit.stmtList = die.stmtList;
}

/** Ranges made relative to the load address; ranges at 0 are what linkers leave of discarded code. */
function relative(ranges: [number, number][], bias: number): AddressRange[] {
  const out: AddressRange[] = [];
  for (const [start, end] of ranges) if (start !== 0 && start >= bias) out.push([start - bias, end - bias]);
  return out;
}

/** The line rows overlapping a function's ranges, clipped to them. */
function linesWithin(rows: LineRow[], ranges: AddressRange[], bias: number): LineRow[] {
  const out: LineRow[] = [];
  for (const [relStart, relEnd] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const start = relStart + bias;
    const end = relEnd + bias;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < rows.length && rows[i]!.start < end; i++) {
      const row = rows[i]!;
      const s = Math.max(row.start, start);
      const e = Math.min(row.end, end);
      if (e > s) out.push({ start: s - bias, end: e - bias, file: row.file, line: row.line });
    }
  }
  return out;
}

/** Function names: the linkage name, else that of the abstract origin / specification, else DW_AT_name. */
class NameResolver {
  private readonly cache = new Map<number, string | null>();

  constructor(
    private readonly units: Unit[],
    private readonly sections: DwarfSections,
    private readonly le: boolean,
  ) {}

  of(die: Die, unit: Unit, depth = 0): string | null {
    const linkage = dieString(die.linkageForm, die.linkageValue, unit, this.sections, this.le);
    if (linkage) return linkage;
    const own = dieString(die.nameForm, die.nameValue, unit, this.sections, this.le);
    const origin = die.origin >= 0 ? die.origin : die.specification;
    const specification = die.origin >= 0 ? die.specification : -1;
    const inherited = (origin >= 0 ? this.at(origin, depth) : null) ?? (specification >= 0 ? this.at(specification, depth) : null);
    return inherited ?? own;
  }

  private at(offset: number, depth: number): string | null {
    if (depth > 8) return null;
    const cached = this.cache.get(offset);
    if (cached !== undefined) return cached;
    const unit = this.unitAt(offset);
    let name: string | null = null;
    if (unit) {
      const die = new Die();
      if (readDie(new ByteReader(this.sections.info!, this.le, offset, unit.end), unit, die)) name = this.of(die, unit, depth + 1);
    }
    this.cache.set(offset, name);
    return name;
  }

  private unitAt(offset: number): Unit | undefined {
    let lo = 0;
    let hi = this.units.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.units[mid]!.offset <= offset) lo = mid + 1;
      else hi = mid;
    }
    const unit = this.units[lo - 1];
    return unit && offset < unit.end ? unit : undefined;
  }
}

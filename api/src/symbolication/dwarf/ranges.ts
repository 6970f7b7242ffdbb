import { ByteReader } from '../byte-reader.js';
import { DebugFileError } from '../errors.js';
import { DW_FORM } from './forms.js';
import type { DwarfSections } from './sections.js';
import { dieAddress, isAddressForm, type Die, type Unit } from './unit.js';

type Range = [number, number];

/** The code ranges of a DIE: low_pc/high_pc, or DW_AT_ranges (.debug_ranges before DWARF 5, .debug_rnglists after). */
export function dieRanges(die: Die, unit: Unit, sections: DwarfSections, le: boolean): Range[] {
  if (die.rangesForm !== 0) {
    return unit.version >= 5 ? rnglist(die, unit, sections, le) : debugRanges(die.rangesValue, unit, sections, le);
  }
  if (die.lowForm === 0 || die.highForm === 0) return [];
  const low = dieAddress(die.lowForm, die.lowValue, unit, sections, le);
  const high = isAddressForm(die.highForm) ? dieAddress(die.highForm, die.highValue, unit, sections, le) : low + die.highValue;
  return high > low ? [[low, high]] : [];
}

function debugRanges(offset: number, unit: Unit, sections: DwarfSections, le: boolean): Range[] {
  if (!sections.ranges) throw new DebugFileError('DWARF uses .debug_ranges but the file has none');
  const r = new ByteReader(sections.ranges, le, offset);
  const size = unit.addressSize;
  const max = size === 4 ? 0xffffffff : 2 ** 64 - 1;
  let base = unit.baseAddress;
  const out: Range[] = [];
  for (;;) {
    const start = r.uint(size);
    const end = r.uint(size);
    if (start === 0 && end === 0) return out;
    if (start >= max) base = end;
    else if (end > start) out.push([base + start, base + end]);
  }
}

const DW_RLE = {
  end_of_list: 0,
  base_addressx: 1,
  startx_endx: 2,
  startx_length: 3,
  offset_pair: 4,
  base_address: 5,
  start_end: 6,
  start_length: 7,
} as const;

function rnglist(die: Die, unit: Unit, sections: DwarfSections, le: boolean): Range[] {
  const section = sections.rnglists;
  if (!section) throw new DebugFileError('DWARF 5 uses .debug_rnglists but the file has none');
  let offset = die.rangesValue;
  if (die.rangesForm === DW_FORM.rnglistx) {
    const table = new ByteReader(section, le, unit.rnglistsBase + die.rangesValue * unit.offsetSize);
    offset = unit.rnglistsBase + table.uint(unit.offsetSize);
  }
  const r = new ByteReader(section, le, offset);
  const address = (index: number): number => dieAddress(DW_FORM.addrx, index, unit, sections, le);
  let base = unit.baseAddress;
  const out: Range[] = [];
  const push = (start: number, end: number): void => {
    if (end > start) out.push([start, end]);
  };
  for (;;) {
    const kind = r.u8();
    switch (kind) {
      case DW_RLE.end_of_list:
        return out;
      case DW_RLE.base_addressx:
        base = address(r.uleb());
        break;
      case DW_RLE.startx_endx:
        push(address(r.uleb()), address(r.uleb()));
        break;
      case DW_RLE.startx_length: {
        const start = address(r.uleb());
        push(start, start + r.uleb());
        break;
      }
      case DW_RLE.offset_pair: {
        const start = r.uleb();
        push(base + start, base + r.uleb());
        break;
      }
      case DW_RLE.base_address:
        base = r.uint(unit.addressSize);
        break;
      case DW_RLE.start_end:
        push(r.uint(unit.addressSize), r.uint(unit.addressSize));
        break;
      case DW_RLE.start_length: {
        const start = r.uint(unit.addressSize);
        push(start, start + r.uleb());
        break;
      }
      default:
        throw new DebugFileError(`unknown .debug_rnglists entry kind ${kind}`);
    }
  }
}

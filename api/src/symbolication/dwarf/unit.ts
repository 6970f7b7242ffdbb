import { ByteReader, stringAt } from '../byte-reader.js';
import { DebugFileError } from '../errors.js';
import { readAbbreviations, type Abbreviation } from './abbrev.js';
import { DW_AT, DW_FORM } from './forms.js';
import type { DwarfSections } from './sections.js';

/** A compilation unit header of .debug_info plus the bases its DIEs are read against. */
export interface Unit {
  offset: number;
  dieStart: number;
  end: number;
  version: number;
  offsetSize: number;
  addressSize: number;
  abbreviations: Abbreviation[];
  strOffsetsBase: number;
  addrBase: number;
  rnglistsBase: number;
  baseAddress: number;
  compDir: string | null;
  stmtList: number;
}

const DW_UT_compile = 1;
const DW_UT_type = 2;
const DW_UT_partial = 3;
const DW_UT_skeleton = 4;
const DW_UT_split_compile = 5;
const DW_UT_split_type = 6;

/** Lists the units of .debug_info (headers only). */
export function readUnits(sections: DwarfSections, le: boolean): Unit[] {
  const info = sections.info;
  if (!info) return [];
  const abbrevCache = new Map<number, Abbreviation[]>();
  const units: Unit[] = [];
  const r = new ByteReader(info, le);
  while (r.pos + 11 <= info.length) {
    const offset = r.pos;
    let length = r.u32();
    let offsetSize = 4;
    if (length === 0xffffffff) {
      length = r.u64();
      offsetSize = 8;
    }
    const end = r.pos + length;
    if (length === 0 || end > info.length) break;
    const version = r.u16();
    if (version < 2 || version > 5) throw new DebugFileError(`unsupported DWARF version ${version}`);
    let addressSize: number;
    let abbrevOffset: number;
    if (version >= 5) {
      const unitType = r.u8();
      addressSize = r.u8();
      abbrevOffset = r.uint(offsetSize);
      if (unitType === DW_UT_skeleton || unitType === DW_UT_split_compile) r.skip(8);
      else if (unitType === DW_UT_type || unitType === DW_UT_split_type) r.skip(8 + offsetSize);
      else if (unitType !== DW_UT_compile && unitType !== DW_UT_partial) {
        r.pos = end;
        continue;
      }
    } else {
      abbrevOffset = r.uint(offsetSize);
      addressSize = r.u8();
    }
    let abbreviations = abbrevCache.get(abbrevOffset);
    if (!abbreviations) {
      if (!sections.abbrev) throw new DebugFileError('DWARF without .debug_abbrev');
      abbreviations = readAbbreviations(sections.abbrev, abbrevOffset, le);
      abbrevCache.set(abbrevOffset, abbreviations);
    }
    units.push({
      offset,
      dieStart: r.pos,
      end,
      version,
      offsetSize,
      addressSize,
      abbreviations,
      strOffsetsBase: 0,
      addrBase: 0,
      rnglistsBase: 0,
      baseAddress: 0,
      compDir: null,
      stmtList: -1,
    });
    r.pos = end;
  }
  return units;
}

/** The attributes of one DIE this reader cares about, as raw (form, value) pairs resolved on demand. */
export class Die {
  offset = 0;
  tag = 0;
  hasChildren = false;
  nameForm = 0;
  nameValue = 0;
  linkageForm = 0;
  linkageValue = 0;
  lowForm = 0;
  lowValue = 0;
  highForm = 0;
  highValue = 0;
  rangesForm = 0;
  rangesValue = 0;
  origin = -1;
  specification = -1;
  callFile = -1;
  callLine = 0;
  stmtList = -1;
  compDirForm = 0;
  compDirValue = 0;
  strOffsetsBase = -1;
  addrBase = -1;
  rnglistsBase = -1;

  reset(): void {
    this.nameForm = this.linkageForm = this.lowForm = this.highForm = this.rangesForm = this.compDirForm = 0;
    this.origin = this.specification = this.callFile = this.stmtList = -1;
    this.strOffsetsBase = this.addrBase = this.rnglistsBase = -1;
    this.callLine = 0;
  }
}

/**
 * Reads the DIE at the reader's position into `die`; returns false for a null entry (end of siblings).
 * Every form is decoded or skipped; reference forms come back as absolute .debug_info offsets.
 */
export function readDie(r: ByteReader, unit: Unit, die: Die): boolean {
  die.offset = r.pos;
  const code = r.uleb();
  if (code === 0) return false;
  const abbreviation = unit.abbreviations[code];
  if (!abbreviation) throw new DebugFileError(`DWARF DIE at 0x${die.offset.toString(16)} uses an unknown abbreviation`);
  die.reset();
  die.tag = abbreviation.tag;
  die.hasChildren = abbreviation.hasChildren;
  for (const spec of abbreviation.attributes) {
    let form = spec.form;
    if (form === DW_FORM.indirect) form = r.uleb();
    const value = form === DW_FORM.implicit_const ? spec.implicitConst : readForm(r, form, unit);
    switch (spec.name) {
      case DW_AT.name:
        die.nameForm = form;
        die.nameValue = value;
        break;
      case DW_AT.linkage_name:
      case DW_AT.MIPS_linkage_name:
        die.linkageForm = form;
        die.linkageValue = value;
        break;
      case DW_AT.low_pc:
        die.lowForm = form;
        die.lowValue = value;
        break;
      case DW_AT.high_pc:
        die.highForm = form;
        die.highValue = value;
        break;
      case DW_AT.ranges:
        die.rangesForm = form;
        die.rangesValue = value;
        break;
      case DW_AT.abstract_origin:
        die.origin = reference(form, value, unit);
        break;
      case DW_AT.specification:
        die.specification = reference(form, value, unit);
        break;
      case DW_AT.call_file:
        die.callFile = value;
        break;
      case DW_AT.call_line:
        die.callLine = value;
        break;
      case DW_AT.stmt_list:
        die.stmtList = value;
        break;
      case DW_AT.comp_dir:
        die.compDirForm = form;
        die.compDirValue = value;
        break;
      case DW_AT.str_offsets_base:
        die.strOffsetsBase = value;
        break;
      case DW_AT.addr_base:
        die.addrBase = value;
        break;
      case DW_AT.rnglists_base:
        die.rnglistsBase = value;
        break;
    }
  }
  return true;
}

function reference(form: number, value: number, unit: Unit): number {
  switch (form) {
    case DW_FORM.ref1:
    case DW_FORM.ref2:
    case DW_FORM.ref4:
    case DW_FORM.ref8:
    case DW_FORM.ref_udata:
      return unit.offset + value;
    case DW_FORM.ref_addr:
      return value;
    default:
      return -1; // type units, supplementary files: not followed
  }
}

/** Decodes one attribute value; strings in .debug_info (DW_FORM_string) come back as their offset. */
function readForm(r: ByteReader, form: number, unit: Unit): number {
  switch (form) {
    case DW_FORM.addr:
      return r.uint(unit.addressSize);
    case DW_FORM.data1:
    case DW_FORM.ref1:
    case DW_FORM.flag:
    case DW_FORM.strx1:
    case DW_FORM.addrx1:
      return r.u8();
    case DW_FORM.data2:
    case DW_FORM.ref2:
    case DW_FORM.strx2:
    case DW_FORM.addrx2:
      return r.u16();
    case DW_FORM.strx3:
    case DW_FORM.addrx3:
      return r.u24();
    case DW_FORM.data4:
    case DW_FORM.ref4:
    case DW_FORM.ref_sup4:
    case DW_FORM.strx4:
    case DW_FORM.addrx4:
      return r.u32();
    case DW_FORM.data8:
    case DW_FORM.ref8:
    case DW_FORM.ref_sig8:
    case DW_FORM.ref_sup8:
      return r.u64();
    case DW_FORM.data16:
      r.skip(16);
      return 0;
    case DW_FORM.sdata:
      return r.sleb();
    case DW_FORM.udata:
    case DW_FORM.ref_udata:
    case DW_FORM.strx:
    case DW_FORM.addrx:
    case DW_FORM.loclistx:
    case DW_FORM.rnglistx:
    case DW_FORM.GNU_addr_index:
    case DW_FORM.GNU_str_index:
      return r.uleb();
    case DW_FORM.strp:
    case DW_FORM.line_strp:
    case DW_FORM.sec_offset:
    case DW_FORM.strp_sup:
    case DW_FORM.GNU_ref_alt:
    case DW_FORM.GNU_strp_alt:
      return r.uint(unit.offsetSize);
    case DW_FORM.ref_addr:
      return r.uint(unit.version <= 2 ? unit.addressSize : unit.offsetSize);
    case DW_FORM.string: {
      const at = r.pos;
      r.skipCstr();
      return at;
    }
    case DW_FORM.block1:
      r.skip(r.u8());
      return 0;
    case DW_FORM.block2:
      r.skip(r.u16());
      return 0;
    case DW_FORM.block4:
      r.skip(r.u32());
      return 0;
    case DW_FORM.block:
    case DW_FORM.exprloc:
      r.skip(r.uleb());
      return 0;
    case DW_FORM.flag_present:
      return 1;
    default:
      throw new DebugFileError(`unsupported DWARF form 0x${form.toString(16)}`);
  }
}

/** The string of a name-like attribute, or null when its form points nowhere we read. */
export function dieString(form: number, value: number, unit: Unit, sections: DwarfSections, le: boolean): string | null {
  switch (form) {
    case 0:
      return null;
    case DW_FORM.string:
      return stringAt(sections.info!, value);
    case DW_FORM.strp:
      return sections.str ? stringAt(sections.str, value) : null;
    case DW_FORM.line_strp:
      return sections.line_str ? stringAt(sections.line_str, value) : null;
    case DW_FORM.strx:
    case DW_FORM.strx1:
    case DW_FORM.strx2:
    case DW_FORM.strx3:
    case DW_FORM.strx4:
    case DW_FORM.GNU_str_index: {
      if (!sections.str_offsets || !sections.str) return null;
      const r = new ByteReader(sections.str_offsets, le, unit.strOffsetsBase + value * unit.offsetSize);
      return stringAt(sections.str, r.uint(unit.offsetSize));
    }
    default:
      return null;
  }
}

/** An address attribute (DW_FORM_addr or an index into .debug_addr). */
export function dieAddress(form: number, value: number, unit: Unit, sections: DwarfSections, le: boolean): number {
  switch (form) {
    case DW_FORM.addrx:
    case DW_FORM.addrx1:
    case DW_FORM.addrx2:
    case DW_FORM.addrx3:
    case DW_FORM.addrx4:
    case DW_FORM.GNU_addr_index: {
      if (!sections.addr) throw new DebugFileError('DWARF uses .debug_addr but the file has none');
      return new ByteReader(sections.addr, le, unit.addrBase + value * unit.addressSize).uint(unit.addressSize);
    }
    default:
      return value;
  }
}

export const isAddressForm = (form: number): boolean =>
  form === DW_FORM.addr || (form >= DW_FORM.addrx1 && form <= DW_FORM.addrx4) || form === DW_FORM.addrx || form === DW_FORM.GNU_addr_index;

import { ByteReader, stringAt } from '../byte-reader.js';
import type { LineRow } from '../model.js';
import { DW_FORM } from './forms.js';
import type { DwarfSections } from './sections.js';

/** A CU's line table: rows sorted by address, and its file names resolved to paths (llvm's absolute file path). */
export interface LineTable {
  rows: LineRow[];
  files: (string | null)[];
}

const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;

const isAbsolute = (path: string): boolean => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
const join = (dir: string, path: string): string => (dir === '' ? path : dir.endsWith('/') ? dir + path : `${dir}/${path}`);

/** Drops `.` and resolves `..` segments, as symbolic's clean_path does for the paths Sentry shows. */
export function cleanPath(path: string): string {
  if (!path.includes('/.')) return path;
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  return (absolute ? '/' : '') + out.join('/');
}

interface Context {
  sections: DwarfSections;
  le: boolean;
  addressSize: number;
  compDir: string | null;
  strOffsetsBase: number;
}

/** Reads one entry-format-described value (DWARF 5 directory/file tables). */
function readFormValue(r: ByteReader, form: number, offsetSize: number, ctx: Context): string | number | null {
  switch (form) {
    case DW_FORM.string:
      return r.cstr();
    case DW_FORM.line_strp:
      return ctx.sections.line_str ? stringAt(ctx.sections.line_str, r.uint(offsetSize)) : null;
    case DW_FORM.strp:
      return ctx.sections.str ? stringAt(ctx.sections.str, r.uint(offsetSize)) : null;
    case DW_FORM.strx:
    case DW_FORM.strx1:
    case DW_FORM.strx2:
    case DW_FORM.strx3:
    case DW_FORM.strx4: {
      const index = form === DW_FORM.strx ? r.uleb() : form === DW_FORM.strx1 ? r.u8() : form === DW_FORM.strx2 ? r.u16() : form === DW_FORM.strx3 ? r.u24() : r.u32();
      const offsets = ctx.sections.str_offsets;
      if (!offsets || !ctx.sections.str) return null;
      const at = new ByteReader(offsets, ctx.le, ctx.strOffsetsBase + index * offsetSize);
      return stringAt(ctx.sections.str, at.uint(offsetSize));
    }
    case DW_FORM.udata:
      return r.uleb();
    case DW_FORM.data1:
      return r.u8();
    case DW_FORM.data2:
      return r.u16();
    case DW_FORM.data4:
      return r.u32();
    case DW_FORM.data8:
      return r.u64();
    case DW_FORM.data16:
      r.skip(16);
      return null;
    case DW_FORM.block:
      r.skip(r.uleb());
      return null;
    default:
      throw new Error(`unsupported form 0x${form.toString(16)} in a line table header`);
  }
}

function readEntries(r: ByteReader, offsetSize: number, ctx: Context): { path: string | null; dir: number }[] {
  const formatCount = r.u8();
  const formats: [number, number][] = [];
  for (let i = 0; i < formatCount; i++) formats.push([r.uleb(), r.uleb()]);
  const count = r.uleb();
  const entries: { path: string | null; dir: number }[] = [];
  for (let i = 0; i < count; i++) {
    const entry = { path: null as string | null, dir: 0 };
    for (const [type, form] of formats) {
      const value = readFormValue(r, form, offsetSize, ctx);
      if (type === DW_LNCT_path && typeof value === 'string') entry.path = value;
      else if (type === DW_LNCT_directory_index && typeof value === 'number') entry.dir = value;
    }
    entries.push(entry);
  }
  return entries;
}

/** Parses the line program at `offset` of .debug_line (versions 2–5). */
export function readLineProgram(offset: number, ctx: Context): LineTable {
  const section = ctx.sections.line!;
  const r = new ByteReader(section, ctx.le, offset);
  let unitLength = r.u32();
  let offsetSize = 4;
  if (unitLength === 0xffffffff) {
    unitLength = r.u64();
    offsetSize = 8;
  }
  const end = r.pos + unitLength;
  const version = r.u16();
  let addressSize = ctx.addressSize;
  if (version >= 5) {
    addressSize = r.u8();
    r.u8(); // segment selector size
  }
  const headerLength = r.uint(offsetSize);
  const programStart = r.pos + headerLength;
  const minInstLength = r.u8();
  if (version >= 4) r.u8(); // maximum_operations_per_instruction (VLIW only)
  r.u8(); // default_is_stmt
  const lineBase = r.i8();
  const lineRange = r.u8();
  const opcodeBase = r.u8();
  const standardLengths: number[] = [];
  for (let i = 1; i < opcodeBase; i++) standardLengths.push(r.u8());

  const files: (string | null)[] = [];
  if (version >= 5) {
    const dirs = readEntries(r, offsetSize, ctx).map((entry) => entry.path ?? '');
    const resolveDir = (dir: string): string => (isAbsolute(dir) || !ctx.compDir ? dir : join(ctx.compDir, dir));
    for (const entry of readEntries(r, offsetSize, ctx)) {
      if (entry.path === null) files.push(null);
      else files.push(isAbsolute(entry.path) ? entry.path : join(resolveDir(dirs[entry.dir] ?? ''), entry.path));
    }
  } else {
    const dirs: string[] = [];
    for (let dir = r.cstr(); dir !== ''; dir = r.cstr()) dirs.push(dir);
    files.push(null); // file numbers start at 1 before DWARF 5
    for (let name = r.cstr(); name !== ''; name = r.cstr()) {
      const dirIndex = r.uleb();
      r.uleb(); // mtime
      r.uleb(); // length
      let path = dirIndex > 0 ? join(dirs[dirIndex - 1] ?? '', name) : name;
      if (!isAbsolute(path) && ctx.compDir) path = join(ctx.compDir, path);
      files.push(path);
    }
  }

  for (let i = 0; i < files.length; i++) files[i] = files[i] == null ? null : cleanPath(files[i]!);

  const rows: LineRow[] = [];
  const program = new ByteReader(section, ctx.le, programStart, end);
  let address = 0;
  let file = 1;
  let line = 1;
  // The previous row of the current sequence; a row covers the addresses up to the next row's.
  let rowAddress = -1;
  let rowFile = 0;
  let rowLine = 0;
  const emit = (endSequence: boolean): void => {
    if (rowAddress >= 0 && address > rowAddress) {
      rows.push({ start: rowAddress, end: address, file: files[rowFile] ?? null, line: rowLine });
    }
    if (endSequence) rowAddress = -1;
    else {
      rowAddress = address;
      rowFile = file;
      rowLine = line;
    }
  };
  while (program.pos < program.end) {
    const opcode = program.u8();
    if (opcode >= opcodeBase) {
      const adjusted = opcode - opcodeBase;
      address += Math.floor(adjusted / lineRange) * minInstLength;
      line += lineBase + (adjusted % lineRange);
      emit(false);
      continue;
    }
    switch (opcode) {
      case 0: {
        const length = program.uleb();
        const next = program.pos + length;
        const extended = length > 0 ? program.u8() : 0;
        if (extended === 1) {
          emit(true);
          address = 0;
          file = 1;
          line = 1;
        } else if (extended === 2) {
          address = program.uint(Math.min(length - 1, 8) || addressSize);
        }
        program.pos = next;
        break;
      }
      case 1: // copy
        emit(false);
        break;
      case 2: // advance_pc
        address += program.uleb() * minInstLength;
        break;
      case 3: // advance_line
        line += program.sleb();
        break;
      case 4: // set_file
        file = program.uleb();
        break;
      case 8: // const_add_pc
        address += Math.floor((255 - opcodeBase) / lineRange) * minInstLength;
        break;
      case 9: // fixed_advance_pc
        address += program.u16();
        break;
      default:
        for (let i = 0; i < (standardLengths[opcode - 1] ?? 0); i++) program.uleb();
    }
  }
  rows.sort((a, b) => a.start - b.start);
  return { rows, files };
}

import { ByteReader, stringAt } from './byte-reader.js';
import { formatDebugId, toHex } from './debug-id.js';
import { readDwarfFunctions } from './dwarf/functions.js';
import { DWARF_SECTION_NAMES, type DwarfSections } from './dwarf/sections.js';
import { DebugFileError } from './errors.js';
import type { DebugContent, SymbolInfo } from './model.js';
import type { DebugObject } from './types.js';

/** Mach-O, thin or fat (universal): LC_UUID is the debug id, `__DWARF` holds a dSYM's DWARF. */
const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const MH_CIGAM = 0xcefaedfe;
const MH_CIGAM_64 = 0xcffaedfe;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const LC_SEGMENT = 0x1;
const LC_SYMTAB = 0x2;
const LC_SEGMENT_64 = 0x19;
const LC_UUID = 0x1b;
const N_STAB = 0xe0;
const N_TYPE = 0x0e;
const N_SECT = 0x0e;
const S_ZEROFILL = 0x1;

const u32be = (bytes: Uint8Array): number => new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);

export function isMachO(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const be = u32be(bytes);
  if (be === FAT_MAGIC || be === FAT_MAGIC_64) return true;
  const le = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return [MH_MAGIC, MH_MAGIC_64, MH_CIGAM, MH_CIGAM_64].includes(le);
}

/** The thin Mach-O slices of a file: itself, or every architecture of a fat file. */
export function machOSlices(bytes: Uint8Array): Uint8Array[] {
  const magic = u32be(bytes);
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) return [bytes];
  const r = new ByteReader(bytes, false, 4);
  const count = r.u32();
  if (count === 0 || count > 64) throw new DebugFileError('not a Mach-O, ELF or Breakpad file');
  const slices: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    r.skip(8); // cputype, cpusubtype
    const offset = magic === FAT_MAGIC_64 ? r.u64() : r.u32();
    const size = magic === FAT_MAGIC_64 ? r.u64() : r.u32();
    r.skip(magic === FAT_MAGIC_64 ? 8 : 4); // align (+ reserved)
    if (offset + size > bytes.length) throw new DebugFileError('fat Mach-O is truncated');
    slices.push(bytes.subarray(offset, offset + size));
  }
  return slices;
}

interface Section {
  segment: string;
  name: string;
  addr: number;
  offset: number;
  size: number;
  flags: number;
}

interface MachO {
  bytes: Uint8Array;
  le: boolean;
  arch: string;
  uuid: Uint8Array | null;
  textVmaddr: number;
  sections: Section[];
  symtab: { symoff: number; nsyms: number; stroff: number; strsize: number } | null;
  is64: boolean;
}

const fixed = (bytes: Uint8Array, at: number): string => {
  const raw = bytes.subarray(at, at + 16);
  const nul = raw.indexOf(0);
  return Buffer.from(raw.subarray(0, nul < 0 ? 16 : nul)).toString('latin1');
};

function archName(cputype: number, cpusubtype: number): string {
  const sub = cpusubtype & 0x00ffffff;
  switch (cputype) {
    case 7:
      return 'x86';
    case 0x01000007:
      return sub === 8 ? 'x86_64h' : 'x86_64';
    case 12:
      return ({ 9: 'armv7', 11: 'armv7s', 12: 'armv7k' } as Record<number, string>)[sub] ?? 'arm';
    case 0x0100000c:
      return sub === 2 ? 'arm64e' : 'arm64';
    case 0x0200000c:
      return 'arm64_32';
    default:
      return `unknown-${cputype}`;
  }
}

function parse(bytes: Uint8Array): MachO {
  const magic = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const le = magic === MH_MAGIC || magic === MH_MAGIC_64;
  const is64 = magic === MH_MAGIC_64 || magic === MH_CIGAM_64;
  const r = new ByteReader(bytes, le, 4);
  const cputype = r.u32();
  const cpusubtype = r.u32();
  r.u32(); // filetype
  const ncmds = r.u32();
  r.u32(); // sizeofcmds
  r.u32(); // flags
  if (is64) r.u32();
  const macho: MachO = { bytes, le, arch: archName(cputype, cpusubtype), uuid: null, textVmaddr: 0, sections: [], symtab: null, is64 };
  for (let i = 0; i < ncmds; i++) {
    const start = r.pos;
    const cmd = r.u32();
    const cmdsize = r.u32();
    if (cmdsize < 8) throw new DebugFileError('Mach-O load command with a bad size');
    if (cmd === LC_UUID) macho.uuid = bytes.slice(r.pos, r.pos + 16);
    else if (cmd === LC_SYMTAB) macho.symtab = { symoff: r.u32(), nsyms: r.u32(), stroff: r.u32(), strsize: r.u32() };
    else if (cmd === LC_SEGMENT || cmd === LC_SEGMENT_64) readSegment(r, macho, cmd === LC_SEGMENT_64);
    r.pos = start + cmdsize;
  }
  return macho;
}

function readSegment(r: ByteReader, macho: MachO, wide: boolean): void {
  const segment = fixed(macho.bytes, r.pos);
  r.skip(16);
  const word = (): number => (wide ? r.u64() : r.u32());
  const vmaddr = word();
  word(); // vmsize
  word(); // fileoff
  word(); // filesize
  r.skip(8); // maxprot, initprot
  const nsects = r.u32();
  r.u32(); // flags
  if (segment === '__TEXT') macho.textVmaddr = vmaddr;
  for (let i = 0; i < nsects; i++) {
    const name = fixed(macho.bytes, r.pos);
    const segname = fixed(macho.bytes, r.pos + 16);
    r.skip(32);
    const addr = word();
    const size = word();
    const offset = r.u32();
    r.skip(12); // align, reloff, nreloc
    const flags = r.u32();
    r.skip(wide ? 12 : 8); // reserved1..3
    macho.sections.push({ segment: segname, name, addr, offset, size, flags });
  }
}

function sectionData(macho: MachO, segment: string, name: string): Uint8Array | null {
  const section = macho.sections.find((s) => s.segment === segment && s.name === name);
  if (!section || (section.flags & 0xff) === S_ZEROFILL || section.offset === 0 || section.size === 0) return null;
  if (section.offset + section.size > macho.bytes.length) throw new DebugFileError(`Mach-O section ${name} is truncated`);
  return macho.bytes.subarray(section.offset, section.offset + section.size);
}

/** Mach-O section names are at most 16 characters: `__debug_str_offs`. */
const dwarfSectionName = (name: string): string => `__debug_${name}`.slice(0, 16);

export function inspectMachO(bytes: Uint8Array): DebugObject {
  const macho = parse(bytes);
  if (!macho.uuid) throw new DebugFileError('Mach-O file without LC_UUID cannot be identified');
  return {
    kind: 'macho',
    arch: macho.arch,
    debugId: formatDebugId(macho.uuid),
    codeId: toHex(macho.uuid),
    objectName: null,
    features: {
      symtab: (macho.symtab?.nsyms ?? 0) > 0,
      debug: sectionData(macho, '__DWARF', '__debug_info') !== null,
      unwind:
        sectionData(macho, '__TEXT', '__eh_frame') !== null ||
        sectionData(macho, '__TEXT', '__unwind_info') !== null ||
        sectionData(macho, '__DWARF', '__debug_frame') !== null,
      sources: false,
    },
  };
}

export function readMachO(bytes: Uint8Array): DebugContent {
  const macho = parse(bytes);
  const dwarf: DwarfSections = {};
  for (const name of DWARF_SECTION_NAMES) {
    const data = sectionData(macho, '__DWARF', dwarfSectionName(name));
    if (data) dwarf[name] = data;
  }
  return { functions: dwarf.info ? readDwarfFunctions(dwarf, macho.le, macho.textVmaddr) : [], symbols: symbols(macho) };
}

/** Defined symbols of sections in __TEXT, leading underscore removed (C symbol naming on Apple platforms). */
function symbols(macho: MachO): SymbolInfo[] {
  const table = macho.symtab;
  if (!table) return [];
  const size = macho.is64 ? 16 : 12;
  if (table.symoff + table.nsyms * size > macho.bytes.length || table.stroff + table.strsize > macho.bytes.length) {
    throw new DebugFileError('Mach-O symbol table is truncated');
  }
  const strings = macho.bytes.subarray(table.stroff, table.stroff + table.strsize);
  const r = new ByteReader(macho.bytes, macho.le, table.symoff);
  const out: SymbolInfo[] = [];
  for (let i = 0; i < table.nsyms; i++) {
    const strx = r.u32();
    const type = r.u8();
    const sect = r.u8();
    r.u16(); // desc
    const value = macho.is64 ? r.u64() : r.u32();
    if (type & N_STAB || (type & N_TYPE) !== N_SECT || sect === 0) continue;
    if (macho.sections[sect - 1]?.segment !== '__TEXT' || value < macho.textVmaddr) continue;
    const raw = strx < strings.length ? stringAt(strings, strx) : '';
    const name = raw.startsWith('_') ? raw.slice(1) : raw;
    if (name) out.push({ name, address: value - macho.textVmaddr, size: 0 });
  }
  return out;
}

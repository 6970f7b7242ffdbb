import { inflateSync } from 'node:zlib';
import { ByteReader, stringAt } from './byte-reader.js';
import { elfDebugIdFromBuildId, toHex } from './debug-id.js';
import { readDwarfFunctions } from './dwarf/functions.js';
import { DWARF_SECTION_NAMES, type DwarfSections } from './dwarf/sections.js';
import { DebugFileError } from './errors.js';
import type { DebugContent, SymbolInfo } from './model.js';
import type { DebugObject } from './types.js';

/** ELF (executables, shared objects, `--only-keep-debug` files): ids as symbolic's elf.rs computes them. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 16 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

const SHT_SYMTAB = 2;
const SHT_NOTE = 7;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const SHF_COMPRESSED = 0x800;
const PT_LOAD = 1;
const PT_NOTE = 4;
const NT_GNU_BUILD_ID = 3;
const ELFCOMPRESS_ZLIB = 1;
const STT_FUNC = 2;
const STT_GNU_IFUNC = 10;
const SHN_UNDEF = 0;
const STB_LOCAL = 0;

const MACHINES: Record<number, string> = { 3: 'x86', 62: 'x86_64', 40: 'arm', 183: 'arm64', 8: 'mips', 20: 'ppc', 21: 'ppc64', 243: 'riscv64' };

interface Section {
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  entsize: number;
}

interface ElfFile {
  bytes: Uint8Array;
  le: boolean;
  is64: boolean;
  arch: string;
  loadAddress: number;
  buildId: Uint8Array | null;
  sections: Section[];
}

function parse(bytes: Uint8Array): ElfFile {
  const is64 = bytes[4] === 2;
  const le = bytes[5] !== 2;
  if (bytes[4] !== 1 && bytes[4] !== 2) throw new DebugFileError('ELF file with an unknown class');
  const r = new ByteReader(bytes, le, 18);
  const machine = r.u16();
  r.pos = is64 ? 32 : 28;
  const phoff = is64 ? r.u64() : r.u32();
  const shoff = is64 ? r.u64() : r.u32();
  r.pos = is64 ? 54 : 42;
  const phentsize = r.u16();
  const phnum = r.u16();
  const shentsize = r.u16();
  const shnum = r.u16();
  const shstrndx = r.u16();

  let loadAddress: number | null = null;
  let buildId: Uint8Array | null = null;
  for (let i = 0; i < phnum; i++) {
    const p = new ByteReader(bytes, le, phoff + i * phentsize);
    const type = p.u32();
    if (is64) p.u32(); // flags
    const offset = is64 ? p.u64() : p.u32();
    const vaddr = is64 ? p.u64() : p.u32();
    if (is64) p.u64();
    else p.u32(); // paddr
    const filesz = is64 ? p.u64() : p.u32();
    if (type === PT_LOAD && loadAddress === null) loadAddress = vaddr;
    if (type === PT_NOTE && !buildId && offset + filesz <= bytes.length) buildId = findBuildId(bytes, le, offset, filesz);
  }

  const sections: Section[] = [];
  for (let i = 0; i < shnum; i++) {
    const s = new ByteReader(bytes, le, shoff + i * shentsize);
    const nameOffset = s.u32();
    const type = s.u32();
    const flags = is64 ? s.u64() : s.u32();
    const addr = is64 ? s.u64() : s.u32();
    const offset = is64 ? s.u64() : s.u32();
    const size = is64 ? s.u64() : s.u32();
    const link = s.u32();
    s.u32(); // info
    if (is64) s.u64();
    else s.u32(); // addralign
    const entsize = is64 ? s.u64() : s.u32();
    sections.push({ name: String(nameOffset), type, flags, addr, offset, size, link, entsize });
  }
  const names = sections[shstrndx];
  for (const section of sections) {
    section.name = names && names.type !== SHT_NOBITS ? stringAt(bytes.subarray(names.offset, names.offset + names.size), Number(section.name)) : '';
  }
  if (!buildId) {
    const note = sections.find((s) => s.type === SHT_NOTE && s.name === '.note.gnu.build-id');
    if (note && note.offset + note.size <= bytes.length) buildId = findBuildId(bytes, le, note.offset, note.size);
  }
  return { bytes, le, is64, arch: MACHINES[machine] ?? `unknown-${machine}`, loadAddress: loadAddress ?? 0, buildId, sections };
}

function findBuildId(bytes: Uint8Array, le: boolean, offset: number, size: number): Uint8Array | null {
  const r = new ByteReader(bytes, le, offset, offset + size);
  while (r.pos + 12 <= r.end) {
    const namesz = r.u32();
    const descsz = r.u32();
    const type = r.u32();
    const name = bytes.subarray(r.pos, r.pos + namesz);
    r.skip((namesz + 3) & ~3);
    const desc = bytes.subarray(r.pos, r.pos + descsz);
    r.skip(Math.min((descsz + 3) & ~3, r.end - r.pos));
    if (type === NT_GNU_BUILD_ID && namesz === 4 && name[0] === 0x47 && name[1] === 0x4e && name[2] === 0x55) return desc;
  }
  return null;
}

/** Section bytes, inflated when SHF_COMPRESSED (zlib); null for NOBITS (stripped into a debug file). */
function sectionData(elf: ElfFile, section: Section): Uint8Array | null {
  if (section.type === SHT_NOBITS || section.offset + section.size > elf.bytes.length) return null;
  const raw = elf.bytes.subarray(section.offset, section.offset + section.size);
  if (!(section.flags & SHF_COMPRESSED)) return raw;
  const r = new ByteReader(raw, elf.le);
  const type = r.u32();
  if (elf.is64) r.u32();
  if (type !== ELFCOMPRESS_ZLIB) throw new DebugFileError(`section ${section.name} uses an unsupported compression (${type})`);
  const size = elf.is64 ? r.u64() : r.u32();
  const data = inflateSync(raw.subarray(elf.is64 ? 24 : 12));
  if (data.length !== size) throw new DebugFileError(`section ${section.name} inflates to the wrong size`);
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

const has = (elf: ElfFile, name: string): boolean => elf.sections.some((s) => s.name === name && s.type !== SHT_NOBITS && s.size > 0);

/** No build id: XOR the first 4096 bytes of .text into 16 bytes, as symbolic does. */
function textHash(elf: ElfFile): Uint8Array | null {
  const text = elf.sections.find((s) => s.name === '.text');
  const data = text && sectionData(elf, text);
  if (!data) return null;
  const hash = new Uint8Array(16);
  for (let i = 0; i < Math.min(4096, data.length); i++) hash[i % 16]! ^= data[i]!;
  return hash;
}

export function inspectElf(bytes: Uint8Array): DebugObject {
  const elf = parse(bytes);
  const source = elf.buildId ?? textHash(elf);
  if (!source) throw new DebugFileError('ELF file has neither a build id nor a .text section to identify it');
  return {
    kind: 'elf',
    arch: elf.arch,
    debugId: elfDebugIdFromBuildId(source, elf.le),
    codeId: elf.buildId ? toHex(elf.buildId) : null,
    objectName: null,
    features: {
      symtab: elf.sections.some((s) => (s.type === SHT_SYMTAB || s.type === SHT_DYNSYM) && s.size > (elf.is64 ? 24 : 16)),
      debug: has(elf, '.debug_info'),
      unwind: has(elf, '.eh_frame') || has(elf, '.debug_frame'),
      sources: false,
    },
  };
}

export function readElf(bytes: Uint8Array): DebugContent {
  const elf = parse(bytes);
  const dwarf: DwarfSections = {};
  for (const name of DWARF_SECTION_NAMES) {
    const section = elf.sections.find((s) => s.name === `.debug_${name}`);
    const data = section && sectionData(elf, section);
    if (data) dwarf[name] = data;
  }
  return { functions: dwarf.info ? readDwarfFunctions(dwarf, elf.le, elf.loadAddress) : [], symbols: symbols(elf) };
}

/** Function symbols of .symtab (or .dynsym when stripped), relative to the load address. */
function symbols(elf: ElfFile): SymbolInfo[] {
  const table = elf.sections.find((s) => s.type === SHT_SYMTAB) ?? elf.sections.find((s) => s.type === SHT_DYNSYM);
  const data = table && sectionData(elf, table);
  const strtab = table && elf.sections[table.link];
  const strings = strtab && sectionData(elf, strtab);
  if (!table || !data || !strings) return [];
  const size = elf.is64 ? 24 : 16;
  const out: SymbolInfo[] = [];
  const locals: SymbolInfo[] = [];
  const r = new ByteReader(data, elf.le);
  for (let at = size; at + size <= data.length; at += size) {
    r.pos = at;
    const nameOffset = r.u32();
    let value: number;
    let symbolSize: number;
    let info: number;
    let shndx: number;
    if (elf.is64) {
      info = r.u8();
      r.u8();
      shndx = r.u16();
      value = r.u64();
      symbolSize = r.u64();
    } else {
      value = r.u32();
      symbolSize = r.u32();
      info = r.u8();
      r.u8();
      shndx = r.u16();
    }
    const type = info & 0xf;
    if ((type !== STT_FUNC && type !== STT_GNU_IFUNC) || shndx === SHN_UNDEF || value < elf.loadAddress || value === 0) continue;
    const name = stringAt(strings, nameOffset);
    if (name) (info >> 4 === STB_LOCAL ? locals : out).push({ name, address: value - elf.loadAddress, size: symbolSize });
  }
  // Of aliases at one address (C1/C2 constructors, GCC's `.localalias`) the exported name comes first.
  return out.concat(locals);
}

import { inspectBreakpad, isBreakpad, readBreakpad } from './breakpad.js';
import { normalizeDebugId } from './debug-id.js';
import { inspectElf, isElf, readElf } from './elf.js';
import { inspectMachO, isMachO, machOSlices, readMachO } from './macho.js';
import { DebugFileError } from './errors.js';
import type { DebugContent } from './model.js';
import { buildSymCache } from './symcache-writer.js';
import type { DebugObject } from './types.js';

interface ObjectReader {
  object: DebugObject;
  read(): DebugContent;
}

function objectsOf(bytes: Uint8Array): ObjectReader[] {
  if (isBreakpad(bytes)) return [{ object: inspectBreakpad(bytes), read: () => readBreakpad(bytes) }];
  if (isElf(bytes)) return [{ object: inspectElf(bytes), read: () => readElf(bytes) }];
  if (isMachO(bytes)) return machOSlices(bytes).map((slice) => ({ object: inspectMachO(slice), read: () => readMachO(slice) }));
  throw new DebugFileError('not a Mach-O, ELF or Breakpad file');
}

/** What a debug file holds: one object, or one per architecture for a fat Mach-O. */
export function inspectDebugFile(bytes: Uint8Array): DebugObject[] {
  return objectsOf(bytes).map((reader) => reader.object);
}

/** Converts the object with `debugId` in a debug file into a SymCache. */
export function writeSymCache(bytes: Uint8Array, debugId: string): Uint8Array {
  const wanted = normalizeDebugId(debugId);
  const reader = objectsOf(bytes).find((candidate) => candidate.object.debugId === wanted);
  if (!reader) throw new DebugFileError(`the file holds no object with debug ID ${wanted}`);
  return buildSymCache(reader.read(), reader.object.debugId, reader.object.arch);
}

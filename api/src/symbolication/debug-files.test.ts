import { describe, expect, it } from 'vitest';
import { DebugFileError, SymCache, demangle, inspectDebugFile, writeSymCache } from './index.js';
import { LOOKUP_0XDC15, fixture, snapshotFunctions } from './test-support/fixtures.js';

const LINUX = { debugId: 'c0bcc3f1-9827-fe65-3058-404b2831d9e6', codeId: 'f1c3bcc0279865fe3058404b2831d9e64135386c' };
const MACOS = { debugId: '67e9247c-814e-392b-a027-dbde6748fcbf', codeId: '67e9247c814e392ba027dbde6748fcbf' };
const DSYM = 'macos/crash.dSYM/Contents/Resources/DWARF/crash';

describe('ELF and Mach-O debug files (symbolic fixtures)', () => {
  it.each([
    ['linux/crash', 'elf', LINUX, { symtab: true, debug: false, unwind: true, sources: false }],
    ['linux/crash.debug', 'elf', LINUX, { symtab: true, debug: true, unwind: false, sources: false }],
    ['macos/crash', 'macho', MACOS, { symtab: true, debug: false, unwind: true, sources: false }],
    [DSYM, 'macho', MACOS, { symtab: true, debug: true, unwind: false, sources: false }],
  ] as const)('%s is identified as Sentry identifies it', (path, kind, ids, features) => {
    expect(inspectDebugFile(fixture(path))).toEqual([{ kind, arch: 'x86_64', ...ids, objectName: null, features }]);
  });

  it.each([
    ['linux/crash', LINUX.debugId, 'linux'],
    ['linux/crash.debug', LINUX.debugId, 'linux'],
    ['macos/crash', MACOS.debugId, 'macos'],
    [DSYM, MACOS.debugId, 'macos'],
  ] as const)('%s resolves every function of Sentry’s list at its address', (path, debugId, snapshot) => {
    const cache = SymCache.open(writeSymCache(fixture(path), debugId));
    expect(cache.debugId).toBe(debugId);
    expect(cache.arch).toBe('x86_64');
    for (const fn of snapshotFunctions(snapshot)) {
      const frames = cache.lookup(fn.address);
      const outer = frames[frames.length - 1];
      expect(outer?.symbolAddress, fn.name).toBe(fn.address);
      // Aliases sharing one body (C1/C2 constructors, `I…E`/`J…E` packs) demangle alike; which alias an
      // index keeps is arbitrary (Sentry's snapshot predates its current, first-symbol-wins, rule).
      expect(outer?.function, fn.name).toBe(demangle(fn.name));
    }
  });

  it('expands the inline chain at 0xdc15 of the dSYM exactly as Sentry does', () => {
    const frames = SymCache.open(writeSymCache(fixture(DSYM), MACOS.debugId)).lookup(0xdc15);
    expect(frames.map((frame) => [frame.file, frame.line, frame.mangledFunction ?? frame.function])).toEqual(
      LOOKUP_0XDC15.map((expected) => [expected.file, expected.line, expected.name]),
    );
    expect(frames.map((frame) => frame.function)).toEqual(['(anonymous namespace)::crash()', '(anonymous namespace)::start()', 'main']);
    expect(frames.every((frame) => frame.symbolAddress === 56224)).toBe(true);
  });

  it('gives lines from DWARF, and nothing before the first function', () => {
    const cache = SymCache.open(writeSymCache(fixture('linux/crash.debug'), LINUX.debugId));
    const [main] = cache.lookup(0x1c70);
    expect(main).toMatchObject({ function: 'main', symbolAddress: 0x1c70 });
    expect(main?.file).toMatch(/\.cpp$/);
    expect(main?.line).toBeGreaterThan(0);
    expect(cache.lookup(0)).toEqual([]);
  });

  it('rejects a truncated file and an unknown debug id with a reason', () => {
    const bytes = fixture(DSYM);
    expect(() => writeSymCache(bytes, LINUX.debugId)).toThrow(new DebugFileError(`the file holds no object with debug ID ${LINUX.debugId}`));
    expect(() => inspectDebugFile(bytes.subarray(0, 64))).toThrow(DebugFileError);
    expect(() => writeSymCache(fixture('linux/crash.debug').subarray(0, 4096), LINUX.debugId)).toThrow(DebugFileError);
  });
});

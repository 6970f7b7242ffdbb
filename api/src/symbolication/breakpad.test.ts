import { describe, expect, it } from 'vitest';
import { DebugFileError, SymCache, demangle, inspectDebugFile, writeSymCache } from './index.js';
import { LOOKUP_0XDC15, fixture, snapshotFunctions } from './test-support/fixtures.js';

const LINUX_ID = 'c0bcc3f1-9827-fe65-3058-404b2831d9e6';
const MACOS_ID = '67e9247c-814e-392b-a027-dbde6748fcbf';

const cacheOf = (path: string, debugId: string): SymCache => SymCache.open(writeSymCache(fixture(path), debugId));

describe('Breakpad .sym', () => {
  it('identifies the module as Sentry does', () => {
    expect(inspectDebugFile(fixture('linux/crash.sym'))).toEqual([
      {
        kind: 'breakpad',
        arch: 'x86_64',
        debugId: LINUX_ID,
        codeId: 'f1c3bcc0279865fe3058404b2831d9e64135386c',
        objectName: 'crash',
        features: { symtab: true, debug: false, unwind: true, sources: false }, // PUBLIC and STACK records only
      },
    ]);
    const [mac] = inspectDebugFile(fixture('macos/crash.inlines.sym'));
    expect(mac).toMatchObject({ kind: 'breakpad', debugId: MACOS_ID, codeId: '67e9247c814e392ba027dbde6748fcbf' });
  });

  it.each([
    ['linux/crash.sym', LINUX_ID, 'linux'],
    ['macos/crash.sym', MACOS_ID, 'macos'],
    ['macos/crash.inlines.sym', MACOS_ID, 'macos'],
  ] as const)('%s resolves every FUNC and PUBLIC start of Sentry’s function list to that function', (path, id, snapshot) => {
    const cache = cacheOf(path, id);
    expect(cache.debugId).toBe(id);
    expect(cache.arch).toBe('x86_64');
    const starts = new Set(
      new TextDecoder()
        .decode(fixture(path))
        .split('\n')
        .flatMap((line) => /^(?:FUNC|PUBLIC)(?: m)? ([0-9a-f]+) /.exec(line)?.[1] ?? [])
        .map((hex) => Number.parseInt(hex, 16)),
    );
    const expected = snapshotFunctions(snapshot).filter((fn) => starts.has(fn.address));
    expect(expected.length).toBeGreaterThan(100);
    for (const fn of expected) {
      const frames = cache.lookup(fn.address);
      const outer = frames[frames.length - 1];
      expect(outer?.symbolAddress, fn.name).toBe(fn.address);
      // dump_syms writes demangled names (some with the return type, some "<name omitted>", reference
      // collapsing of its own); Sentry's list has the linkage names: compare the qualified names.
      if (outer?.function !== '<name omitted>') {
        expect(normalize(outer?.function), fn.name).toContain(qualifiedName(demangle(fn.name)));
      }
    }
  });

  it('expands the inline chain at 0xdc15 as Sentry does', () => {
    const frames = cacheOf('macos/crash.inlines.sym', MACOS_ID).lookup(0xdc15);
    expect(frames.map((frame) => [frame.file, frame.line, frame.function])).toEqual(
      LOOKUP_0XDC15.map((expected) => [expected.file, expected.line, demangle(expected.name)]),
    );
    expect(frames.every((frame) => frame.symbolAddress === 0xdba0)).toBe(true);
  });

  it('answers nothing outside functions and before the first one', () => {
    const cache = cacheOf('linux/crash.sym', LINUX_ID);
    expect(cache.lookup(0)).toEqual([]);
    expect(cache.lookup(0xffffffff + 1)).toEqual([]);
  });

  it('rejects what is not a debug file, and a broken index', () => {
    expect(() => inspectDebugFile(new TextEncoder().encode('hello'))).toThrow(new DebugFileError('not a Mach-O, ELF or Breakpad file'));
    expect(() => inspectDebugFile(new TextEncoder().encode('MODULE Linux x86_64 nothex crash\n'))).toThrow(DebugFileError);
    const bytes = writeSymCache(fixture('linux/crash.sym'), LINUX_ID);
    expect(() => SymCache.open(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
    const wrongVersion = bytes.slice();
    wrongVersion[4] = 99;
    expect(() => SymCache.open(wrongVersion)).toThrow(/version 99/);
    expect(() => SymCache.open(new Uint8Array(100))).toThrow(/bad magic/);
  });
});

/** Breakpad and cpp_demangle spell a few things differently (spacing of templates, `const` placement). */
const normalize = (name: string | undefined): string => (name ?? '').replace(/\s+/g, '');
const qualifiedName = (name: string): string => normalize(name.split('(')[0]);

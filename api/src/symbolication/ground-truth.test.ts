import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SymCache, inspectDebugFile, writeSymCache } from './index.js';

/** Generated fixtures with llvm-symbolizer's answers (test/fixtures/native/generated/README.md). */
const ROOT = fileURLToPath(new URL('../../../test/fixtures/native/generated/', import.meta.url));
const DSYM = 'prog.dSYM/Contents/Resources/DWARF/prog';

interface Probe {
  rel_addr: string;
  frames: { function: string; file: string | null; line: number | null }[];
}

const CASES: [image: string, file: string, truth: string][] = [
  ['elf-x86_64', 'prog.debug', 'elf-x86_64'],
  ['elf-x86_64', 'prog', 'elf-x86_64'],
  ['elf-x86_64', 'prog.sym', 'elf-x86_64'],
  ['elf-arm64', 'prog.debug', 'elf-arm64'],
  ['elf-arm64', 'prog.sym', 'elf-arm64'],
  ['macho-arm64', DSYM, 'macho-arm64'],
  ['macho-arm64', 'prog.sym', 'macho-arm64'],
  ['macho-x86_64', DSYM, 'macho-x86_64'],
  ['macho-x86_64', 'prog.sym', 'macho-x86_64'],
  ['macho-ios', DSYM, 'macho-ios'],
  ['macho-dylib', DSYM, 'macho-dylib'],
  ['macho-fat/arm64', `../${DSYM}`, 'macho-arm64'],
  ['macho-fat/x86_64', `../${DSYM}`, 'macho-x86_64'],
];

const frameKey = (frame: { function: string; file: string | null; line: number | null }): string =>
  `${frame.function} @ ${frame.file ?? '?'}:${frame.line ?? 0}`;

describe('generated fixtures against llvm-symbolizer', () => {
  it.each(CASES)('%s %s: every probe gives llvm-symbolizer’s function, file, line and inline chain', (image, file, truth) => {
    const meta = JSON.parse(readFileSync(`${ROOT}${image}/image.json`, 'utf8')) as { debug_id: string; code_id: string; arch: string };
    const bytes = new Uint8Array(readFileSync(`${ROOT}${image}/${file}`));
    const object = inspectDebugFile(bytes).find((candidate) => candidate.debugId === meta.debug_id);
    expect(object, 'the object of image.json').toBeDefined();
    expect(object?.arch).toBe(meta.arch);
    if (object?.kind !== 'breakpad') expect(object?.codeId).toBe(meta.code_id.replace(/-/g, '').toLowerCase());

    const cache = SymCache.open(writeSymCache(bytes, meta.debug_id));
    const probes = readFileSync(`${ROOT}${truth}/truth.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Probe);
    expect(probes.length).toBeGreaterThan(2000);
    const mismatches = probes
      .map((probe) => ({
        address: probe.rel_addr,
        symbolTableOnly: probe.frames.length > 0 && probe.frames.every((frame) => frame.line === null),
        want: probe.frames.map(frameKey),
        got: cache.lookup(Number.parseInt(probe.rel_addr, 16)).map(frameKey),
      }))
      .filter((result) => result.want.join(' < ') !== result.got.join(' < '));
    // A Breakpad file derived from the truth (make_breakpad_sym.py) does not describe symbol-table-only code
    // (Mach-O x86_64 alignment padding that llvm-symbolizer names after the preceding symbol, without a line):
    // those probes are skipped, as the tools' own check_breakpad_sym.py skips them.
    const notInSym = object?.kind === 'breakpad' ? mismatches.filter((result) => result.symbolTableOnly) : [];
    expect(notInSym.length).toBeLessThan(100);
    expect(mismatches.filter((result) => !notInSym.includes(result)).slice(0, 5)).toEqual([]);
    expect(probes.filter((probe) => probe.frames.length > 1).length).toBeGreaterThan(500); // inline chains were tested
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repo's copy of getsentry/symbolic's fixtures (MIT, see its LICENSE), so tests need no /work/shared. */
export const SYMBOLIC = fileURLToPath(new URL('../../../../test/fixtures/native/symbolic/', import.meta.url));

export const fixture = (path: string): Uint8Array => new Uint8Array(readFileSync(SYMBOLIC + path));

/** `FunctionsDebug` snapshot lines: `{address:>16x} {name}`. */
export function snapshotFunctions(name: 'linux' | 'macos'): { address: number; name: string }[] {
  const text = readFileSync(`${SYMBOLIC}snapshots/test_cache__functions_${name}.snap`, 'utf8');
  const body = text.split('---\n')[2] ?? '';
  return body
    .split('\n')
    .map((line) => /^\s*([0-9a-f]+) (.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ address: Number.parseInt(match[1]!, 16), name: match[2]! }));
}

/** The inline chain at image-relative 0xdc15 of the macOS dSYM (test_cache__lookup.snap). */
export const LOOKUP_0XDC15 = [
  { file: '/Users/travis/build/getsentry/breakpad-tools/macos/main.cpp', line: 21, name: '_ZN12_GLOBAL__N_15crashEv' },
  { file: '/Users/travis/build/getsentry/breakpad-tools/macos/main.cpp', line: 25, name: '_ZN12_GLOBAL__N_15startEv' },
  { file: '/Users/travis/build/getsentry/breakpad-tools/macos/main.cpp', line: 32, name: 'main', entry: 56224 },
];

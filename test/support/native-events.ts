/**
 * Native crash events shaped as the Sentry Cocoa SDK (macOS/iOS, `debug_meta.images` of type
 * `macho`, `sdk_info`) and the Sentry Native SDK (Linux, `elf` images) send them, for the shared
 * symbolic fixtures (`test/fixtures/native/pipeline/`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './processes.js';
import { newEventId } from './envelopes.js';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/native/symbolic');

export const MACOS_CRASH = {
  debugId: '67e9247c-814e-392b-a027-dbde6748fcbf',
  codeFile: '/Users/travis/build/getsentry/breakpad-tools/macos/build/crash',
  imageAddr: 0x10a000000n,
  size: 0x40000,
  arch: 'x86_64',
};

export const LINUX_CRASH = {
  debugId: 'c0bcc3f1-9827-fe65-3058-404b2831d9e6',
  codeId: 'f1c3bcc0279865fe3058404b2831d9e64135386c',
  codeFile: '/home/app/crash',
  imageAddr: 0x55f6e3a00000n,
  size: 0x40000,
  arch: 'x86_64',
};

const hex = (n: bigint) => `0x${n.toString(16)}`;

/** `[entry address, mangled name]` of every function symbolic's SymCache snapshot lists. */
export function snapshotFunctions(name: 'linux' | 'macos'): [number, string][] {
  const text = readFileSync(path.join(FIXTURES, `snapshots/test_cache__functions_${name}.snap`), 'utf8');
  return [...text.matchAll(/^\s+([0-9a-f]+) (\S+)$/gm)].map((m) => [parseInt(m[1]!, 16), m[2]!]);
}

export interface NativeFrameSpec {
  /** Image-relative address. */
  rel: number;
  image?: { imageAddr: bigint };
  inApp?: boolean;
}

/** A Cocoa-style macOS crash: frames caller first, addresses absolute, the crashing frame last. */
export function cocoaCrash(frames: NativeFrameSpec[], options: { adjustment?: string; extraImages?: Record<string, unknown>[]; sdkInfo?: Record<string, unknown>; eventId?: string } = {}) {
  return {
    event_id: options.eventId ?? newEventId(),
    timestamp: Date.now() / 1000 - 120,
    platform: 'cocoa',
    level: 'fatal',
    exception: {
      values: [
        {
          type: 'EXC_BAD_ACCESS',
          value: 'Attempted to dereference null pointer.',
          mechanism: { type: 'mach', handled: false },
          stacktrace: {
            frames: frames.map((f) => ({ instruction_addr: hex((f.image ?? MACOS_CRASH).imageAddr + BigInt(f.rel)), ...(f.inApp !== undefined ? { in_app: f.inApp } : {}) })),
            ...(options.adjustment ? { instruction_addr_adjustment: options.adjustment } : {}),
          },
        },
      ],
    },
    debug_meta: {
      ...(options.sdkInfo ? { sdk_info: options.sdkInfo } : {}),
      images: [
        { type: 'macho', debug_id: MACOS_CRASH.debugId.toUpperCase(), code_file: MACOS_CRASH.codeFile, image_addr: hex(MACOS_CRASH.imageAddr), image_size: MACOS_CRASH.size, arch: 'x86_64' },
        ...(options.extraImages ?? []),
      ],
    },
    contexts: { os: { name: 'macOS', version: '10.14.6', build: '18G103' } },
    sdk: { name: 'sentry.cocoa', version: '8.36.0' },
  };
}

/** A Sentry Native (Linux) crash with one ELF image. */
export function nativeSdkCrash(frames: NativeFrameSpec[], options: { eventId?: string; timestamp?: number } = {}) {
  return {
    event_id: options.eventId ?? newEventId(),
    timestamp: options.timestamp ?? Date.now() / 1000 - 60,
    platform: 'native',
    level: 'fatal',
    exception: {
      values: [
        {
          type: 'SIGSEGV',
          value: 'Segfault',
          mechanism: { type: 'signalhandler', handled: false },
          stacktrace: { frames: frames.map((f) => ({ instruction_addr: hex(LINUX_CRASH.imageAddr + BigInt(f.rel)) })) },
        },
      ],
    },
    debug_meta: {
      images: [{ type: 'elf', code_id: LINUX_CRASH.codeId, debug_id: LINUX_CRASH.debugId, code_file: LINUX_CRASH.codeFile, image_addr: hex(LINUX_CRASH.imageAddr), image_size: LINUX_CRASH.size, arch: 'x86_64' }],
    },
    sdk: { name: 'sentry.native', version: '0.7.0' },
  };
}

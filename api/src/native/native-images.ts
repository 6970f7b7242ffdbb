/**
 * `debug_meta.images` as the Cocoa and Native SDKs send them, and the rules that tie frames to them:
 * which image holds an address, which images are the app's own (in-app, mandatory debug files) and
 * which are the system's (folded, looked up in system symbol sets, never a processing issue).
 */
import { normalizeCodeId, parseDebugId } from './debug-id.js';

/** Image types Sentry symbolicates natively (`symbolic`/`apple` are legacy names). */
const NATIVE_TYPES = new Set(['macho', 'elf', 'pe', 'symbolic', 'apple', 'wasm']);

export interface NativeImage {
  /** Position in `debug_meta.images` (what `addr_mode: "rel:N"` points at). */
  index: number;
  type: string;
  debugId: string;
  codeId: string | null;
  /** Absolute path of the executable or library (`code_file`, legacy `name`). */
  codeFile: string;
  debugFile: string | null;
  arch: string | null;
  imageAddr: bigint;
  /** Null when the SDK did not say: the image then runs to the next one. */
  imageSize: bigint | null;
}

/** A hex string ("0x1a2b"), a decimal string or a number; null for anything else. */
export function parseAddress(raw: unknown): bigint | null {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? BigInt(raw) : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (/^0x[0-9a-f]{1,16}$/i.test(text)) return BigInt(text);
  if (/^[0-9]{1,20}$/.test(text)) return BigInt(text);
  return null;
}

export const hex = (value: bigint): string => `0x${value.toString(16)}`;

/** The native images of an event, in their original order; images of other kinds are skipped. */
export function nativeImages(images: readonly Record<string, unknown>[] | undefined): NativeImage[] {
  const out: NativeImage[] = [];
  (images ?? []).forEach((raw, index) => {
    const type = typeof raw.type === 'string' ? raw.type : '';
    if (!NATIVE_TYPES.has(type)) return;
    const debugId = parseDebugId(raw.debug_id ?? raw.id ?? raw.uuid);
    const imageAddr = parseAddress(raw.image_addr);
    if (!debugId || imageAddr === null) return;
    const size = parseAddress(raw.image_size);
    out.push({
      index,
      type,
      debugId,
      codeId: normalizeCodeId(raw.code_id),
      codeFile: typeof (raw.code_file ?? raw.name) === 'string' ? String(raw.code_file ?? raw.name) : '',
      debugFile: typeof raw.debug_file === 'string' ? raw.debug_file : null,
      arch: typeof raw.arch === 'string' ? raw.arch : null,
      imageAddr,
      imageSize: size !== null && size > 0n ? size : null,
    });
  });
  return out;
}

/** Finds the image whose range holds absolute address `addr`; an image without size runs to the next one. */
export function imageAt(images: readonly NativeImage[], addr: bigint): NativeImage | null {
  const sorted = [...images].sort((a, b) => (a.imageAddr < b.imageAddr ? -1 : a.imageAddr > b.imageAddr ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    const image = sorted[i]!;
    if (addr < image.imageAddr) break;
    const end = image.imageSize !== null ? image.imageAddr + image.imageSize : (sorted[i + 1]?.imageAddr ?? null);
    if (end === null || addr < end) return image;
  }
  return null;
}

/** Instruction alignment per architecture (symbolic's `instruction_alignment`); x86 has none. */
function alignment(arch: string | null): bigint {
  const a = (arch ?? '').toLowerCase();
  if (a.startsWith('arm64') || a === 'aarch64' || a.startsWith('ppc') && !a.startsWith('ppc64') || a.startsWith('mips') || a.startsWith('wasm')) return 4n;
  if (a.startsWith('ppc64')) return 8n;
  if (a.startsWith('arm')) return 2n;
  return 1n;
}

/**
 * The address to look up for a frame: a return address (every frame but the crashing one, unless
 * the stack says otherwise) points after the call, so it is aligned and moved back one instruction
 * into the call (symbolic's `InstructionInfo::caller_address`).
 */
export function lookupAddress(addr: bigint, arch: string | null, isReturnAddress: boolean): bigint {
  const align = alignment(arch);
  const aligned = addr - (addr % align);
  if (!isReturnAddress || aligned === 0n) return aligned;
  const a = (arch ?? '').toLowerCase();
  return aligned - (a.startsWith('mips') ? 2n * align : align);
}

export type AddressAdjustment = 'auto' | 'all_but_first' | 'all' | 'none';

/** Whether the frame at `index` (frames caller first, the crashing frame last) holds a return address. */
export function isReturnAddress(index: number, count: number, adjustment: AddressAdjustment): boolean {
  if (adjustment === 'none') return false;
  if (adjustment === 'all') return true;
  return index < count - 1;
}

const APP_BUNDLE_PREFIXES = ['/var/containers/Bundle/Application/', '/private/var/containers/Bundle/Application/'];
const SYSTEM_PREFIXES = ['/System/', '/usr/lib/', '/lib/', '/lib64/', '/usr/lib64/', '/Library/Apple/', '/Developer/', '/usr/libexec/'];

/**
 * Sentry's `is_image_from_app_bundle`: the iOS app container, the simulator's, a macOS `.app`, a
 * user's or `/usr/local` path; on Linux everything outside the system library folders.
 */
export function isAppImage(codeFile: string): boolean {
  const path = codeFile.replace(/\\/g, '/');
  if (!path) return false;
  if (APP_BUNDLE_PREFIXES.some((p) => path.startsWith(p))) return true;
  if (path.includes('/Developer/CoreSimulator/Devices/') && path.includes('/Containers/Bundle/Application/')) return true;
  if (path.includes('.app/Contents/') || path.startsWith('/Users/') || path.startsWith('/usr/local/')) return true;
  if (/^[a-z]:\//i.test(path)) return !/^[a-z]:\/windows\//i.test(path);
  if (path.includes('linux-gate.so')) return false;
  return !SYSTEM_PREFIXES.some((p) => path.startsWith(p));
}

const OPTIONAL_SUPPORT = /(?:^|\/)(?:libswift[^/]*\.dylib|(?:KSCrash|SentrySwift|Sentry)\.framework\/)/;

/**
 * An app image whose debug file, when missing, holds the event (Sentry's `native_missing_dsym`);
 * frameworks bundled inside the app and known support libraries are optional.
 */
export function isMandatoryImage(codeFile: string): boolean {
  if (!isAppImage(codeFile)) return false;
  const path = codeFile.replace(/\\/g, '/');
  if (OPTIONAL_SUPPORT.test(path)) return false;
  const inBundle = APP_BUNDLE_PREFIXES.some((p) => path.startsWith(p)) || path.includes('/Containers/Bundle/Application/');
  return !(inBundle && path.includes('/Frameworks/'));
}

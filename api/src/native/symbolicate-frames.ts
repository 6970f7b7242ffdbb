/**
 * Symbolicates the native frames of a normalized event: each frame with an `instruction_addr` is
 * matched to its image, looked up (return addresses adjusted) and expanded into its inlined frames,
 * in SDK order (caller first). Frames without an address (JavaScript in a React Native stack, or
 * frames the SDK already named) pass through untouched, so one trace keeps both kinds in order.
 */
import type { ExceptionValue, NormalizedEvent, ProcessingError, StackFrame } from '../events/event.types.js';
import { hex, imageAt, isAppImage, isMandatoryImage, isReturnAddress, lookupAddress, nativeImages, parseAddress, type AddressAdjustment, type NativeImage } from './native-images.js';
import type { FrameStatus, ImageStatus, ImageSymbols, SymbolicatedFrame } from './symbol-lookup.js';

/** A debug file the event needs and could not use: what a processing issue records. */
export interface MissingDebugFile {
  debugId: string;
  type: 'native_missing_dsym' | 'native_bad_dsym';
  imagePath: string;
  arch: string | null;
  mandatory: boolean;
  message?: string;
}

export interface SymbolicationResult {
  event: NormalizedEvent;
  /** App images whose debug files were missing or unreadable (mandatory ones hold the event). */
  missing: MissingDebugFile[];
}

/** Returns the debug information of an image (project uploads, then system symbols). */
export type ImageResolver = (image: NativeImage) => Promise<ImageSymbols>;

/** Whether the event has anything to symbolicate. */
export function needsSymbolication(event: NormalizedEvent): boolean {
  return !!event.debugMeta?.images.length && event.exceptions.some((e) => e.frames.some((f) => f.instructionAddr !== undefined));
}

export async function symbolicateEvent(event: NormalizedEvent, resolve: ImageResolver, demangle: (name: string) => string): Promise<SymbolicationResult> {
  const images = nativeImages(event.debugMeta?.images);
  const referenced = new Map<NativeImage, ImageSymbols>();
  const symbolsOf = async (image: NativeImage) => {
    let symbols = referenced.get(image);
    if (!symbols) referenced.set(image, (symbols = await resolve(image)));
    return symbols;
  };
  const exceptions: ExceptionValue[] = [];
  for (const exception of event.exceptions) {
    if (!exception.frames.some((f) => f.instructionAddr !== undefined)) {
      exceptions.push(exception);
      continue;
    }
    const adjustment = (exception.instructionAddrAdjustment ?? 'auto') as AddressAdjustment;
    const frames: StackFrame[] = [];
    for (const [index, frame] of exception.frames.entries()) {
      frames.push(...(await symbolicateFrame(frame, images, symbolsOf, isReturnAddress(index, exception.frames.length, adjustment), demangle)));
    }
    exceptions.push({ ...exception, frames, rawFrames: exception.rawFrames ?? exception.frames });
  }
  const missing = missingDebugFiles(referenced);
  const statusOf = new Map([...referenced].map(([image, symbols]) => [image.index, imageStatus(symbols)]));
  const debugMeta = event.debugMeta && {
    ...event.debugMeta,
    images: event.debugMeta.images.map((raw, index) => {
      const status = statusOf.get(index) ?? (images.some((i) => i.index === index) ? 'unused' : undefined);
      return status ? { ...raw, debug_status: status } : raw;
    }),
  };
  const errors: ProcessingError[] = missing.map((m) => ({ type: m.mandatory || m.type === 'native_bad_dsym' ? m.type : 'native_missing_optionally_bundled_dsym', name: m.imagePath, value: m.debugId }));
  const symbolicated: NormalizedEvent = { ...event, exceptions, ...(debugMeta ? { debugMeta } : {}), errors: [...event.errors, ...errors] };
  return { event: withNativeSummary(symbolicated), missing };
}

function imageStatus(symbols: ImageSymbols): ImageStatus {
  return symbols.status;
}

function missingDebugFiles(referenced: Map<NativeImage, ImageSymbols>): MissingDebugFile[] {
  const out: MissingDebugFile[] = [];
  for (const [image, symbols] of referenced) {
    if (symbols.status === 'found' || !isAppImage(image.codeFile)) continue;
    out.push({
      debugId: image.debugId,
      type: symbols.status === 'missing' ? 'native_missing_dsym' : 'native_bad_dsym',
      imagePath: image.codeFile,
      arch: image.arch,
      mandatory: isMandatoryImage(image.codeFile),
      ...(symbols.status === 'malformed' ? { message: symbols.reason } : {}),
    });
  }
  return out;
}

async function symbolicateFrame(
  frame: StackFrame,
  images: NativeImage[],
  symbolsOf: (image: NativeImage) => Promise<ImageSymbols>,
  returnAddress: boolean,
  demangle: (name: string) => string,
): Promise<StackFrame[]> {
  const addr = parseAddress(frame.instructionAddr);
  if (addr === null) return [frame];
  const image = imageOfFrame(frame, images, addr);
  if (!image) return [withStatus(frame, 'unknown_image')];
  const absolute = frame.addrMode?.startsWith('rel:') ? image.imageAddr + addr : addr;
  const base: StackFrame = { ...frame, package: image.codeFile, imageAddr: hex(image.imageAddr), inApp: isAppImage(image.codeFile), addrMode: undefined };
  delete base.addrMode;
  const symbols = await symbolsOf(image);
  if (symbols.status !== 'found') return [withStatus(base, symbols.status)];
  const relative = lookupAddress(absolute, image.arch, returnAddress) - image.imageAddr;
  const found = relative >= 0n ? symbols.lookup(relative) : [];
  if (found.length === 0) return [withStatus(base, 'missing_symbol')];
  // The kit answers innermost first; a stack lists callers first.
  return [...found].reverse().map((symbol) => namedFrame(base, symbol, image, demangle));
}

function imageOfFrame(frame: StackFrame, images: NativeImage[], addr: bigint): NativeImage | null {
  const mode = frame.addrMode;
  if (!mode || mode === 'abs') return imageAt(images, addr);
  const target = mode.slice('rel:'.length).toLowerCase();
  return images.find((i) => String(i.index) === target || i.debugId === target) ?? null;
}

function namedFrame(base: StackFrame, symbol: SymbolicatedFrame, image: NativeImage, demangle: (name: string) => string): StackFrame {
  // Breakpad files carry demangled names only (no mangled one); the kit demangles DWARF names already.
  const mangled = symbol.mangledFunction ?? symbol.function;
  const display = !symbol.mangledFunction || symbol.function !== mangled ? symbol.function : demangle(mangled);
  const frame: StackFrame = { ...base, function: display, symbolicatorStatus: 'symbolicated' };
  if (mangled && mangled !== display) frame.symbol = mangled;
  else delete frame.symbol;
  if (symbol.file) {
    frame.absPath = symbol.file;
    frame.filename = symbol.file.split(/[\\/]/).pop() || symbol.file;
  }
  if (symbol.line) frame.lineno = symbol.line;
  if (symbol.symbolAddress !== undefined && symbol.symbolAddress !== null) frame.symbolAddr = hex(image.imageAddr + BigInt(symbol.symbolAddress));
  return frame;
}

function withStatus(frame: StackFrame, status: FrameStatus): StackFrame {
  return { ...frame, symbolicatorStatus: status };
}

/** Culprit and metadata follow the symbolicated crash site, like the rest of the summary. */
function withNativeSummary(event: NormalizedEvent): NormalizedEvent {
  const main = event.exceptions.at(-1);
  const crash = main?.frames.findLast((f) => f.inApp && f.function) ?? main?.frames.findLast((f) => f.function);
  if (!crash?.function || event.transaction) return event;
  return { ...event, culprit: crash.function, metadata: { ...event.metadata, function: crash.function, ...(crash.filename ? { filename: crash.filename } : {}) } };
}

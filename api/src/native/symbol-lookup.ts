/**
 * What symbolication needs of an image's debug information: the frames at an image-relative
 * address, innermost inlined frame first (the symbolication kit's `SymCache.lookup` answer).
 */
export interface SymbolicatedFrame {
  function: string;
  mangledFunction?: string | null;
  file?: string | null;
  line?: number | null;
  /** Start of the function, image-relative. */
  symbolAddress?: number | bigint | null;
}

/** Per-image debug status, as Symbolicator reports it on each module. */
export type ImageStatus = 'found' | 'unused' | 'missing' | 'malformed';

/** An image's debug information as found: usable, missing, or there but unreadable. */
export type ImageSymbols =
  | { status: 'found'; lookup(relativeAddress: bigint): SymbolicatedFrame[] }
  | { status: 'missing' }
  | { status: 'malformed'; reason: string };

/** Per-frame status (Symbolicator's `FrameStatus`). */
export type FrameStatus = 'symbolicated' | 'missing_symbol' | 'unknown_image' | 'missing' | 'malformed';

export type ObjectKind = 'macho' | 'elf' | 'breakpad';

export interface DebugFeatures {
  symtab: boolean;
  debug: boolean;
  unwind: boolean;
  sources: boolean;
}

/** One object in a debug file (a fat Mach-O holds one per architecture). */
export interface DebugObject {
  kind: ObjectKind;
  arch: string;
  /** Sentry's DebugId string (rust-debugid): lowercase, `-age` suffix only when non-zero. */
  debugId: string;
  /** ELF build-id hex, Mach-O uuid without dashes. */
  codeId: string | null;
  objectName: string | null;
  features: DebugFeatures;
}

export interface SymbolicatedFrame {
  function: string;
  mangledFunction: string | null;
  file: string | null;
  line: number | null;
  /** Image-relative start of the outermost (real, not inlined) function containing the address. */
  symbolAddress: number;
}

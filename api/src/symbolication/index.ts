/**
 * Native symbolication kit: reads debug files (Breakpad `.sym`, ELF, Mach-O) and writes / reads Vigil's
 * SymCache, a compact index from image-relative addresses to functions, files, lines and inline chains.
 * Pure code: no database, no domain imports.
 */
export type { DebugObject, DebugFeatures, ObjectKind, SymbolicatedFrame } from './types.js';
export { DebugFileError } from './errors.js';
export { inspectDebugFile, writeSymCache } from './debug-file.js';
export { SymCache } from './symcache.js';
export { demangle } from './demangle.js';
export { normalizeDebugId, parseDebugId } from './debug-id.js';
export { FORMAT_VERSION as SYMCACHE_VERSION } from './symcache-format.js';

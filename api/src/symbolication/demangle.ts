import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as glue from 'gecko-profiler-demangle/index_bg.js';

/**
 * gecko-profiler-demangle (the Firefox profiler's C++/Rust demangler, cpp_demangle + rustc-demangle in WASM)
 * ships for bundlers only, so its WASM module is instantiated here by hand, once, on first use.
 */
let ready = false;

/** The slice of the WebAssembly global used here (the project's TS libs do not declare it). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: Wasm };

function load(): void {
  const require = createRequire(import.meta.url);
  const module = new WebAssembly.Module(readFileSync(require.resolve('gecko-profiler-demangle/index_bg.wasm')));
  const instance = new WebAssembly.Instance(module, { './index_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  ready = true;
}

const MANGLED = /^(?:_{1,2}Z|_R)/;

/** Demangles Itanium C++ (`_Z…`, Mach-O's `__Z…`) and Rust names; anything else comes back unchanged. */
export function demangle(name: string): string {
  if (!MANGLED.test(name)) return name;
  if (!ready) load();
  return glue.demangle_any(name.startsWith('__Z') ? name.slice(1) : name);
}

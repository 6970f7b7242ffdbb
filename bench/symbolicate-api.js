// Addresses per second through `POST /api/0/symbols/lookup` (a running `vigil start`, a symbol set
// loaded with `vigil symbols:load`), beside llvm-symbolizer on the same 100,000 addresses in the same
// run. Debug file: the Linux crash program of the shared fixtures (its Breakpad file loaded into Vigil,
// its DWARF debug file given to llvm-symbolizer).
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startVigil } from './lib.js';

const run = promisify(execFile);
const FIXTURES = path.join(ROOT, 'test/fixtures/native/symbolic');
const SYM = path.join(FIXTURES, 'linux/crash.sym');
const ELF = process.env.BENCH_ELF ?? path.join(FIXTURES, 'linux/crash.debug');
const DEBUG_ID = 'c0bcc3f1-9827-fe65-3058-404b2831d9e6';
const COUNT = 100_000;
const SDK = 'Linux_6.1.0';

/** Deterministic pseudo-random addresses inside the program's code (0x1558 … 0x2c000). */
function addresses() {
  let seed = 12345;
  return Array.from({ length: COUNT }, () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return 0x1558 + (seed % (0x2c000 - 0x1558));
  });
}

function llvmSymbolizer(addrs) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('llvm-symbolizer', [`--obj=${ELF}`, '--inlines'], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`llvm-symbolizer exited ${code}`))));
    child.stdin.end(addrs.map((a) => `0x${a.toString(16)}`).join('\n') + '\n');
  });
}

export async function benchSymbolicateApi() {
  const vigil = await startVigil();
  try {
    const { token } = await vigil.bootstrap('bench', 'native');
    // Same data directory: the CLI attaches to the server's database and artifact store.
    await run('node', ['bin/vigil.js', 'symbols:load', SDK, SYM], { cwd: ROOT, env: vigil.env });
    const addrs = addresses();
    const body = JSON.stringify({ sdk_id: SDK, symbols: addrs.map((a) => ({ debug_id: DEBUG_ID, object_name: 'crash', addr: `0x${a.toString(16)}` })) });
    const lookup = () =>
      fetch(`${vigil.url}/api/0/symbols/lookup`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    await (await lookup()).arrayBuffer(); // warm: the index is opened once per process
    const started = performance.now();
    const response = await lookup();
    const answer = await response.json();
    const apiSeconds = (performance.now() - started) / 1000;
    if (response.status !== 200 || answer.symbols.length !== COUNT) throw new Error(`lookup answered ${response.status}`);
    const resolved = answer.symbols.filter(Boolean).length;
    const llvmSeconds = await llvmSymbolizer(addrs);
    return [
      { metric: 'symbols/lookup API addresses/s (100,000 in one request)', value: Math.round(COUNT / apiSeconds).toLocaleString('en') },
      { metric: 'symbols/lookup API addresses resolved', value: `${resolved.toLocaleString('en')} of ${COUNT.toLocaleString('en')}` },
      { metric: 'llvm-symbolizer --inlines addresses/s (same addresses)', value: Math.round(COUNT / llvmSeconds).toLocaleString('en') },
      { metric: 'symbols/lookup API vs llvm-symbolizer', value: `${(llvmSeconds / apiSeconds).toFixed(2)}× (target ≥ 2×)` },
    ];
  } finally {
    await vigil.stop();
  }
}

// Addresses per second through `POST /api/0/symbols/lookup` (a running `vigil start`, a symbol set loaded with
// `vigil symbols:load`) beside llvm-symbolizer, in the same run, on the same 100,000 addresses and the same debug
// file: the DWARF debug file of the shared fixtures' Linux crash program (`BENCH_ELF` picks another, for both).
// llvm-symbolizer is one long-running process fed every address on stdin (its fastest batch mode, plain output);
// the API is one request of all 100,000, timed from sending the body to having received the whole answer. Three runs each,
// alternating, medians reported; the answers are checked against llvm-symbolizer's (outermost file:line).
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startVigil } from './lib.js';

const run = promisify(execFile);
const ELF = process.env.BENCH_ELF ?? path.join(ROOT, 'test/fixtures/native/symbolic/linux/crash.debug');
const COUNT = 100_000;
const RUNS = 3;
const SDK = 'Linux_6.1.0';

/**
 * A 64-bit little-endian ELF's image base (lowest PT_LOAD address: events give addresses relative to it,
 * llvm-symbolizer wants them absolute) and its `.text` range.
 */
function elfLayout(file) {
  const b = fs.readFileSync(file);
  const phoff = Number(b.readBigUInt64LE(0x20));
  let base = Infinity;
  for (let i = 0; i < b.readUInt16LE(0x38); i++) {
    const at = phoff + i * b.readUInt16LE(0x36);
    if (b.readUInt32LE(at) === 1) base = Math.min(base, Number(b.readBigUInt64LE(at + 0x10)));
  }
  const shoff = Number(b.readBigUInt64LE(0x28));
  const shentsize = b.readUInt16LE(0x3a);
  const strtab = Number(b.readBigUInt64LE(shoff + b.readUInt16LE(0x3e) * shentsize + 0x18));
  for (let i = 0; i < b.readUInt16LE(0x3c); i++) {
    const at = shoff + i * shentsize;
    const nameAt = strtab + b.readUInt32LE(at);
    if (b.toString('latin1', nameAt, nameAt + 6) === '.text\0') {
      const start = Number(b.readBigUInt64LE(at + 0x10));
      return { base: Number.isFinite(base) ? base : 0, text: [start, start + Number(b.readBigUInt64LE(at + 0x20))] };
    }
  }
  throw new Error(`no .text in ${file}`);
}

/** Deterministic pseudo-random image-relative addresses inside `.text`. */
function addresses({ base, text: [start, end] }) {
  let seed = 12345;
  return Array.from({ length: COUNT }, () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return start - base + (seed % (end - start));
  });
}

/** One llvm-symbolizer process over every address; its wall time and the outermost `file:line` per address. */
function llvmSymbolizer(input) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const ownBefore = process.cpuUsage();
    // Through bash's `time`: its CPU seconds (user + system) arrive on stderr.
    const child = spawn('bash', ['-c', `TIMEFORMAT='%U %S'; time llvm-symbolizer --obj='${ELF}' --inlines`], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const own = process.cpuUsage(ownBefore);
      if (code !== 0) return reject(new Error(`llvm-symbolizer exited ${code}`));
      // Blocks of "function\nfile:line:column" pairs (innermost first), one block per address, blank-line separated.
      const blocks = Buffer.concat(out).toString('utf8').split('\n\n').slice(0, COUNT);
      const [user, system] = Buffer.concat(err).toString().trim().split('\n').at(-1).split(' ').map(Number);
      resolve({ seconds, cpuSeconds: user + system, clientCpuSeconds: (own.user + own.system) / 1e6, outer: blocks.map(outermostFileLine) });
    });
    child.stdin.end(input);
  });
}

/** `file:line` of a block's last (outermost) frame, the path normalized as Vigil reports it (`a/../b` → `b`); `??` when unknown. */
function outermostFileLine(block) {
  const where = block.trim().split('\n').at(-1) ?? '';
  const match = /^(.*):(\d+):\d+$/.exec(where);
  return !match || match[1] === '??' ? '??' : `${path.posix.normalize(match[1])}:${match[2]}`;
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSecondsOf(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

async function apiLookup(vigil, token, body) {
  const cpuBefore = cpuSecondsOf(vigil.pid);
  const started = performance.now();
  const ownBefore = process.cpuUsage();
  const response = await fetch(`${vigil.url}/api/0/symbols/lookup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  // Timed until the whole answer is here, like llvm-symbolizer's output; parsed after, as that is.
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsOf(vigil.pid) - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  const answer = JSON.parse(text);
  if (response.status !== 200 || answer.symbols?.length !== COUNT) throw new Error(`lookup answered ${response.status}`);
  return { seconds, cpuSeconds, clientCpuSeconds: (own.user + own.system) / 1e6, answer };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (seconds) => `${Math.round(COUNT / seconds).toLocaleString('en')}/s`;

export async function benchSymbolicateApi() {
  const vigil = await startVigil();
  try {
    const { token } = await vigil.bootstrap('bench', 'native');
    // Same data directory: the CLI attaches to the server's database and artifact store.
    const { stdout } = await run('node', ['bin/vigil.js', 'symbols:load', SDK, ELF], { cwd: ROOT, env: vigil.env });
    const debugId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(stdout)?.[0];
    if (!debugId) throw new Error(`symbols:load printed no debug id: ${stdout}`);
    const layout = elfLayout(ELF);
    const addrs = addresses(layout);
    const body = JSON.stringify({ sdk_id: SDK, symbols: addrs.map((a) => ({ debug_id: debugId, object_name: 'crash', addr: `0x${a.toString(16)}` })) });
    const input = addrs.map((a) => `0x${(a + layout.base).toString(16)}`).join('\n') + '\n';
    await apiLookup(vigil, token, body); // warm-up: the index is opened once per process, the JIT settles
    const api = [];
    const llvm = [];
    for (let i = 0; i < RUNS; i++) {
      api.push(await apiLookup(vigil, token, body));
      llvm.push(await llvmSymbolizer(input));
    }
    const { answer } = api[0];
    const { outer } = llvm[0];
    const resolved = answer.symbols.filter(Boolean).length;
    const llvmResolved = outer.filter((where) => where !== '??').length;
    const agreeing = answer.symbols.filter((s, i) => s && (s.filename ? `${s.filename}:${s.lineno ?? 0}` : '??') === outer[i]).length;
    const apiSeconds = median(api.map((r) => r.seconds));
    const llvmSeconds = median(llvm.map((r) => r.seconds));
    const apiCpu = median(api.map((r) => r.cpuSeconds));
    const llvmCpu = median(llvm.map((r) => r.cpuSeconds));
    const apiClientCpu = median(api.map((r) => r.clientCpuSeconds));
    const llvmClientCpu = median(llvm.map((r) => r.clientCpuSeconds));
    const ms = (seconds) => `${(seconds * 1000).toFixed(0)} ms`;
    return [
      { metric: 'symbols/lookup: debug file (both symbolizers)', value: `${path.relative(ROOT, ELF)}, ${COUNT.toLocaleString('en')} random .text addresses` },
      { metric: 'symbols/lookup API addresses/s (all in one request, median of 3)', value: `${rate(apiSeconds)} (${(apiSeconds * 1000).toFixed(0)} ms)` },
      { metric: 'llvm-symbolizer --inlines addresses/s (one process, stdin, median of 3)', value: `${rate(llvmSeconds)} (${(llvmSeconds * 1000).toFixed(0)} ms)` },
      { metric: 'symbols/lookup API vs llvm-symbolizer (wall)', value: `${(llvmSeconds / apiSeconds).toFixed(2)}× (target ≥ 2×)` },
      {
        metric: 'symbols/lookup API vs llvm-symbolizer (CPU)',
        value:
          `${(llvmCpu / apiCpu).toFixed(2)}× (server ${ms(apiCpu)} vs llvm-symbolizer ${ms(llvmCpu)}); with the client's own CPU ${((llvmCpu + llvmClientCpu) / (apiCpu + apiClientCpu)).toFixed(2)}× ` +
          `(${ms(apiCpu + apiClientCpu)} vs ${ms(llvmCpu + llvmClientCpu)}); medians, per 100,000 (the shared machine's load swings wall time)`,
      },
      {
        metric: 'symbols/lookup answers',
        // llvm-symbolizer also gives a line where DWARF has line rows but no function; Vigil (like symbolic) answers null there.
        value: `${resolved.toLocaleString('en')} resolved (llvm-symbolizer: ${llvmResolved.toLocaleString('en')}); file:line equal to llvm-symbolizer's outermost frame for ${agreeing.toLocaleString('en')}`,
      },
    ];
  } finally {
    await vigil.stop();
  }
}

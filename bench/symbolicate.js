// `npm run bench:symbolicate`: SymCache conversion time and size against the debug file, in-process lookups/s,
// and llvm-symbolizer on the same 100,000 addresses in the same run (when it is on PATH). Targets: bench/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib.js';

const { SymCache, inspectDebugFile, writeSymCache } = await import(path.join(ROOT, 'dist/api/src/symbolication/index.js'));

const ADDRESSES = 100_000;
// shared/ lies beside the clone (CI) or beside the worktrees' folder (a developer's machine).
const SHARED_TOOLS = ['../shared', '../../shared'].map((up) => path.resolve(ROOT, up, 'tools/fixtures')).find((dir) => fs.existsSync(dir));
const COMMITTED = path.join(ROOT, 'test/fixtures/native/symbolic/linux/crash.debug');

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

/**
 * The largest fixture: a gen_program.py build like the reference's prog_gcc (10 files x 200 functions, gcc -O2 -g,
 * ~3.6 MB, debug-only file ~3 MB) when gcc and the shared tools are here, else the largest committed debug file.
 */
function largestFixture() {
  if (has('gcc') && has('objcopy') && has('python3') && SHARED_TOOLS) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-symbolicate-'));
    execFileSync('python3', [path.join(SHARED_TOOLS, 'gen_program.py'), path.join(dir, 'src'), '10', '200']);
    const sources = fs.readdirSync(path.join(dir, 'src')).filter((f) => f.endsWith('.c')).map((f) => path.join(dir, 'src', f));
    execFileSync('gcc', ['-O2', '-g', '-Wl,--build-id=sha1', '-o', path.join(dir, 'prog'), ...sources]);
    execFileSync('objcopy', ['--only-keep-debug', path.join(dir, 'prog'), path.join(dir, 'prog.debug')]);
    return { name: 'gen_program 10x200, gcc -O2 -g (prog.debug)', binary: path.join(dir, 'prog'), debug: path.join(dir, 'prog.debug'), dir };
  }
  return { name: 'symbolic linux/crash.debug (no gcc: committed fixture)', binary: COMMITTED, debug: COMMITTED };
}

/** [start, end) of .text in a 64-bit little-endian ELF (enough for the fixtures above). */
function textRange(file) {
  const b = fs.readFileSync(file);
  const shoff = Number(b.readBigUInt64LE(0x28));
  const shentsize = b.readUInt16LE(0x3a);
  const shnum = b.readUInt16LE(0x3c);
  const names = shoff + b.readUInt16LE(0x3e) * shentsize;
  const strtab = Number(b.readBigUInt64LE(names + 0x18));
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    const nameAt = strtab + b.readUInt32LE(at);
    if (b.toString('latin1', nameAt, nameAt + 6) === '.text\0') {
      const start = Number(b.readBigUInt64LE(at + 0x10));
      return [start, start + Number(b.readBigUInt64LE(at + 0x20))];
    }
  }
  throw new Error(`no .text in ${file}`);
}

/** A small deterministic generator, so both symbolizers get the same addresses run to run. */
function randomAddresses([start, end]) {
  let state = 0x2545f491;
  const out = new Uint32Array(ADDRESSES);
  for (let i = 0; i < ADDRESSES; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = start + ((state >>> 0) % (end - start));
  }
  return out;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function convert(bytes, debugId) {
  const runs = [];
  let cache;
  for (let i = 0; i < 5; i++) {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    cache = writeSymCache(bytes, debugId);
    runs.push({ wall: performance.now() - wall, cpu: process.cpuUsage(cpu).user / 1000 });
  }
  return { cache, first: runs[0], wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

function lookups(cache, addresses) {
  let frames = 0;
  for (let i = 0; i < 20_000; i++) frames += cache.lookup(addresses[i]).length; // warm-up
  const wall = [];
  const cpu = [];
  for (let round = 0; round < 3; round++) {
    const began = performance.now();
    const cpuBegan = process.cpuUsage();
    for (let i = 0; i < addresses.length; i++) frames += cache.lookup(addresses[i]).length;
    wall.push(addresses.length / ((performance.now() - began) / 1000));
    cpu.push(addresses.length / (process.cpuUsage(cpuBegan).user / 1e6));
  }
  return { wall: median(wall), cpu: median(cpu), framesPerAddress: frames / (20_000 + 3 * addresses.length) };
}

/** Wall time of one llvm-symbolizer process over all addresses (its CPU time: the child's rusage, via `time`). */
function llvmSymbolizer(file, addresses) {
  const input = Array.from(addresses, (a) => `0x${a.toString(16)}`).join('\n') + '\n';
  const began = performance.now();
  const result = spawnSync('bash', ['-c', `TIMEFORMAT=%U; time llvm-symbolizer --obj='${file}' --output-style=JSON --inlines > /dev/null`], {
    input,
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - began) / 1000;
  if (result.status !== 0) throw new Error(`llvm-symbolizer failed: ${result.stderr}`);
  const cpuSeconds = Number.parseFloat(String(result.stderr).trim().split('\n').pop() ?? '');
  return { wall: addresses.length / seconds, cpu: Number.isFinite(cpuSeconds) && cpuSeconds > 0 ? addresses.length / cpuSeconds : null };
}

const rate = (value) => `${Math.round(value).toLocaleString('en-US')}/s`;
const llvmRow = ({ wall, cpu }) => `${rate(wall)} wall${cpu ? `, ${rate(cpu)} per CPU second` : ''} (one process, JSON, stdin batch)`;

export async function benchSymbolicate() {
  const fixture = largestFixture();
  const bytes = new Uint8Array(fs.readFileSync(fixture.debug));
  const [object] = inspectDebugFile(bytes);
  const conversion = convert(bytes, object.debugId);
  const cache = SymCache.open(conversion.cache);
  // ELF fixtures here are PIE or have their load address as .text's base; relative = file address - vmaddr 0.
  const addresses = randomAddresses(textRange(fixture.binary));
  const inProcess = lookups(cache, addresses);
  const llvm = has('llvm-symbolizer') ? llvmSymbolizer(fixture.debug, addresses) : null;
  if (fixture.dir) fs.rmSync(fixture.dir, { recursive: true, force: true });
  const rows = [
    { metric: 'symbolicate: fixture', value: `${fixture.name}, ${mb(bytes.length)}` },
    { metric: 'symbolicate: SymCache size', value: `${mb(conversion.cache.length)} (${((conversion.cache.length / bytes.length) * 100).toFixed(1)} % of the debug file; target <= 20 %)` },
    {
      metric: 'symbolicate: conversion',
      value: `${conversion.wall.toFixed(0)} ms wall, ${conversion.cpu.toFixed(0)} ms CPU (median of 5; first ${conversion.first.wall.toFixed(0)} ms wall; target < 1 s for 3 MB)`,
    },
    {
      metric: `symbolicate: in-process lookups (${ADDRESSES.toLocaleString('en-US')} random .text addresses)`,
      value: `${rate(inProcess.wall)} wall, ${rate(inProcess.cpu)} per CPU second, ${inProcess.framesPerAddress.toFixed(2)} frames/address (target >= 1,000,000/s)`,
    },
    {
      metric: 'symbolicate: llvm-symbolizer --inlines, same addresses',
      value: llvm ? llvmRow(llvm) : 'not measured: llvm-symbolizer is not on PATH',
    },
    // The batch-API row (POST /api/0/symbols/lookup, addresses/s, target >= 2x llvm-symbolizer) belongs to the
    // endpoint and is added beside these rows with it.
  ];
  return rows;
}

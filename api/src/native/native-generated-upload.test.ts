/**
 * The generated fixtures (test/fixtures/native/generated/: a universal Mach-O with its fat dSYM, and
 * ELF debug files) through the real upload path, `sentry-cli debug-files upload --wait`, then crashes
 * shaped as the Cocoa and Native SDKs send them, whose stored frames must be llvm-symbolizer's answers
 * (function, file, line and inline chain) committed with the fixtures, for a sample of its probes.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, newEventId, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf } from '../../../test/support/ingest.js';
import { REPO_ROOT } from '../../../test/support/processes.js';
import { sentryCliOk } from '../../../test/support/sentry-cli.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { eventPayload } from '../events/event-payload.js';
import type { NormalizedEvent } from '../events/event.types.js';

const GENERATED = path.join(REPO_ROOT, 'test/fixtures/native/generated');

interface Probe {
  rel_addr: string;
  frames: { function: string; file: string | null; line: number | null }[];
}

interface ImageMeta {
  type: 'macho' | 'elf';
  code_id: string;
  debug_id: string;
  arch: string;
  image_size: number;
}

const meta = (dir: string) => JSON.parse(readFileSync(path.join(GENERATED, dir, 'image.json'), 'utf8')) as ImageMeta;

/** Every inline chain of the truth (they are the hard part) and every 25th other probe that resolved with a line. */
function sample(truthDir: string): Probe[] {
  const probes = readFileSync(path.join(GENERATED, truthDir, 'truth.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Probe)
    .filter((p) => p.frames.length > 0 && p.frames.every((f) => f.line !== null));
  const chains = probes.filter((p) => p.frames.length > 1).slice(0, 120);
  const picked = [...chains, ...probes.filter((p, i) => p.frames.length === 1 && i % 25 === 0)];
  // Once per address (the truth probes some twice): frames are matched to probes by address.
  return picked.filter((p, i) => picked.findIndex((q) => q.rel_addr === p.rel_addr) === i);
}

let server: TestServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A build folder holding these fixture files (sentry-cli scans it; the folder is also its HOME). */
function buildFolder(files: [from: string, to: string][]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-generated-difs-'));
  dirs.push(dir);
  for (const [from, to] of files) cpSync(path.join(GENERATED, from), path.join(dir, 'build', to), { recursive: true });
  return dir;
}

/** A crash with one image at `imageAddr`: one frame per probe, caller first, addresses taken as they are. */
function crash(image: ImageMeta, imageAddr: bigint, probes: Probe[], sdk: 'cocoa' | 'native') {
  const hex = (n: bigint) => `0x${n.toString(16)}`;
  return {
    event_id: newEventId(),
    timestamp: Date.now() / 1000 - 60,
    platform: sdk,
    level: 'fatal',
    exception: {
      values: [
        {
          type: sdk === 'cocoa' ? 'EXC_BAD_ACCESS' : 'SIGSEGV',
          value: 'crash',
          mechanism: { type: sdk === 'cocoa' ? 'mach' : 'signalhandler', handled: false },
          stacktrace: { frames: probes.map((p) => ({ instruction_addr: hex(imageAddr + BigInt(p.rel_addr)) })), instruction_addr_adjustment: 'none' },
        },
      ],
    },
    debug_meta: {
      images: [
        {
          type: image.type,
          debug_id: image.debug_id,
          ...(image.type === 'elf' ? { code_id: image.code_id } : {}),
          code_file: image.type === 'macho' ? '/private/var/containers/Bundle/Application/0000/Prog.app/prog' : '/opt/prog/bin/prog',
          image_addr: hex(imageAddr),
          image_size: image.image_size,
          arch: image.arch,
        },
      ],
    },
    ...(sdk === 'cocoa' ? { contexts: { os: { name: 'iOS', version: '17.4', build: '21E219' } } } : {}),
    sdk: { name: sdk === 'cocoa' ? 'sentry.cocoa' : 'sentry.native', version: '8.36.0' },
  };
}

/** Per probe address, the stored frames there as llvm-symbolizer lists them: innermost first. */
function chainsOf(event: NormalizedEvent, imageAddr: bigint, probes: Probe[]) {
  const frames = event.exceptions.at(-1)!.frames;
  return probes.map((p) => {
    const addr = `0x${(imageAddr + BigInt(p.rel_addr)).toString(16)}`;
    return {
      addr: p.rel_addr,
      frames: frames
        .filter((f) => f.instructionAddr === addr)
        .map((f) => ({ function: f.function, file: f.absPath ?? null, line: f.lineno ?? null }))
        .reverse(),
    };
  });
}

const truthChains = (probes: Probe[]) => probes.map((p) => ({ addr: p.rel_addr, frames: p.frames.map((f) => ({ function: f.function, file: f.file, line: f.line })) }));

describe('generated fixtures through sentry-cli debug-files upload', () => {
  it('uploads the universal Mach-O, its fat dSYM and ELF debug files; crashes get llvm-symbolizer’s frames', async () => {
    const t = await buildTenant(server.app);
    const arm64 = meta('macho-fat/arm64');
    const x86 = meta('macho-fat/x86_64');
    const elf = meta('elf-x86_64');
    const dir = buildFolder([
      ['macho-fat/prog', 'Prog.app/prog'],
      ['macho-fat/prog.dSYM', 'prog.dSYM'],
      ['elf-x86_64/prog.debug', 'linux/prog.debug'],
    ]);
    const cli = { url: server.url, token: t.token, org: t.organization.slug, project: t.project.slug, cwd: dir };
    const out = await sentryCliOk(cli, ['debug-files', 'upload', '--wait', 'build']);
    for (const id of [arm64.debug_id, x86.debug_id, elf.debug_id]) expect(out).toContain(id);

    // Both slices of the universal binary and of its dSYM are stored, each under its own debug id.
    const rows = (await server.app.db.query('SELECT debug_id, arch, kind, features FROM debug_file WHERE project_id = $1 ORDER BY debug_id, arch', [t.project.id])) as {
      debug_id: string;
      arch: string;
      kind: string;
      features: string[];
    }[];
    for (const image of [arm64, x86]) {
      const slices = rows.filter((r) => r.debug_id === image.debug_id);
      expect(slices.every((r) => r.kind === 'macho' && r.arch === image.arch)).toBe(true);
      expect(slices.some((r) => r.features.includes('debug'))).toBe(true); // the dSYM slice
      expect(slices.some((r) => !r.features.includes('debug'))).toBe(true); // the executable slice
    }
    // Finished assemblies are recorded as such.
    const states = (await server.app.db.query('SELECT DISTINCT state FROM dif_assembly WHERE project_id = $1', [t.project.id])) as { state: string }[];
    expect(states.map((s) => s.state)).toEqual(['ok']);

    const key = await publicKeyOf(server.app, t.project);
    const cases = [
      { image: arm64, truth: 'macho-arm64', imageAddr: 0x104a00000n, sdk: 'cocoa' as const },
      { image: x86, truth: 'macho-x86_64', imageAddr: 0x10c200000n, sdk: 'cocoa' as const },
      { image: elf, truth: 'elf-x86_64', imageAddr: 0x55d4e1200000n, sdk: 'native' as const },
    ];
    for (const c of cases) {
      const probes = sample(c.truth);
      expect(probes.filter((p) => p.frames.length > 1).length).toBeGreaterThan(20);
      const event = crash(c.image, c.imageAddr, probes, c.sdk);
      expect((await postEnvelope(server.url, t.project.id, key, eventEnvelope(event))).status).toBe(200);
      const stored = await waitFor(
        async () => {
          const [row] = (await server.app.db.query('SELECT payload FROM event WHERE project_id = $1 AND event_id = $2', [t.project.id, event.event_id])) as { payload: Buffer }[];
          return row ? eventPayload(row) : undefined;
        },
        { timeoutMs: 20_000, what: `${c.truth} crash` },
      );
      expect(chainsOf(stored, c.imageAddr, probes), c.truth).toEqual(truthChains(probes));
      expect(stored.exceptions.at(-1)!.frames.every((f) => f.symbolicatorStatus === 'symbolicated')).toBe(true);
    }
  });
});

describe('difs/assemble states', () => {
  const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

  it('answers not_found with the missing chunks, then created (queued), then ok or error once the job ran', async () => {
    const t = await buildTenant(server.app);
    const auth = { authorization: `Bearer ${t.token}` };
    const assemble = async (files: Record<string, { name: string; chunks: string[] }>) => {
      const response = await fetch(`${server.url}/api/0/projects/${t.organization.slug}/${t.project.slug}/files/difs/assemble/`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(files),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, { state: string; missingChunks: string[]; detail: string | null; dif?: { debugId: string } }>;
    };
    const uploadChunk = async (bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([bytes]), sha1(bytes));
      expect((await fetch(`${server.url}/api/0/organizations/${t.organization.slug}/chunk-upload/`, { method: 'POST', headers: auth, body: form })).status).toBe(200);
    };
    const good = readFileSync(path.join(GENERATED, 'elf-arm64/prog.debug'));
    const bad = Buffer.from('this is not a debug information file\n'.repeat(20));
    const files = { [sha1(good)]: { name: 'prog.debug', chunks: [sha1(good)] }, [sha1(bad)]: { name: 'notes.txt', chunks: [sha1(bad)] } };

    const first = await assemble(files);
    expect(first[sha1(good)]).toEqual({ state: 'not_found', missingChunks: [sha1(good)], detail: null });
    expect(first[sha1(bad)]).toEqual({ state: 'not_found', missingChunks: [sha1(bad)], detail: null });
    await uploadChunk(good);
    await uploadChunk(bad);
    // The request that finds every chunk only records the file and queues its job.
    const second = await assemble(files);
    expect(second[sha1(good)]).toEqual({ state: 'created', missingChunks: [], detail: null });
    expect(second[sha1(bad)]).toEqual({ state: 'created', missingChunks: [], detail: null });

    const seen = new Set<string>();
    const done = await waitFor(
      async () => {
        const answer = await assemble(files);
        for (const a of Object.values(answer)) seen.add(a.state);
        return answer[sha1(good)]!.state === 'ok' && answer[sha1(bad)]!.state === 'error' ? answer : null;
      },
      { timeoutMs: 20_000, what: 'both assemblies finished' },
    );
    expect([...seen].every((state) => ['created', 'assembling', 'ok', 'error'].includes(state))).toBe(true);
    expect(done[sha1(good)]!.dif?.debugId).toBe(meta('elf-arm64').debug_id);
    expect(done[sha1(bad)]!.detail).toMatch(/^Not a readable debug file: /);
    // Polling again changes nothing: the stored file answers ok, the failure keeps its reason.
    const again = await assemble(files);
    expect(again[sha1(good)]!.state).toBe('ok');
    expect(again[sha1(bad)]).toEqual(done[sha1(bad)]);
    const jobs = (await server.app.db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'debug-file.assemble' AND data->>'assemblyId' IN (SELECT id::text FROM dif_assembly WHERE project_id = $1)`, [t.project.id])) as { n: number }[];
    expect(jobs[0]!.n).toBe(2);
  });
});

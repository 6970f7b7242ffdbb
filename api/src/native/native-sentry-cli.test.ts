/**
 * "Done when": the shared fixtures uploaded with the real `sentry-cli debug-files upload` (chunk
 * upload + difs/assemble), Cocoa- and Native-SDK-shaped crashes symbolicated from the dSYM and the
 * ELF debug file exactly as Sentry's snapshots say, and a held crash appearing, grouped, once
 * sentry-cli uploads its debug file.
 */
import { eventPayload } from '../events/event-payload.js';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf } from '../../../test/support/ingest.js';
import { cocoaCrash, FIXTURES, LINUX_CRASH, MACOS_CRASH, nativeSdkCrash, snapshotFunctions } from '../../../test/support/native-events.js';
import { sentryCliOk, type SentryCliTarget } from '../../../test/support/sentry-cli.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import type { NormalizedEvent, StackFrame } from '../events/event.types.js';
import { demangle } from '../symbolication/index.js';

let server: TestServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => {
  await server?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of some fixture files (sentry-cli scans a folder; it is also its HOME). */
function folderWith(files: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-difs-'));
  dirs.push(dir);
  for (const file of files) cpSync(path.join(FIXTURES, file), path.join(dir, 'build', file), { recursive: true });
  return dir;
}

async function tenant() {
  const t = await buildTenant(server.app);
  const cli = (cwd: string): SentryCliTarget => ({ url: server.url, token: t.token, org: t.organization.slug, project: t.project.slug, cwd });
  const send = async (event: Record<string, unknown>) =>
    expect((await postEnvelope(server.url, t.project.id, await publicKeyOf(server.app, t.project), eventEnvelope(event))).status).toBe(200);
  const stored = async (eventId: string) => {
    const [row] = (await server.app.db.query('SELECT payload, issue_id, timestamp FROM event WHERE project_id = $1 AND event_id = $2', [t.project.id, eventId])) as {
      payload: Buffer;
      issue_id: number;
      timestamp: Date;
    }[];
    return row ? { data: eventPayload(row), issue_id: row.issue_id, timestamp: row.timestamp } : undefined;
  };
  const waitStored = (eventId: string) => waitFor(() => stored(eventId), { timeoutMs: 20_000, what: `event ${eventId}` });
  return { ...t, cli, send, stored, waitStored };
}

const frames = (event: NormalizedEvent) => event.exceptions.at(-1)!.frames;
const outermostByAddress = (list: StackFrame[]) => {
  const map = new Map<string, StackFrame>();
  for (const f of list) if (!map.has(f.instructionAddr!)) map.set(f.instructionAddr!, f);
  return map;
};
const abs = (base: bigint, rel: number) => `0x${(base + BigInt(rel)).toString(16)}`;

describe('sentry-cli debug-files upload', () => {
  it.concurrent('uploads the dSYM, Mach-O and ELF fixtures; crashes symbolicate as in Sentry’s snapshots', async () => {
    const t = await tenant();
    const dir = folderWith(['macos/crash', 'macos/crash.dSYM', 'linux/crash', 'linux/crash.debug']);
    const out = await sentryCliOk(t.cli(dir), ['debug-files', 'upload', '--wait', 'build']);
    expect(out).toContain(MACOS_CRASH.debugId);
    expect(out).toContain(LINUX_CRASH.debugId);
    // Nothing new the second time: every file is known by its checksum.
    expect(await sentryCliOk(t.cli(dir), ['debug-files', 'upload', '--wait', 'build'])).toMatch(/Nothing to upload|already/i);

    const listed = (await (await fetch(`${server.url}/api/0/projects/${t.organization.slug}/${t.project.slug}/files/dsyms/`, { headers: { authorization: `Bearer ${t.token}` } })).json()) as {
      debugId: string;
      codeId: string | null;
      symbolType: string;
      data: { features: string[] };
    }[];
    expect(listed.filter((d) => d.debugId === MACOS_CRASH.debugId).map((d) => d.symbolType)).toEqual(['macho', 'macho']);
    expect(listed.find((d) => d.debugId === LINUX_CRASH.debugId && d.data.features.includes('debug'))).toMatchObject({ codeId: LINUX_CRASH.codeId, symbolType: 'elf' });

    // macOS: every function of the snapshot at its entry (linkage names), and the inline chain at 0xdc15.
    const mac = snapshotFunctions('macos');
    const cocoa = cocoaCrash([...mac.map(([rel]) => ({ rel })), { rel: 0xdc15 }], { adjustment: 'none' });
    await t.send(cocoa);
    const macFrames = frames((await t.waitStored(cocoa.event_id)).data);
    const macOuter = outermostByAddress(macFrames);
    expect(mac.filter(([rel, name]) => { const f = macOuter.get(abs(MACOS_CRASH.imageAddr, rel)); return (f?.symbol ?? f?.function) !== name; })).toEqual([]);
    const snapshot = readFileSync(path.join(FIXTURES, 'snapshots/test_cache__lookup.snap'), 'utf8');
    const expected = [...snapshot.matchAll(/"([^"]+)",\s+(\d+),\s+Function \{\s+name: "([^"]+)"/g)].map((m) => ({ absPath: m[1], lineno: Number(m[2]), name: m[3] }));
    const chain = macFrames.filter((f) => f.instructionAddr === abs(MACOS_CRASH.imageAddr, 0xdc15)).map((f) => ({ absPath: f.absPath, lineno: f.lineno, name: f.symbol ?? f.function }));
    expect(chain).toEqual([...expected].reverse());

    // Linux (Native SDK): every function of the snapshot at its entry.
    const linux = snapshotFunctions('linux');
    const native = nativeSdkCrash(linux.map(([rel]) => ({ rel })));
    (native.exception.values[0]!.stacktrace as Record<string, unknown>).instruction_addr_adjustment = 'none';
    await t.send(native);
    const linuxOuter = outermostByAddress(frames((await t.waitStored(native.event_id)).data));
    // Compared as displayed: where GCC emitted aliases at one address (C1/C2 constructors, D1/D2
    // destructors, old/new template-pack manglings) the kit may name the other alias, which
    // demangles to the same function.
    expect(linux.flatMap(([rel, name]) => { const f = linuxOuter.get(abs(LINUX_CRASH.imageAddr, rel)); return f?.function !== demangle(name) ? [[rel.toString(16), name, f?.symbol ?? f?.function]] : []; })).toEqual([]);
  });

  it.concurrent('held → sentry-cli upload → the crashes appear, grouped, with their timestamps', async () => {
    const t = await tenant();
    await server.client({ token: t.token }).data('mutation($id: ID!) { updateProject(id: $id, input: { reprocessingActive: true }) { id } }', { id: String(t.project.id) });
    const timestamp = Math.floor(Date.now() / 1000) - 7200;
    const a = nativeSdkCrash([{ rel: 0x1c74 }, { rel: 0x43c4 }], { timestamp });
    const b = nativeSdkCrash([{ rel: 0x1c74 }, { rel: 0x43c4 }], { timestamp: timestamp + 5 });
    await t.send(a);
    await t.send(b);
    await waitFor(async () => ((await server.app.db.query('SELECT count(*)::int AS n FROM held_event WHERE project_id = $1', [t.project.id])) as { n: number }[])[0]!.n === 2 || null, {
      timeoutMs: 20_000,
      what: 'two held crashes',
    });
    expect(await t.stored(a.event_id)).toBeUndefined();

    await sentryCliOk(t.cli(folderWith(['linux/crash.debug'])), ['debug-files', 'upload', '--wait', 'build']);
    const [first, second] = [await t.waitStored(a.event_id), await t.waitStored(b.event_id)];
    expect(first.issue_id).toBe(second.issue_id);
    expect(first.timestamp.getTime()).toBe(timestamp * 1000);
    // At 0x43c4 logger::write has sys_write inlined: one address, two frames.
    expect(frames(first.data).map((f) => f.symbol ?? f.function)).toEqual(['main', '_ZN6logger5writeEPKcm', 'sys_write']);
    expect(frames(first.data).every((f) => f.symbolicatorStatus === 'symbolicated' && f.lineno !== undefined)).toBe(true);
  });
});

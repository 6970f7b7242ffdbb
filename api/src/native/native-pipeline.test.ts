/**
 * Native crashes through the whole pipeline on a real server with workers: debug files uploaded over
 * Sentry's REST API, Cocoa- and Native-SDK-shaped events sent to the envelope endpoint, stored frames
 * compared with Sentry's own answers (symbolic's snapshots), and reprocessing of held events.
 */
import { eventPayload } from '../events/event-payload.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { cocoaCrash, FIXTURES, LINUX_CRASH, MACOS_CRASH, nativeSdkCrash, snapshotFunctions } from '../../../test/support/native-events.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { demangle } from '../symbolication/index.js';
import type { NormalizedEvent, StackFrame } from '../events/event.types.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => {
  await server?.close();
});

type Tenant = Awaited<ReturnType<typeof buildTenant>>;
const macosSym = () => readFileSync(path.join(FIXTURES, 'macos/crash.inlines.sym'));
const linuxSym = () => readFileSync(path.join(FIXTURES, 'linux/crash.sym'));

async function upload(t: Tenant, name: string, bytes: Buffer, projectSlug = t.project.slug) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  const response = await fetch(`${server.url}/api/0/projects/${t.organization.slug}/${projectSlug}/files/dsyms/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function send(t: Tenant, event: Record<string, unknown>) {
  const response = await postEnvelope(server.url, t.project.id, await publicKeyOf(server.app, t.project), eventEnvelope(event));
  expect(response.status).toBe(200);
}

async function storedEvent(t: Tenant, eventId: string) {
  const [row] = (await server.app.db.query('SELECT payload, issue_id, timestamp FROM event WHERE project_id = $1 AND event_id = $2', [t.project.id, eventId])) as {
    payload: Buffer;
    issue_id: number;
    timestamp: Date;
  }[];
  return row ? { data: eventPayload(row), issue_id: row.issue_id, timestamp: row.timestamp } : undefined;
}

async function waitForStored(t: Tenant, eventId: string) {
  return waitFor(() => storedEvent(t, eventId), { timeoutMs: 20_000, what: `event ${eventId}` });
}

async function setReprocessing(t: Tenant, active: boolean) {
  const client = server.client({ token: t.token });
  await client.data('mutation($id: ID!, $active: Boolean!) { updateProject(id: $id, input: { reprocessingActive: $active }) { id reprocessingActive } }', {
    id: String(t.project.id),
    active,
  });
}

const framesOf = (event: NormalizedEvent) => event.exceptions.at(-1)!.frames;

describe('symbolication in the pipeline', () => {
  it.concurrent('gives every function of Sentry’s macOS snapshot at its entry, and the inline chain at 0xdc15', async () => {
    const t = await buildTenant(server.app);
    const uploaded = await upload(t, 'crash.sym', macosSym());
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual([expect.objectContaining({ debugId: MACOS_CRASH.debugId, cpuName: 'x86_64', objectName: 'crash', symbolType: 'breakpad' })]);

    const functions = snapshotFunctions('macos');
    // Entries are looked up as they are (no return-address adjustment), one frame each.
    const event = cocoaCrash(functions.map(([rel]) => ({ rel })), { adjustment: 'none' });
    await send(t, event);
    const stored = await waitForStored(t, event.event_id);
    const byAddress = new Map<string, StackFrame[]>();
    for (const frame of framesOf(stored.data)) byAddress.set(frame.instructionAddr!, [...(byAddress.get(frame.instructionAddr!) ?? []), frame]);
    const mismatches = functions.filter(([rel, name]) => {
      const outer = byAddress.get(`0x${(MACOS_CRASH.imageAddr + BigInt(rel)).toString(16)}`)?.[0];
      return outer?.function !== demangle(name) || outer.symbolAddr !== `0x${(MACOS_CRASH.imageAddr + BigInt(rel)).toString(16)}` || outer.symbolicatorStatus !== 'symbolicated';
    });
    expect(mismatches).toEqual([]);

    // A crash at image-relative 0xdc15: Sentry's inline chain, stored caller first.
    const crash = cocoaCrash([{ rel: 0xdba0 + 0x10 }, { rel: 0xdc15 }]);
    await send(t, crash);
    const frames = framesOf((await waitForStored(t, crash.event_id)).data);
    const chain = frames.filter((f) => f.instructionAddr === `0x${(MACOS_CRASH.imageAddr + 0xdc15n).toString(16)}`);
    const snapshot = readFileSync(path.join(FIXTURES, 'snapshots/test_cache__lookup.snap'), 'utf8');
    const expected = [...snapshot.matchAll(/"([^"]+)",\s+(\d+),\s+Function \{\s+name: "([^"]+)"/g)].map((m) => ({ absPath: m[1], lineno: Number(m[2]), function: demangle(m[3]!) }));
    expect(expected).toHaveLength(3);
    expect(chain.map((f) => ({ absPath: f.absPath, lineno: f.lineno, function: f.function }))).toEqual([...expected].reverse());
    expect(chain.every((f) => f.inApp && f.package === MACOS_CRASH.codeFile && f.filename === 'main.cpp')).toBe(true);
    // The image list says the app's debug file was found.
    expect(stored.data.debugMeta?.images[0]).toMatchObject({ debug_status: 'found' });
  });

  it.concurrent('gives every function of Sentry’s Linux snapshot at its entry (Native SDK event)', async () => {
    const t = await buildTenant(server.app);
    expect((await upload(t, 'crash.sym', linuxSym())).status).toBe(201);
    const functions = snapshotFunctions('linux');
    const crash = nativeSdkCrash(functions.map(([rel]) => ({ rel })));
    (crash.exception.values[0]!.stacktrace as Record<string, unknown>).instruction_addr_adjustment = 'none';
    await send(t, crash);
    const frames = framesOf((await waitForStored(t, crash.event_id)).data);
    const outer = new Map<string, StackFrame>();
    for (const f of frames) if (!outer.has(f.instructionAddr!)) outer.set(f.instructionAddr!, f);
    // The snapshot lists DWARF linkage names; the Breakpad file's dump_syms wrote template return types
    // ("void std::vector<…>::…") and GCC clone suffixes ("[clone .localalias.19]") into the five
    // symbol-table-only names, which is what any reader of that file answers.
    const dumpSymsName = (name: string) => name.replace(/^void (?=std::)/, '').replace(/( \[clone [^\]]+\])+$/, '');
    const mismatches = functions.filter(([rel, name]) => dumpSymsName(outer.get(`0x${(LINUX_CRASH.imageAddr + BigInt(rel)).toString(16)}`)?.function ?? '') !== dumpSymsName(demangle(name)));
    expect(mismatches).toEqual([]);
  });

  it.concurrent('marks frames and images it cannot symbolicate, and keeps JavaScript frames of a React Native stack in order', async () => {
    const t = await buildTenant(server.app);
    const event = cocoaCrash([{ rel: 0xdba0 }, { rel: 0x10, image: { imageAddr: 0x7fff20000000n } }, { rel: 0xdc15 }], {
      extraImages: [{ type: 'macho', debug_id: '84a04d24-0e60-3810-a8c0-90a65e2df61a', code_file: '/usr/lib/libSystem.B.dylib', image_addr: '0x7fff20000000', image_size: 8192 }],
    });
    const frames = event.exception.values[0]!.stacktrace.frames as Record<string, unknown>[];
    // React Native: a JavaScript frame between the native ones, and one address in no image.
    frames.splice(1, 0, { function: 'onPress', filename: 'app.bundle', lineno: 10, colno: 4, platform: 'javascript' }, { instruction_addr: '0x1000' });
    await send(t, event);
    const stored = framesOf((await waitForStored(t, event.event_id)).data);
    expect(stored.map((f) => f.symbolicatorStatus ?? f.function)).toEqual(['missing', 'onPress', 'unknown_image', 'missing', 'missing']);
    expect(stored[3]).toMatchObject({ package: '/usr/lib/libSystem.B.dylib', inApp: false });
    const data = (await storedEvent(t, event.event_id))!.data;
    expect(data.debugMeta!.images.map((i) => i.debug_status)).toEqual(['missing', 'missing']);
    expect(data.errors).toContainEqual(expect.objectContaining({ type: 'native_missing_dsym', value: MACOS_CRASH.debugId }));
  });
});

describe('debug files over REST and GraphQL', () => {
  it.concurrent('lists, downloads and deletes; shows Project.debugFiles; refuses unreadable files; reads zip archives', async () => {
    const t = await buildTenant(server.app);
    const base = `${server.url}/api/0/projects/${t.organization.slug}/${t.project.slug}/files/dsyms/`;
    const auth = { authorization: `Bearer ${t.token}` };
    const bad = await upload(t, 'notes.txt', Buffer.from('hello, not a debug file'));
    expect(bad.status).toBe(400);
    expect((bad.body as { detail: string }).detail).toMatch(/^Not a readable debug file: notes\.txt: /);

    const zipped = await upload(t, 'symbols.zip', Buffer.from(zipSync({ 'macos/crash.sym': macosSym(), 'linux/crash.sym': linuxSym(), 'macos/Info.plist': Buffer.from('<plist/>') })));
    expect(zipped.status).toBe(201);
    expect((zipped.body as { debugId: string }[]).map((d) => d.debugId).sort()).toEqual([MACOS_CRASH.debugId, LINUX_CRASH.debugId].sort());

    const list = (await (await fetch(base, { headers: auth })).json()) as { id: string; debugId: string; sha1: string }[];
    expect(list).toHaveLength(2);
    const gql = await server.client({ token: t.token }).data<{ organization: { project: { debugFiles: { debugId: string; kind: string; features: string[] }[] } } }>(
      'query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { debugFiles { debugId kind features } } } }',
      { org: t.organization.slug, slug: t.project.slug },
    );
    expect(gql.organization.project.debugFiles.map((d) => d.debugId).sort()).toEqual(list.map((d) => d.debugId).sort());

    const linux = list.find((d) => d.debugId === LINUX_CRASH.debugId)!;
    const download = await fetch(`${base}?id=${linux.id}`, { headers: auth });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(linuxSym())).toBe(true);
    expect((await fetch(`${base}?id=${linux.id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
    expect(((await (await fetch(base, { headers: auth })).json()) as unknown[]).length).toBe(1);

    // Another organization's token sees nothing of it.
    const other = await buildTenant(server.app);
    const foreign = await fetch(base, { headers: { authorization: `Bearer ${other.token}` } });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { detail: string }).detail).toBeTruthy();
  });
});

describe('reprocessing', () => {
  it.concurrent('holds a crash until its debug file arrives, then stores it grouped, with its original timestamp', async () => {
    const t = await buildTenant(server.app);
    await setReprocessing(t, true);
    const timestamp = Math.floor(Date.now() / 1000) - 3600;
    const first = nativeSdkCrash([{ rel: 0x1c70 + 4 }, { rel: 0x43c0 }], { timestamp });
    const second = nativeSdkCrash([{ rel: 0x1c70 + 4 }, { rel: 0x43c0 }], { timestamp: timestamp + 1 });
    await send(t, first);
    await send(t, second);

    const client = server.client({ token: t.token });
    const query = 'query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { processingIssues { heldEvents uploadInstructions issues { debugId type imagePath arch numEvents } } } } }';
    type Issues = { organization: { project: { processingIssues: { heldEvents: number; uploadInstructions: string; issues: { debugId: string; numEvents: number }[] } } } };
    const held = await waitFor(
      async () => {
        const data = await client.data<Issues>(query, { org: t.organization.slug, slug: t.project.slug });
        return data.organization.project.processingIssues.heldEvents === 2 ? data.organization.project.processingIssues : null;
      },
      { timeoutMs: 20_000, what: 'two held events' },
    );
    expect(held.issues).toEqual([{ debugId: LINUX_CRASH.debugId, type: 'native_missing_dsym', imagePath: LINUX_CRASH.codeFile, arch: 'x86_64', numEvents: 2 }]);
    expect(held.uploadInstructions).toContain('sentry-cli debug-files upload');
    const rest = (await (await fetch(`${server.url}/api/0/projects/${t.organization.slug}/${t.project.slug}/processingissues/?detailed=1`, { headers: { authorization: `Bearer ${t.token}` } })).json()) as Record<string, unknown>;
    expect(rest).toMatchObject({ hasIssues: true, numIssues: 1, heldEvents: 2, issues: [expect.objectContaining({ type: 'native_missing_dsym', numEvents: 2, checksum: LINUX_CRASH.debugId })] });
    // Not in the stream.
    expect(await storedEvent(t, first.event_id)).toBeUndefined();

    // The upload resolves the issue and sends both back through the pipeline.
    expect((await upload(t, 'crash.sym', linuxSym())).status).toBe(201);
    await waitForEvents(server.app, t.project.id, 2, 20_000);
    const a = (await storedEvent(t, first.event_id))!;
    const b = (await storedEvent(t, second.event_id))!;
    expect(a.issue_id).toBe(b.issue_id);
    expect(a.timestamp.getTime()).toBe(timestamp * 1000);
    expect(framesOf(a.data).at(-1)).toMatchObject({ function: demangle('_ZN6logger5writeEPKcm'), symbolicatorStatus: 'symbolicated' });
    const after = await client.data<Issues>(query, { org: t.organization.slug, slug: t.project.slug });
    expect(after.organization.project.processingIssues).toMatchObject({ heldEvents: 0, issues: [] });
  });

  it.concurrent('turning reprocessing off releases held events with their errors; reprocessProject and REST start a run', async () => {
    const t = await buildTenant(server.app);
    await setReprocessing(t, true);
    const event = nativeSdkCrash([{ rel: 0x43c0 }]);
    await send(t, event);
    await waitFor(async () => ((await server.app.db.query('SELECT count(*)::int AS n FROM held_event WHERE project_id = $1', [t.project.id])) as { n: number }[])[0]!.n === 1 || null, {
      timeoutMs: 20_000,
      what: 'held event',
    });
    // Nothing uploaded yet: a run by hand releases nothing.
    const rest = await fetch(`${server.url}/api/0/projects/${t.organization.slug}/${t.project.slug}/reprocessing/`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` } });
    expect(rest.status).toBe(200);
    expect(await server.client({ token: t.token }).data('mutation($id: ID!) { reprocessProject(projectId: $id) }', { id: String(t.project.id) })).toEqual({ reprocessProject: true });

    await setReprocessing(t, false);
    const stored = await waitForStored(t, event.event_id);
    expect(stored.data.errors).toContainEqual(expect.objectContaining({ type: 'native_missing_dsym' }));
    expect(framesOf(stored.data)[0]).toMatchObject({ symbolicatorStatus: 'missing' });
  });

  it.concurrent('reprocessIssue re-symbolicates stored events in place and regroups them', async () => {
    const t = await buildTenant(server.app);
    const event = nativeSdkCrash([{ rel: 0x1c74 }, { rel: 0x43c0 }]);
    await send(t, event);
    const before = await waitForStored(t, event.event_id);
    expect(framesOf(before.data).at(-1)).toMatchObject({ symbolicatorStatus: 'missing' });
    expect((await upload(t, 'crash.sym', linuxSym())).status).toBe(201);
    const client = server.client({ token: t.token });
    expect(await client.data('mutation($id: ID!) { reprocessIssue(issueId: $id) }', { id: String(before.issue_id) })).toEqual({ reprocessIssue: true });
    const after = await waitFor(async () => {
      const row = await storedEvent(t, event.event_id);
      return framesOf(row!.data).at(-1)!.symbolicatorStatus === 'symbolicated' ? row : null;
    }, { timeoutMs: 20_000, what: 'reprocessed event' });
    expect(framesOf(after.data).map((f) => f.function)).toEqual([demangle('main'), demangle('_ZN6logger5writeEPKcm')]);
    expect(after.timestamp.getTime()).toBe(before.timestamp.getTime());
    expect(after.issue_id).not.toBe(before.issue_id);
    // The emptied issue is settled after the last batch commits: wait for it rather than race it.
    await waitFor(async () => (((await server.app.db.query('SELECT count(*)::int AS n FROM issue WHERE id = $1', [before.issue_id])) as { n: number }[])[0]!.n === 0 ? true : null), {
      timeoutMs: 10_000,
      what: 'the emptied issue removed',
    });
  });
});

describe('system symbols', () => {
  it.concurrent('loads a set per OS build, symbolicates system frames from a neighbouring build, and answers batch lookups in order', async () => {
    const t = await buildTenant(server.app);
    // Stand-in for a system library: the Linux program's symbols loaded as iOS 10.3.1 (14E304).
    const form = new FormData();
    form.append('file', new Blob([linuxSym()]), 'libsystem.sym');
    const loaded = await fetch(`${server.url}/api/0/organizations/${t.organization.slug}/system-symbols/iOS_10.3.1_14E304/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}` },
      body: form,
    });
    expect(loaded.status).toBe(201);

    const lookup = await fetch(`${server.url}/api/0/symbols/lookup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        sdk_id: 'iOS_10.3.2_14F89',
        symbols: [
          { object_uuid: LINUX_CRASH.debugId.toUpperCase(), object_name: '/usr/lib/system/libsystem.dylib', addr: '0x43c4' },
          { debug_id: '84a04d24-0e60-3810-a8c0-90a65e2df61a', object_name: 'Unknown', addr: '0x10' },
          { debug_id: LINUX_CRASH.debugId, object_name: '/usr/lib/system/libsystem.dylib', addr: String(0x1c70) },
        ],
      }),
    });
    expect(lookup.status).toBe(200);
    expect(((await lookup.json()) as { symbols: unknown[] }).symbols).toEqual([
      expect.objectContaining({ object_uuid: LINUX_CRASH.debugId, object_name: '/usr/lib/system/libsystem.dylib', symbol: demangle('_ZN6logger5writeEPKcm'), addr: '0x43c0' }),
      null,
      expect.objectContaining({ symbol: 'main', addr: '0x1c70' }),
    ]);
    const refused = await fetch(`${server.url}/api/0/symbols/lookup`, { method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, body: '{"symbols":[{"addr":"0x1"}]}' });
    expect(refused.status).toBe(400);
    const garbled = await fetch(`${server.url}/api/0/symbols/lookup`, { method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, body: '{"symbols":[' });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toMatch(/not valid JSON/);

    // An iOS crash through that library: symbolicated from the 10.3.1 set though the device ran 10.3.2.
    const system = { imageAddr: 0x1a0000000n };
    const event = cocoaCrash([{ rel: 0x43c4, image: system }], {
      sdkInfo: { sdk_name: 'iOS', version_major: 10, version_minor: 3, version_patchlevel: 2 },
      extraImages: [{ type: 'macho', debug_id: LINUX_CRASH.debugId, code_file: '/usr/lib/system/libsystem.dylib', image_addr: '0x1a0000000', image_size: 0x40000, arch: 'arm64' }],
    });
    await send(t, event);
    const frame = framesOf((await waitForStored(t, event.event_id)).data)[0]!;
    expect(frame).toMatchObject({ function: demangle('_ZN6logger5writeEPKcm'), inApp: false, package: '/usr/lib/system/libsystem.dylib', symbolicatorStatus: 'symbolicated' });
  });
});

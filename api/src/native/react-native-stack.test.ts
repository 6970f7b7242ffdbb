/**
 * A React Native crash: native frames (Cocoa SDK shape) and JavaScript frames of a minified bundle in
 * one stack. With both the debug file and the bundle's source map uploaded, one event comes out
 * symbolicated and un-minified, its frames in the order the SDK sent them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generatedPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventPayload } from '../events/event-payload.js';
import type { StackFrame } from '../events/event.types.js';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf } from '../../../test/support/ingest.js';
import { buildMinifiedApp, type BuiltBundle } from '../../../test/support/js-bundle.js';
import { cocoaCrash, FIXTURES, MACOS_CRASH } from '../../../test/support/native-events.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';

let server: TestServer;
let bundle: BuiltBundle;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
  bundle = await buildMinifiedApp('esbuild');
});
afterAll(async () => {
  await bundle?.remove();
  await server?.close();
});

const RELEASE = 'rn-app@1.0.0';

async function post(url: string, token: string, body: FormData | Record<string, unknown>): Promise<Response> {
  const json = !(body instanceof FormData);
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
    body: json ? JSON.stringify(body) : body,
  });
}

const form = (fields: Record<string, string>, file: { name: string; bytes: Buffer }) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append('file', new Blob([file.bytes]), file.name);
  return data;
};

it('symbolicates the native frames and un-minifies the JavaScript ones of one stack, in the SDK’s order', { timeout: 60_000 }, async () => {
  const t = await buildTenant(server.app);
  const api = `${server.url}/api/0`;
  const dsym = await post(`${api}/projects/${t.organization.slug}/${t.project.slug}/files/dsyms/`, t.token, form({}, { name: 'crash.sym', bytes: await readFile(path.join(FIXTURES, 'macos/crash.inlines.sym')) }));
  expect(dsym.status).toBe(201);
  expect((await post(`${api}/organizations/${t.organization.slug}/releases/`, t.token, { version: RELEASE, projects: [t.project.slug] })).status).toBe(201);
  const mapFile = await post(
    `${api}/projects/${t.organization.slug}/${t.project.slug}/releases/${RELEASE}/files/`,
    t.token,
    form({ name: '~/app.min.js.map' }, { name: 'app.min.js.map', bytes: await readFile(bundle.mapFile) }),
  );
  expect(mapFile.status).toBe(201);

  // Where the bundle throws (src/checkout.js line 8) and where it calls priceOf (line 3), minified.
  const callSite = '  return cart.items.reduce((sum, item) => sum + priceOf(item), 0);'.indexOf('priceOf');
  const map = new TraceMap(await readFile(bundle.mapFile, 'utf8'));
  const minified = (line: number, column: number) => {
    const at = generatedPositionFor(map, { source: 'src/checkout.js', line, column });
    return { filename: 'app:///app.min.js', abs_path: 'app:///app.min.js', lineno: at.line!, colno: at.column! + 1, platform: 'javascript', in_app: true };
  };
  const event = { ...cocoaCrash([{ rel: 0xdba0 + 0x10 }, { rel: 0xdc15 }]), release: RELEASE, platform: 'cocoa' };
  const frames = event.exception.values[0]!.stacktrace.frames as Record<string, unknown>[];
  // Oldest first, as the SDK sends them: native entry, JS caller, JS crash site, native crash.
  frames.splice(1, 0, minified(3, callSite), minified(8, 4));
  const response = await postEnvelope(server.url, t.project.id, await publicKeyOf(server.app, t.project), eventEnvelope(event));
  expect(response.status).toBe(200);

  const stored = await waitFor(
    async () => {
      const [row] = (await server.app.db.query('SELECT payload FROM event WHERE project_id = $1 AND event_id = $2', [t.project.id, event.event_id])) as { payload: Buffer }[];
      return row ? eventPayload(row) : undefined;
    },
    { timeoutMs: 20_000, what: 'the React Native event' },
  );
  const out = stored.exceptions.at(-1)!.frames;
  const kind = (f: StackFrame) => (f.instructionAddr ? 'native' : 'js');
  // One native frame, the two JavaScript frames, then the crash address expanded into its inline chain.
  expect(out.map(kind)).toEqual(['native', 'js', 'js', 'native', 'native', 'native']);
  const native = out.filter((f) => f.instructionAddr);
  expect(native.every((f) => f.symbolicatorStatus === 'symbolicated' && f.package === MACOS_CRASH.codeFile)).toBe(true);
  const js = out.filter((f) => !f.instructionAddr);
  expect(js.map((f) => [f.filename, f.lineno])).toEqual([
    ['src/checkout.js', 3],
    ['src/checkout.js', 8],
  ]);
  expect(js[1]).toMatchObject({ function: 'priceOf', contextLine: '    throw new TypeError(`Item ${item.name} has no price`);' });
  expect(stored.processingErrors ?? []).toEqual([]);
  expect(stored.debugMeta?.images[0]).toMatchObject({ debug_status: 'found' });
});

import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, newEventId, postEnvelope } from '../../../test/support/envelopes.js';
import { eventCount, outcomeTotal, publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { ProjectKey } from '../projects/project-key.entity.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

async function tenant() {
  const t = await buildTenant(server.app);
  return { ...t, key: await publicKeyOf(server.app, t.project) };
}

async function queued(projectId: number): Promise<number> {
  const [row] = (await server.app.db.query('SELECT count(*)::int AS n FROM ingest_queue WHERE project_id = $1', [projectId])) as { n: number }[];
  return row?.n ?? 0;
}

/** After a refusal nothing is queued or stored, and the server still accepts a good event. */
async function expectNothingStoredAndHealthy(projectId: number, key: string): Promise<void> {
  expect(await queued(projectId)).toBe(0);
  expect(await eventCount(server.app, projectId)).toBe(0);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const good = await postEnvelope(server.url, projectId, key, eventEnvelope({ message: 'still alive' }));
  expect(good.status).toBe(200);
  await waitForEvents(server.app, projectId, 1);
}

describe('the ingest edge refuses bad input with a clear status and stores nothing', () => {
  it.each([
    ['garbage bytes', Buffer.from([0xff, 0x00, 0x13, 0x37, 0x0a, 0x42]), 400, /Invalid envelope/],
    ['a truncated envelope', '{"event_id":"a"}\n{"type":"attachment","length":500}\nshort', 400, /truncated/],
    ['an item without a type', '{}\n{"length":2}\n{}\n', 400, /no type/],
    ['an event that is not JSON', '{}\n{"type":"event"}\nnot json at all\n', 400, /not valid JSON/],
    ['an event that is a JSON array', '{}\n{"type":"event"}\n[1,2]\n', 400, /JSON object/],
  ])('%s → %s', async (_name, body, status, detail) => {
    const { project, key } = await tenant();
    const response = await postEnvelope(server.url, project.id, key, body);
    expect(response.status).toBe(status);
    expect(String(response.body.detail)).toMatch(detail);
    await expectNothingStoredAndHealthy(project.id, key);
  });

  it('refuses a missing, unknown, foreign or disabled key with 401/403', async () => {
    const { project, key } = await tenant();
    const other = await tenant();
    const body = eventEnvelope({ message: 'x' });
    expect((await postEnvelope(server.url, project.id, null, body)).status).toBe(401);
    expect((await postEnvelope(server.url, project.id, 'f'.repeat(32), body)).status).toBe(401);
    expect((await postEnvelope(server.url, project.id, other.key, body)).status).toBe(403);
    await server.app.db.getRepository(ProjectKey).update({ publicKey: key }, { isActive: false });
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the edge caches keys for 2 s
    const disabled = await postEnvelope(server.url, project.id, key, body);
    expect(disabled.status).toBe(403);
    expect(disabled.body.detail).toBe('This DSN key is disabled');
    expect(await queued(project.id)).toBe(0);
  });

  it('refuses oversized bodies and decompression bombs with 413', async () => {
    const { project, key } = await tenant();
    const hugeEvent = eventEnvelope({ message: 'x'.repeat(2 * 1024 * 1024) });
    const tooLarge = await postEnvelope(server.url, project.id, key, hugeEvent);
    expect(tooLarge.status).toBe(413);

    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024)); // 200 MiB of zeros in ~200 KiB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const exploded = await postEnvelope(server.url, project.id, key, bomb, { 'content-encoding': 'gzip' });
    expect(exploded.status).toBe(413);

    const overLimit = await postEnvelope(server.url, project.id, key, Buffer.alloc(21 * 1024 * 1024, 0x61));
    expect(overLimit.status).toBe(413);

    const badGzip = await postEnvelope(server.url, project.id, key, Buffer.from('not gzip'), { 'content-encoding': 'gzip' });
    expect(badGzip.status).toBe(400);
    await expectNothingStoredAndHealthy(project.id, key);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // edge outcomes are written once a second
    expect(await outcomeTotal(server.app, project.id, 'invalid', 'too_large')).toBe(2);
    expect(await outcomeTotal(server.app, project.id, 'invalid', 'invalid_encoding')).toBe(1);
  });
});

describe('the ingest edge accepts every framing SDKs use', () => {
  it('takes gzip, deflate and br bodies, the X-Sentry-Auth header and the envelope dsn header', async () => {
    const { project, key } = await tenant();
    const zlib = await import('node:zlib');
    const bodies: [Buffer | string, Record<string, string>, string | null][] = [
      [gzipSync(eventEnvelope({ message: 'gzip' })), { 'content-encoding': 'gzip' }, key],
      [zlib.deflateSync(eventEnvelope({ message: 'deflate' })), { 'content-encoding': 'deflate' }, key],
      [zlib.brotliCompressSync(eventEnvelope({ message: 'br' })), { 'content-encoding': 'br' }, key],
      [eventEnvelope({ message: 'auth header' }), { 'x-sentry-auth': `Sentry sentry_key=${key}, sentry_version=7, sentry_client=sentry-cli/x86_64` }, null],
    ];
    for (const [body, headers, queryKey] of bodies) {
      expect((await postEnvelope(server.url, project.id, queryKey, body, headers)).status).toBe(200);
    }
    const dsn = `http://${key}@127.0.0.1/${project.id}`;
    const withDsn = `${JSON.stringify({ event_id: newEventId(), dsn })}\n{"type":"event","length":20}\n{"message":"in dsn"}\n`;
    expect((await postEnvelope(server.url, project.id, null, withDsn)).status).toBe(200);
    // The DSN in the header of a compressed envelope works too (read from the first bytes only).
    const padded = () => `${JSON.stringify({ event_id: newEventId(), dsn })}\n{"type":"event"}\n${JSON.stringify({ message: 'compressed, dsn', extra: { pad: 'x'.repeat(200_000) } })}\n`;
    for (const [body, encoding] of [[gzipSync(padded()), 'gzip'], [zlib.brotliCompressSync(padded()), 'br'], [zlib.deflateRawSync(padded()), 'deflate']] as const) {
      expect((await postEnvelope(server.url, project.id, null, body, { 'content-encoding': encoding })).status).toBe(200);
    }
    await waitForEvents(server.app, project.id, 8);
  });

  it('answers browsers with CORS headers and preflights', async () => {
    const { project, key } = await tenant();
    const preflight = await fetch(`${server.url}/api/${project.id}/envelope/`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const response = await postEnvelope(server.url, project.id, key, eventEnvelope({ message: 'from a browser' }), {
      'content-type': 'text/plain;charset=UTF-8',
      origin: 'https://shop.example',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-expose-headers')).toContain('x-sentry-rate-limits');
  });

  it('keeps the legacy store endpoint working', async () => {
    const { project, key } = await tenant();
    const eventId = newEventId();
    const response = await fetch(`${server.url}/api/${project.id}/store/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sentry-auth': `Sentry sentry_key=${key}, sentry_version=7` },
      body: JSON.stringify({ event_id: eventId, message: 'from an old SDK', level: 'info' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: eventId });
    await waitForEvents(server.app, project.id, 1);
  });

  it('accepts and drops transactions, spans and unknown items, counting them', async () => {
    const { project, key } = await tenant();
    const body = `{}\n{"type":"transaction"}\n{"type":"transaction","spans":[]}\n{"type":"span","item_count":2}\n{"version":2,"items":[]}\n{"type":"future_thing"}\n{}\n`;
    expect((await postEnvelope(server.url, project.id, key, body)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // edge outcomes are written once a second
    expect(await outcomeTotal(server.app, project.id, 'filtered', 'unsupported:transaction')).toBe(1);
    expect(await outcomeTotal(server.app, project.id, 'filtered', 'unsupported:span')).toBe(2);
    expect(await queued(project.id)).toBe(0);
  });
});

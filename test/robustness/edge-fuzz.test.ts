import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../api/src/ingest/envelope.js';
import { buildTenant } from '../support/factories.js';
import { newEventId } from '../support/envelopes.js';
import { publicKeyOf } from '../support/ingest.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

/**
 * Property-based fuzzing of the ingest edge: random, mutated and mis-encoded envelopes with
 * random headers. Whatever arrives, the answer is a 4xx or 200 within a few seconds (never a 5xx,
 * never a hang), the server stays healthy, and every event the edge answered 200 for is stored.
 */

const RUNS = 200;
const ANSWER_WITHIN_MS = 10_000;
// The seed is printed on failure; FUZZ_SEED=<n> replays a run.
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;

let server: TestServer;
let projectId: number;
let publicKey: string;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
  const tenant = await buildTenant(server.app);
  projectId = tenant.project.id;
  publicKey = await publicKeyOf(server.app, tenant.project);
});
afterAll(async () => server?.close());

// ---- what SDKs send, roughly, and worse --------------------------------------------------------

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', '\u0000', 'a\u0000b', '\ud800', '💥'.repeat(50)));
const frame = fc.record(
  { filename: text, function: text, lineno: fc.oneof(fc.nat(), fc.integer(), fc.double(), text), in_app: fc.oneof(fc.boolean(), text), vars: fc.dictionary(text, fc.jsonValue(), { maxKeys: 3 }) },
  { requiredKeys: [] },
);
const exception = fc.record(
  { type: text, value: text, stacktrace: fc.oneof(fc.record({ frames: fc.array(frame, { maxLength: 5 }) }), fc.jsonValue()), mechanism: fc.jsonValue() },
  { requiredKeys: [] },
);
const event = fc.record(
  {
    message: fc.oneof(text, fc.record({ formatted: text, message: text, params: fc.array(fc.jsonValue(), { maxLength: 3 }) }, { requiredKeys: [] })),
    level: fc.oneof(fc.constantFrom('fatal', 'error', 'warning', 'info', 'debug'), text),
    platform: fc.oneof(fc.constantFrom('javascript', 'node', 'python', 'other'), text),
    timestamp: fc.oneof(fc.double(), fc.integer(), text, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    release: text,
    environment: text,
    fingerprint: fc.oneof(fc.array(text, { maxLength: 3 }), fc.jsonValue()),
    tags: fc.oneof(fc.dictionary(text, text, { maxKeys: 5 }), fc.array(fc.tuple(text, text), { maxLength: 3 }), fc.jsonValue()),
    extra: fc.dictionary(text, fc.jsonValue(), { maxKeys: 5 }),
    user: fc.oneof(fc.record({ id: fc.oneof(text, fc.integer()), email: text, ip_address: text }, { requiredKeys: [] }), fc.jsonValue()),
    exception: fc.oneof(fc.record({ values: fc.array(exception, { maxLength: 3 }) }), fc.array(exception, { maxLength: 2 }), fc.jsonValue()),
    breadcrumbs: fc.oneof(fc.record({ values: fc.array(fc.jsonValue(), { maxLength: 3 }) }), fc.jsonValue()),
    request: fc.oneof(fc.record({ url: text, method: text, headers: fc.dictionary(text, text, { maxKeys: 3 }) }, { requiredKeys: [] }), fc.jsonValue()),
    contexts: fc.dictionary(text, fc.jsonValue(), { maxKeys: 3 }),
    sdk: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

interface Item {
  header: Record<string, unknown>;
  payload: Buffer;
}

const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 6, arbitrary: event.map((e) => ({ header: { type: 'event' }, payload: Buffer.from(JSON.stringify({ event_id: newEventId(), ...e })) })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ header: { type: 'attachment', filename: 'a.bin' }, payload: Buffer.from(bytes) })) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ header: { type: 'session' }, payload: Buffer.from(JSON.stringify(v) ?? 'null') })) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ header: { type: 'client_report' }, payload: Buffer.from(JSON.stringify(v) ?? 'null') })) },
  { weight: 1, arbitrary: fc.tuple(text, fc.jsonValue()).map(([type, v]) => ({ header: { type }, payload: Buffer.from(JSON.stringify(v) ?? 'null') })) },
);

/** Frames items like the SDKs do: with or without explicit lengths. */
const envelope = fc
  .record({
    header: fc.record({ event_id: fc.oneof(fc.constant(undefined), fc.constant(newEventId()), text), sent_at: fc.oneof(text, fc.constant(new Date().toISOString())) }, { requiredKeys: [] }),
    items: fc.array(item, { minLength: 0, maxLength: 3 }),
    withLengths: fc.boolean(),
  })
  .map(({ header, items, withLengths }) =>
    Buffer.concat([
      Buffer.from(`${JSON.stringify(header)}\n`),
      ...items.flatMap((i) => [Buffer.from(`${JSON.stringify(withLengths ? { ...i.header, length: i.payload.length } : i.header)}\n`), i.payload, Buffer.from('\n')]),
    ]),
  );

type Mutation = (bytes: Buffer) => Buffer;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constant((b: Buffer) => b) },
  { weight: 1, arbitrary: fc.nat().map((n) => (b: Buffer) => b.subarray(0, n % (b.length + 1))) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => (b: Buffer) => Buffer.from(b.map((x, i) => (i === at % Math.max(1, b.length) ? byte : x)))) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 20 })).map(([at, bytes]) => (b: Buffer) => Buffer.concat([b.subarray(0, at % (b.length + 1)), Buffer.from(bytes), b.subarray(at % (b.length + 1))])) },
  { weight: 1, arbitrary: fc.constant((b: Buffer) => Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1')) },
  { weight: 1, arbitrary: fc.constant((b: Buffer) => Buffer.from(b.toString('latin1').replace(/"length":\d+/g, '"length":99999'), 'latin1')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 500 }).map((bytes) => () => Buffer.from(bytes)) },
);

type Encoding = 'none' | 'gzip' | 'deflate' | 'deflate-raw' | 'br' | 'identity' | 'mislabelled-gzip' | 'unknown' | 'double-gzip';
const encoding = fc.constantFrom<Encoding>('none', 'none', 'gzip', 'deflate', 'deflate-raw', 'br', 'identity', 'mislabelled-gzip', 'unknown', 'double-gzip');

function encode(body: Buffer, how: Encoding): { body: Buffer; header?: string } {
  switch (how) {
    case 'none':
      return { body };
    case 'identity':
      return { body, header: 'identity' };
    case 'gzip':
      return { body: gzipSync(body), header: 'gzip' };
    case 'deflate':
      return { body: deflateSync(body), header: 'deflate' };
    case 'deflate-raw':
      return { body: deflateRawSync(body), header: 'deflate' };
    case 'br':
      return { body: brotliCompressSync(body), header: 'br' };
    case 'mislabelled-gzip':
      return { body, header: 'gzip' };
    case 'unknown':
      return { body, header: 'zstd' };
    case 'double-gzip':
      return { body: gzipSync(gzipSync(body)), header: 'gzip, gzip' };
  }
}

const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const auth = fc.constantFrom('query', 'x-sentry-auth', 'authorization', 'dsn-header', 'none', 'wrong-key');
const request = fc.record({
  endpoint: fc.constantFrom('envelope', 'envelope', 'envelope', 'store'),
  body: fc.tuple(envelope, mutation).map(([bytes, mutate]) => mutate(bytes)),
  encoding,
  auth,
  // Content types that are not media types at all get 415; they are rare, so most runs reach the parser.
  contentType: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(undefined, 'application/x-sentry-envelope', 'text/plain;charset=UTF-8', 'application/json', 'application/octet-stream', 'multipart/form-data') },
    { weight: 1, arbitrary: headerText },
  ),
  extraHeaders: fc.dictionary(fc.constantFrom('x-forwarded-for', 'user-agent', 'origin', 'x-sentry-auth', 'accept', 'sentry-trace'), headerText, { maxKeys: 3 }),
});
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

/** Whether the bytes (before encoding) carry an event the edge must store when it answers 200. */
function eventsIn(body: Buffer): boolean {
  try {
    return parseEnvelope(body).items.some((i) => {
      if (i.header.type !== 'event') return false;
      const value: unknown = JSON.parse(i.payload.toString('utf8'));
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    });
  } catch {
    return false;
  }
}

async function send(r: FuzzRequest): Promise<{ status: number; body: string; expectsEvent: boolean }> {
  let raw = r.body;
  if (r.auth === 'dsn-header') {
    // Put the DSN into the envelope header, as browser SDKs tunnelling envelopes do.
    const newline = raw.indexOf(0x0a);
    const header = newline < 0 ? raw : raw.subarray(0, newline);
    try {
      const parsed = JSON.parse(header.toString('utf8')) as Record<string, unknown>;
      const dsn = `http://${publicKey}@127.0.0.1/${projectId}`;
      raw = Buffer.concat([Buffer.from(JSON.stringify({ ...parsed, dsn })), newline < 0 ? Buffer.alloc(0) : raw.subarray(newline)]);
    } catch {
      // not a JSON header: sent as it is, and refused for its missing key
    }
  }
  // The legacy /store/ endpoint takes one event as plain JSON.
  const store = r.endpoint === 'store';
  if (store) {
    try {
      const first = parseEnvelope(raw).items.find((i) => i.header.type === 'event');
      if (first) raw = first.payload;
    } catch {
      // mutated beyond parsing: the bytes go as they are
    }
  }
  const expectsEvent = store ? isJsonObject(raw) : eventsIn(raw);
  const { body, header } = encode(raw, r.encoding);
  const key = r.auth === 'wrong-key' ? 'f'.repeat(32) : publicKey;
  const query = r.auth === 'query' || r.auth === 'wrong-key' ? `?sentry_version=7&sentry_key=${key}` : '';
  const headers: Record<string, string> = { ...r.extraHeaders };
  delete headers['x-sentry-auth'];
  if (r.auth === 'x-sentry-auth') headers['x-sentry-auth'] = `Sentry sentry_version=7, sentry_key=${key}, sentry_client=fuzz/1.0`;
  else if (r.extraHeaders['x-sentry-auth'] !== undefined && r.auth !== 'query') headers['x-sentry-auth'] = r.extraHeaders['x-sentry-auth'];
  if (r.auth === 'authorization') headers.authorization = `Sentry sentry_key=${key}, sentry_version=7`;
  if (header) headers['content-encoding'] = header;
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  const response = await fetch(`${server.url}/api/${projectId}/${r.endpoint}/${query}`, {
    method: 'POST',
    body,
    headers,
    signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
  });
  return { status: response.status, body: await response.text(), expectsEvent };
}

function isJsonObject(bytes: Buffer): boolean {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

describe('robustness: fuzzing the ingest edge', () => {
  it(`answers ${RUNS} random, mutated and mis-encoded requests with 4xx or 200, stays healthy, and stores every event it accepted`, async () => {
    const accepted = new Set<string>();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const answer = await send(r);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500), `status ${answer.status}: ${answer.body}`).toBe(true);
        const parsed = JSON.parse(answer.body) as { id?: string; detail?: string };
        if (answer.status !== 200) expect(typeof parsed.detail).toBe('string');
        else if (answer.expectsEvent) {
          expect(parsed.id).toMatch(/^[0-9a-f]{32}$/);
          accepted.add(parsed.id!);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: 90_000 },
    );

    // Healthy afterwards: probes answer, and a plain event still goes through.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const good = newEventId();
    const goodBody = `{"event_id":"${good}"}\n{"type":"event"}\n{"event_id":"${good}","message":"after the storm"}\n`;
    const answer = await fetch(`${server.url}/api/${projectId}/envelope/?sentry_key=${publicKey}`, { method: 'POST', body: goodBody });
    expect(answer.status).toBe(200);
    accepted.add(good);

    // Nothing accepted is lost: once the queue drains, every 200'd event is stored (none parked).
    await waitFor(async () => {
      const [row] = (await server.app.db.query('SELECT count(*)::int AS n FROM ingest_queue')) as { n: number }[];
      return row?.n === 0;
    }, { timeoutMs: 30_000, what: 'the ingest queue to drain' });
    const stored = (await server.app.db.query('SELECT event_id FROM event WHERE project_id = $1 AND event_id = ANY($2)', [projectId, [...accepted]])) as {
      event_id: string;
    }[];
    const missing = [...accepted].filter((id) => !stored.some((s) => s.event_id === id));
    // A parked envelope says why in its first error line (e.g. a value PostgreSQL rejects).
    const parked = ((await server.app.db.query('SELECT error FROM ingest_failed')) as { error: string }[]).map((f) => f.error.split('\n')[0]);
    expect({ missing, parked }, `seed ${SEED}, statuses ${JSON.stringify([...statuses])}`).toEqual({ missing: [], parked: [] });
    expect(accepted.size).toBeGreaterThan(10);
  }, 120_000);
});

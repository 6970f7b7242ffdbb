import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './event.types.js';
import { normalizeEvent, type NormalizeContext } from './normalize.js';

// Field-by-field rules of normalizeEvent; normalize.test.ts covers whole payloads from real clients.
const RECEIVED_AT = new Date('2026-11-27T10:03:05.000Z');
const NOW = RECEIVED_AT.getTime() / 1000;
const ID = 'c809332f2f994e02b1f3e5a9b1088c67';

const normalize = (fields: Record<string, unknown>, context: Partial<NormalizeContext> = {}): NormalizedEvent =>
  normalizeEvent({ event_id: ID, timestamp: NOW, ...fields }, { receivedAt: RECEIVED_AT, ...context });
const errorNames = (event: NormalizedEvent): string[] => event.errors.map((error) => `${error.type}:${error.name}`);
const frames = (count: number, extra: Record<string, unknown> = {}): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, index) => ({ filename: `/app/f${index}.js`, function: `f${index}`, ...extra }));
const tagMap = (event: NormalizedEvent): Record<string, string> => Object.fromEntries(event.tags);

interface FieldCase {
  name: string;
  fields: Record<string, unknown>;
  context?: Partial<NormalizeContext>;
  expected: Partial<NormalizedEvent>;
  errors?: string[];
}

const cases: FieldCase[] = [
  // event_id
  { name: 'event_id: upper-case hex is lower-cased', fields: { event_id: ID.toUpperCase() }, expected: { eventId: ID }, errors: [] },
  // timestamp
  { name: 'timestamp: RFC 3339 with an offset', fields: { timestamp: '2026-11-27T12:03:04.5+02:00' }, expected: { timestamp: NOW - 0.5 } },
  { name: 'timestamp: RFC 3339 without an offset is UTC', fields: { timestamp: '2026-11-27T10:03:04' }, expected: { timestamp: NOW - 1 } },
  { name: 'timestamp: numeric string', fields: { timestamp: '1795773784.25' }, expected: { timestamp: 1795773784.25 } },
  { name: 'timestamp: missing means received', fields: { timestamp: undefined }, expected: { timestamp: NOW }, errors: [] },
  { name: 'timestamp: 30 s ahead is clock skew, kept', fields: { timestamp: NOW + 30 }, expected: { timestamp: NOW + 30 }, errors: [] },
  { name: 'timestamp: an hour ahead is re-dated', fields: { timestamp: NOW + 3600 }, expected: { timestamp: NOW }, errors: ['future_timestamp:timestamp'] },
  { name: 'timestamp: milliseconds are far future', fields: { timestamp: NOW * 1000 }, expected: { timestamp: NOW }, errors: ['future_timestamp:timestamp'] },
  { name: 'timestamp: 31 days old is re-dated', fields: { timestamp: NOW - 31 * 86400 }, expected: { timestamp: NOW }, errors: ['past_timestamp:timestamp'] },
  // level, platform, environment, release
  { name: 'level: warn is warning', fields: { level: 'warn' }, expected: { level: 'warning' }, errors: [] },
  { name: 'level: critical is fatal', fields: { level: 'CRITICAL' }, expected: { level: 'fatal' } },
  { name: 'level: unknown is error', fields: { level: 'verbose' }, expected: { level: 'error' }, errors: ['invalid_data:level'] },
  { name: 'platform: missing is other', fields: {}, expected: { platform: 'other', environment: 'production' } },
  { name: 'release: numbers are stringified', fields: { release: 2.1, dist: ' 7 ' }, expected: { release: '2.1', dist: '7' }, errors: [] },
  { name: 'release: "latest" is refused', fields: { release: 'latest' }, expected: { tags: [['level', 'error'], ['environment', 'production']] }, errors: ['invalid_data:release'] },
  // exceptions
  {
    name: 'exception: a bare array',
    fields: { exception: [{ type: 'Cause', value: 'inner' }, { type: 'Outer', value: 'outer' }] },
    expected: { exceptions: [{ type: 'Cause', value: 'inner', frames: [] }, { type: 'Outer', value: 'outer', frames: [] }], title: 'Outer: outer' },
  },
  { name: 'exception: a single object', fields: { exception: { type: 'ValueError', value: 'bad' } }, expected: { title: 'ValueError: bad' } },
  { name: 'exception: a typeless "Type: value" is split', fields: { exception: [{ value: 'TypeError: x is undefined' }] }, expected: { exceptions: [{ type: 'TypeError', value: 'x is undefined', frames: [] }] } },
  { name: 'exception: no value titles with the type', fields: { exception: [{ type: 'AbortError' }] }, expected: { title: 'AbortError', metadata: { type: 'AbortError' } } },
  { name: 'exception: no type titles as Error', fields: { exception: [{ value: 'it broke' }] }, expected: { title: 'Error: it broke' } },
  { name: 'exception: first line of a multi-line value', fields: { exception: [{ type: 'E', value: 'one\ntwo' }] }, expected: { title: 'E: one', metadata: { type: 'E', value: 'one\ntwo' } } },
  { name: 'exception: long titles are cut at 200', fields: { exception: [{ type: 'E', value: 'v'.repeat(500) }] }, expected: { title: `E: ${'v'.repeat(194)}...` } },
  { name: 'exception: an empty entry is dropped', fields: { exception: { values: [{}, null] } }, expected: { exceptions: [] }, errors: ['missing_attribute:exception.values.0'] },
  // top-level stacktrace
  {
    name: 'stacktrace: joins the last exception when it has none',
    fields: { exception: [{ type: 'E', value: 'v' }], stacktrace: { frames: frames(1) } },
    expected: { exceptions: [{ type: 'E', value: 'v', frames: [{ filename: '/app/f0.js', function: 'f0', inApp: true }] }], culprit: '/app/f0.js in f0' },
  },
  {
    name: 'stacktrace: on a message becomes a synthetic exception titled by the message',
    fields: { logentry: { formatted: 'cart is empty' }, stacktrace: { frames: frames(1) } },
    expected: {
      exceptions: [{ value: 'cart is empty', mechanism: { type: 'generic', synthetic: true }, frames: [{ filename: '/app/f0.js', function: 'f0', inApp: true }] }],
      title: 'cart is empty', message: 'cart is empty', logentry: { message: 'cart is empty' },
    },
  },
  // frames
  {
    name: 'frames: in_app defaults from the path, the SDK wins when it says',
    fields: { exception: [{ type: 'E', stacktrace: { frames: [
      { filename: '/srv/app/node_modules/express/lib/router.js', function: 'handle' },
      { filename: 'node:internal/process/task_queues', function: 'process' },
      { filename: 'native', function: 'Array.map' },
      { abs_path: 'C:\\app\\node_modules\\lib\\x.js' },
      { filename: '/srv/app/node_modules/my-lib/index.js', in_app: true },
      { filename: '/srv/app/src/cart.ts', module: 'src/cart', function: 'addItem', lineno: '12', instruction_addr: 4096 },
      { filename: '/srv/app/src/util.ts', in_app: false },
    ] } }] },
    expected: {
      exceptions: [expect.objectContaining({ frames: [
        expect.objectContaining({ inApp: false }), expect.objectContaining({ inApp: false }), expect.objectContaining({ inApp: false }),
        expect.objectContaining({ inApp: false }), expect.objectContaining({ inApp: true }),
        { filename: '/srv/app/src/cart.ts', module: 'src/cart', function: 'addItem', lineno: 12, instructionAddr: '0x1000', inApp: true },
        expect.objectContaining({ inApp: false }),
      ] })],
      culprit: 'src/cart in addItem', metadata: { type: 'E', filename: '/srv/app/src/cart.ts', function: 'addItem' },
    },
  },
  {
    name: 'frames: without in-app frames the culprit is the newest frame',
    fields: { exception: [{ type: 'E', stacktrace: { frames: frames(2, { in_app: false }) } }], transaction: undefined },
    expected: { culprit: '/app/f1.js in f1' },
  },
  // message and logentry
  { name: 'message: object form with params', fields: { message: { message: 'user %s paid %d', params: ['jane', 5] } }, expected: { message: 'user jane paid 5', title: 'user jane paid 5' } },
  { name: 'logentry: formatted wins over params', fields: { logentry: { message: 'a %s', params: ['b'], formatted: 'A B' } }, expected: { message: 'A B' } },
  { name: 'logentry: named params and a literal %', fields: { logentry: { message: '%(n)s at 100%%', params: { n: 'x' } } }, expected: { message: 'x at 100%', logentry: { message: '%(n)s at 100%%', formatted: 'x at 100%' } } },
  { name: 'logentry: missing params leave the placeholder', fields: { logentry: { message: 'a %s %s', params: ['b'] } }, expected: { message: 'a b %s' } },
  // tags
  {
    name: 'tags: pairs are stringified, bounded and validated; an SDK tag beats a derived one',
    fields: { level: 'info', tags: [['level', 'custom'], ['n', 5], ['ok', true], ['k'.repeat(250), 'v'.repeat(250)], ['bad key', 'x'], ['multi', 'a\nb'], ['none', null], ['o', { a: 1 }], 'junk', ['n', 'dup']] },
    expected: { tags: [['level', 'custom'], ['n', '5'], ['ok', 'true'], [`${'k'.repeat(197)}...`, `${'v'.repeat(197)}...`], ['environment', 'production']] },
    errors: ['invalid_data:tags', 'invalid_data:tags', 'invalid_data:tags', 'invalid_data:tags', 'invalid_data:tags'],
  },
  // user
  {
    name: 'user: other keys go to data, {{auto}} without a known IP is dropped',
    fields: { user: { id: 7, username: 'jane', ip_address: '{{auto}}', geo: { country_code: 'FR' }, data: { plan: 'pro' }, segment: 'paid' } },
    expected: { user: { id: '7', username: 'jane', data: { geo: { country_code: 'FR' }, segment: 'paid', plan: 'pro' } } },
    errors: [],
  },
  { name: 'user: a server event falls back to REMOTE_ADDR', fields: { platform: 'python', request: { env: { REMOTE_ADDR: '192.0.2.1' } } }, expected: { user: { ipAddress: '192.0.2.1' } } },
  { name: 'user: an invalid IP is dropped', fields: { user: { email: 'a@b.c', ip_address: 'localhost' } }, expected: { user: { email: 'a@b.c' } }, errors: ['invalid_data:user.ip_address'] },
  // request
  {
    name: 'request: header pairs, query object and cookie object become strings',
    fields: { request: { method: 'post', url: 'https://x.test/a', headers: [['content-type', 'application/json'], ['X-MULTI', ['a', 'b']]], query_string: { q: 'a b', page: 2 }, cookies: { sid: 'abc', theme: 'dark' }, data: { a: 1 } } },
    expected: { request: { method: 'POST', url: 'https://x.test/a', headers: [['Content-Type', 'application/json'], ['X-Multi', 'a, b']], queryString: 'q=a+b&page=2', cookies: 'sid=abc; theme=dark', data: { a: 1 } } },
    errors: [],
  },
  { name: 'request: a "?" inside the fragment is not a query', fields: { request: { url: 'https://x.test/#/cart?x=1', query_string: '?y=2' } }, expected: { request: { url: 'https://x.test/#/cart?x=1', queryString: 'y=2', headers: [] } } },
  // fingerprint, modules, contexts, extra
  { name: 'fingerprint: numbers are stringified', fields: { fingerprint: ['{{ default }}', 42] }, expected: { fingerprint: ['{{ default }}', '42'] }, errors: [] },
  { name: 'contexts: a derived context never replaces a sent one', fields: { platform: 'javascript', contexts: { browser: { name: 'Edge', version: '1' } } }, context: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' }, expected: { contexts: { browser: { name: 'Edge', version: '1' }, os: { type: 'os', name: 'Windows', version: '10' } } } },
  { name: 'contexts: a server event ignores the ingest User-Agent', fields: { platform: 'node' }, context: { userAgent: 'sentry.javascript.node/11.12.0' }, expected: { contexts: {} } },
  { name: 'extra: strings are cut at 16 KiB', fields: { extra: { log: 'x'.repeat(20_000), n: 1 } }, expected: { extra: { log: `${'x'.repeat(16 * 1024 - 3)}...`, n: 1 } }, errors: ['value_too_long:extra'] },
];

describe('normalizeEvent: field rules', () => {
  it.each(cases)('$name', ({ fields, context, expected, errors }) => {
    const event = normalize(fields, context);
    expect(event).toMatchObject(expected);
    if (errors !== undefined) expect(errorNames(event)).toEqual(errors);
  });

  it('accepts a hyphenated event id and generates one when it is missing', () => {
    expect(normalize({ event_id: '80c35681-53ed-4297-8add-6592a111b984' }).eventId).toBe('80c3568153ed42978add6592a111b984');
    const generated = normalize({ event_id: undefined });
    expect(generated.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(errorNames(generated)).toEqual(['missing_attribute:event_id']);
  });

  it('keeps the outermost and innermost 125 frames of a 300-frame stack', () => {
    const event = normalize({ exception: [{ type: 'RangeError', stacktrace: { frames: frames(300) } }] });
    const kept = event.exceptions[0]?.frames.map((frame) => frame.function) ?? [];
    expect(kept).toHaveLength(250);
    expect(kept.slice(124, 126)).toEqual(['f124', 'f175']);
    expect(kept.at(-1)).toBe('f299');
    expect(event.culprit).toBe('/app/f299.js in f299');
    expect(errorNames(event)).toEqual(['value_too_long:exception.values.0.stacktrace.frames']);
  });

  it('keeps the newest 100 breadcrumbs, in either shape', () => {
    const crumbs = Array.from({ length: 150 }, (_, index) => ({ timestamp: NOW - 150 + index, message: `m${index}`, level: 'warn' }));
    for (const breadcrumbs of [crumbs, { values: crumbs }]) {
      const event = normalize({ breadcrumbs });
      expect(event.breadcrumbs).toHaveLength(100);
      expect(event.breadcrumbs[0]).toEqual({ timestamp: NOW - 100, message: 'm50', level: 'warning' });
      expect(event.breadcrumbs.at(-1)?.message).toBe('m149');
      expect(errorNames(event)).toEqual(['value_too_long:breadcrumbs']);
    }
  });

  it('derives the user tag from the first identifier Sentry would use', () => {
    expect(tagMap(normalize({ user: { email: 'a@b.c', ip_address: '10.0.0.1' } })).user).toBe('email:a@b.c');
    expect(tagMap(normalize({ user: { ip_address: '{{auto}}' } }, { clientIp: '10.0.0.2' })).user).toBe('ip:10.0.0.2');
  });
});

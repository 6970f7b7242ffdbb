import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from './event.types.js';
import { InvalidEventError, normalizeEvent, type NormalizeContext } from './normalize.js';

// Payloads shaped as captured on the wire (../shared/reference/sentry-wire-protocol.md, section 1).
const RECEIVED_AT = new Date('2026-11-27T10:03:05.000Z');
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const NODE_FRAMES = [
  { filename: 'node:internal/modules/cjs/loader', module: 'loader', function: 'Module._compile', lineno: 1521, colno: 14, in_app: false },
  {
    filename: '/srv/app/sdk-test.cjs', module: 'sdk-test', function: 'inner', lineno: 12, colno: 26, in_app: true,
    pre_context: ['function outer() {'], context_line: "function inner() { throw new Error('x'); }", post_context: ['}'],
  },
];
const NODE_CONTEXTS = {
  trace: { trace_id: 'ed3c6d594821424d88f7c631901124a8', span_id: 'a3b8a135378e0e85' },
  runtime: { name: 'node', version: 'v20.20.2' },
  os: { kernel_version: '6.18.44-fc-v782', name: 'Debian', version: '12.11\n' },
  device: { arch: 'x64', memory_size: 25276063744, processor_count: 2, cpu_description: 'AMD EPYC' },
};
const NODE_SDK = {
  name: 'sentry.javascript.node', version: '11.12.0', integrations: ['EventFilters', 'LinkedErrors'],
  packages: [{ name: 'npm:@sentry/node', version: '11.12.0' }],
};
const nodeEvent = (fields: Record<string, unknown>): Record<string, unknown> => ({
  event_id: 'c809332f2f994e02b1f3e5a9b1088c67', platform: 'node', timestamp: 1795773784.558, server_name: 'vm',
  environment: 'staging', release: 'web@1.2.3', contexts: NODE_CONTEXTS, sdk: NODE_SDK, ...fields,
});
/** Tags every node event above derives, after its own. */
const NODE_TAGS = (level: string): [string, string][] => [
  ['level', level], ['environment', 'staging'], ['release', 'web@1.2.3'], ['os', 'Debian 12.11'], ['os.name', 'Debian'],
  ['server_name', 'vm'],
];
const NODE_RUNTIME_TAGS: [string, string][] = [['runtime', 'node v20.20.2'], ['runtime.name', 'node']];

interface WireCase {
  name: string;
  raw: Record<string, unknown>;
  context?: Partial<NormalizeContext>;
  expected: Partial<NormalizedEvent>;
  tags: [string, string][];
}

const cases: WireCase[] = [
  {
    name: '@sentry/node 11 captureException',
    raw: nodeEvent({
      level: 'error', tags: { feature: 'checkout' }, user: { id: 'u-1', email: 'jane@example.com' },
      exception: { values: [{ type: 'Error', value: 'x', mechanism: { type: 'generic', handled: true }, stacktrace: { frames: NODE_FRAMES } }] },
      breadcrumbs: [
        { timestamp: 1795773784.555, category: 'ui', message: 'clicked buy', level: 'info' },
        { timestamp: 1795773784.566, category: 'console', level: 'log', message: 'exception id c809', data: { logger: 'console' } },
      ],
      modules: { '@sentry/node': '11.12.0' },
    }),
    expected: {
      eventId: 'c809332f2f994e02b1f3e5a9b1088c67', timestamp: 1795773784.558, receivedAt: 1795773785, platform: 'node',
      level: 'error', environment: 'staging', release: 'web@1.2.3', serverName: 'vm',
      exceptions: [{
        type: 'Error', value: 'x', mechanism: { type: 'generic', handled: true },
        frames: [
          { filename: 'node:internal/modules/cjs/loader', module: 'loader', function: 'Module._compile', lineno: 1521, colno: 14, inApp: false },
          {
            filename: '/srv/app/sdk-test.cjs', module: 'sdk-test', function: 'inner', lineno: 12, colno: 26, inApp: true,
            preContext: ['function outer() {'], contextLine: "function inner() { throw new Error('x'); }", postContext: ['}'],
          },
        ],
      }],
      breadcrumbs: [
        { timestamp: 1795773784.555, category: 'ui', message: 'clicked buy', level: 'info' },
        { timestamp: 1795773784.566, category: 'console', level: 'info', message: 'exception id c809', data: { logger: 'console' } },
      ],
      user: { id: 'u-1', email: 'jane@example.com' },
      sdk: { name: 'sentry.javascript.node', version: '11.12.0', integrations: ['EventFilters', 'LinkedErrors'], packages: [{ name: 'npm:@sentry/node', version: '11.12.0' }] },
      modules: { '@sentry/node': '11.12.0' },
      title: 'Error: x', culprit: 'sdk-test in inner',
      metadata: { type: 'Error', value: 'x', filename: '/srv/app/sdk-test.cjs', function: 'inner' },
      errors: [],
    },
    tags: [['feature', 'checkout'], ...NODE_TAGS('error'), ['user', 'id:u-1'], ...NODE_RUNTIME_TAGS, ['handled', 'yes'], ['mechanism', 'generic']],
  },
  {
    name: '@sentry/node 11 captureMessage (synthetic exception)',
    raw: nodeEvent({
      level: 'info', message: 'hello world',
      exception: { values: [{ value: 'hello world', mechanism: { type: 'generic', handled: true, synthetic: true }, stacktrace: { frames: NODE_FRAMES } }] },
    }),
    expected: {
      level: 'info', message: 'hello world', logentry: { message: 'hello world' },
      exceptions: [expect.objectContaining({ value: 'hello world', mechanism: { type: 'generic', handled: true, synthetic: true } })],
      title: 'hello world', culprit: 'sdk-test in inner',
      metadata: { value: 'hello world', filename: '/srv/app/sdk-test.cjs', function: 'inner' }, errors: [],
    },
    tags: [...NODE_TAGS('info'), ...NODE_RUNTIME_TAGS, ['handled', 'yes'], ['mechanism', 'generic']],
  },
  {
    name: '@sentry/node 10 captureMessage (message only)',
    raw: nodeEvent({ level: 'warning', message: 'disk almost full\nsecond line' }),
    expected: {
      level: 'warning', message: 'disk almost full\nsecond line', exceptions: [], title: 'disk almost full', culprit: '',
      metadata: { value: 'disk almost full\nsecond line' }, errors: [],
    },
    tags: [...NODE_TAGS('warning'), ...NODE_RUNTIME_TAGS],
  },
  {
    name: '@sentry/node 11 uncaught exception',
    raw: nodeEvent({
      level: 'fatal',
      exception: { values: [{
        type: 'TypeError', value: "Cannot read properties of undefined (reading 'id')",
        mechanism: { type: 'auto.node.onuncaughtexception', handled: false }, stacktrace: { frames: NODE_FRAMES },
      }] },
    }),
    expected: {
      level: 'fatal', title: "TypeError: Cannot read properties of undefined (reading 'id')", culprit: 'sdk-test in inner',
      metadata: { type: 'TypeError', value: "Cannot read properties of undefined (reading 'id')", filename: '/srv/app/sdk-test.cjs', function: 'inner' },
    },
    tags: [...NODE_TAGS('fatal'), ...NODE_RUNTIME_TAGS, ['handled', 'no'], ['mechanism', 'auto.node.onuncaughtexception']],
  },
  {
    name: '@sentry/node 11 inside an http handler',
    raw: nodeEvent({
      transaction: 'GET /boom',
      exception: { values: [{ type: 'Error', value: 'boom', mechanism: { type: 'auto.http.node', handled: false }, stacktrace: { frames: NODE_FRAMES } }] },
      request: {
        method: 'GET', url: 'http://localhost:3000/boom?x=1', cookies: {},
        headers: { host: 'localhost:3000', 'user-agent': CHROME_WINDOWS, 'sentry-trace': 'ed3c-a3b8-1', cookie: 'sid=abc' },
      },
    }),
    expected: {
      transaction: 'GET /boom', culprit: 'GET /boom', title: 'Error: boom',
      request: {
        method: 'GET', url: 'http://localhost:3000/boom', queryString: 'x=1', cookies: 'sid=abc',
        headers: [['Host', 'localhost:3000'], ['User-Agent', CHROME_WINDOWS], ['Sentry-Trace', 'ed3c-a3b8-1']],
      },
      // The server's own os context stays; the visitor's goes to client_os, as in Relay.
      contexts: expect.objectContaining({
        os: NODE_CONTEXTS.os, client_os: { type: 'os', name: 'Windows', version: '10' },
        browser: { type: 'browser', name: 'Chrome', version: '120.0.0.0' },
      }),
    },
    tags: [
      ['level', 'error'], ['environment', 'staging'], ['release', 'web@1.2.3'], ['browser', 'Chrome 120.0'], ['browser.name', 'Chrome'],
      ['os', 'Debian 12.11'], ['os.name', 'Debian'], ['client_os', 'Windows 10'], ['client_os.name', 'Windows'],
      ['url', 'http://localhost:3000/boom'], ['server_name', 'vm'], ['transaction', 'GET /boom'], ...NODE_RUNTIME_TAGS,
      ['handled', 'no'], ['mechanism', 'auto.http.node'],
    ],
  },
  {
    name: 'sentry-cli send-event -m "smoke %s" -a one',
    raw: {
      event_id: '80C35681-53ed-4297-8add-6592a111b984', timestamp: '2026-11-27T10:03:04.558123Z', platform: 'native', level: 'error',
      logentry: { message: 'smoke %s', params: ['one'] }, user: { id: 42, ip_address: '{{auto}}' },
      sdk: { name: 'sentry-cli', version: '3.8.0' },
      contexts: { os: { type: 'os', name: 'Linux', version: '6.18.44' }, device: { type: 'device', arch: 'x86_64' }, rust: { type: 'runtime', name: 'rustc', version: '1.86.0' } },
      extra: { environ: { HOME: '/root' } },
    },
    context: { clientIp: '198.51.100.4' },
    expected: {
      eventId: '80c3568153ed42978add6592a111b984', timestamp: 1795773784.558123, platform: 'native', environment: 'production',
      message: 'smoke one', logentry: { message: 'smoke %s', params: ['one'], formatted: 'smoke one' },
      user: { id: '42', ipAddress: '198.51.100.4' }, extra: { environ: { HOME: '/root' } }, exceptions: [],
      title: 'smoke one', culprit: '', metadata: { value: 'smoke one' }, errors: [],
    },
    tags: [['level', 'error'], ['environment', 'production'], ['os', 'Linux 6.18.44'], ['os.name', 'Linux'], ['user', 'id:42']],
  },
  {
    name: 'browser SDK with abs_path frames and a Chrome request header',
    raw: {
      event_id: 'aa'.repeat(16), platform: 'javascript', timestamp: 1795773784.1, level: 'error', release: 'shop@2.0.0',
      exception: { values: [{
        type: 'TypeError', value: "Cannot read properties of undefined (reading 'price')", mechanism: { type: 'auto.browser.global_handlers.onerror', handled: false },
        stacktrace: { frames: [
          { abs_path: 'https://shop.example.com/static/js/app.min.js', function: 'onClick', lineno: 1, colno: 812 },
          { abs_path: 'https://shop.example.com/static/js/app.min.js', function: 'addItem', lineno: 1, colno: 3456 },
          { filename: '[native code]', function: 'Array.forEach' },
        ] },
      }] },
      request: { url: 'https://shop.example.com/cart?item=3#top', headers: { 'User-Agent': CHROME_WINDOWS } },
      user: { ip_address: '{{auto}}' },
      breadcrumbs: { values: [{ timestamp: '2026-11-27T10:03:04.000Z', category: 'navigation', data: { from: '/', to: '/cart' } }] },
      debug_meta: { images: [{ type: 'sourcemap', code_file: 'https://shop.example.com/static/js/app.min.js', debug_id: 'e1c6d1e3-17ca-5ee3-b24a-ca56c867983d' }] },
    },
    context: { clientIp: '203.0.113.7', userAgent: 'ignored because the event has its own header' },
    expected: {
      exceptions: [expect.objectContaining({
        frames: [
          { absPath: 'https://shop.example.com/static/js/app.min.js', filename: '/static/js/app.min.js', function: 'onClick', lineno: 1, colno: 812, inApp: true },
          { absPath: 'https://shop.example.com/static/js/app.min.js', filename: '/static/js/app.min.js', function: 'addItem', lineno: 1, colno: 3456, inApp: true },
          { filename: '[native code]', function: 'Array.forEach', inApp: false },
        ],
      })],
      request: { url: 'https://shop.example.com/cart#top', queryString: 'item=3', headers: [['User-Agent', CHROME_WINDOWS]] },
      contexts: { browser: { type: 'browser', name: 'Chrome', version: '120.0.0.0' }, os: { type: 'os', name: 'Windows', version: '10' } },
      user: { ipAddress: '203.0.113.7' },
      breadcrumbs: [{ timestamp: 1795773784, category: 'navigation', data: { from: '/', to: '/cart' } }],
      debugMeta: { images: [{ type: 'sourcemap', code_file: 'https://shop.example.com/static/js/app.min.js', debug_id: 'e1c6d1e3-17ca-5ee3-b24a-ca56c867983d' }] },
      culprit: '/static/js/app.min.js in addItem', errors: [],
    },
    tags: [
      ['level', 'error'], ['environment', 'production'], ['release', 'shop@2.0.0'], ['browser', 'Chrome 120.0'], ['browser.name', 'Chrome'],
      ['os', 'Windows 10'], ['os.name', 'Windows'], ['url', 'https://shop.example.com/cart'], ['user', 'ip:203.0.113.7'],
      ['handled', 'no'], ['mechanism', 'auto.browser.global_handlers.onerror'],
    ],
  },
  {
    name: 'browser SDK without a request: the ingest User-Agent describes the browser',
    raw: { event_id: 'bb'.repeat(16), platform: 'javascript', timestamp: 1795773784, message: 'checkout slow' },
    context: { userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1' },
    expected: {
      contexts: {
        browser: { type: 'browser', name: 'Mobile Safari', version: '17.1' }, os: { type: 'os', name: 'iOS', version: '17.1' },
        device: { type: 'device', family: 'iPhone', model: 'iPhone', brand: 'Apple' },
      },
    },
    tags: [
      ['level', 'error'], ['environment', 'production'], ['browser', 'Mobile Safari 17.1'], ['browser.name', 'Mobile Safari'],
      ['os', 'iOS 17.1'], ['os.name', 'iOS'], ['device', 'iPhone'],
    ],
  },
];

describe('normalizeEvent: payloads as real clients send them', () => {
  it.each(cases)('$name', ({ raw, context, expected, tags }) => {
    const event = normalizeEvent(raw, { receivedAt: RECEIVED_AT, ...context });
    expect(event).toMatchObject(expected);
    expect(event.tags).toEqual(tags);
  });

  it('gives the node captureException event exactly the fields it had', () => {
    const event = normalizeEvent(cases[0]?.raw, { receivedAt: RECEIVED_AT });
    expect(Object.keys(event).sort()).toEqual(
      ['breadcrumbs', 'contexts', 'culprit', 'environment', 'errors', 'eventId', 'exceptions', 'extra', 'level', 'metadata', 'modules',
        'platform', 'receivedAt', 'release', 'sdk', 'serverName', 'tags', 'timestamp', 'title', 'user'],
    );
    expect(event.contexts).toEqual(NODE_CONTEXTS);
  });
});

describe('normalizeEvent: garbage', () => {
  it.each([null, undefined, 'event', 42, true, [], [{ event_id: 'x' }]])('rejects %j as not an event', (raw) => {
    expect(() => normalizeEvent(raw, { receivedAt: RECEIVED_AT })).toThrow(InvalidEventError);
  });

  it('repairs an object whose every field is wrong, and says what it dropped', () => {
    const event = normalizeEvent(
      {
        event_id: 'not-an-id', timestamp: 'yesterday', level: 'loud', platform: 42, exception: 'boom', message: { params: [] },
        tags: 5, contexts: { os: 'Linux', app: { name: 'shop' } }, breadcrumbs: 'none', user: 'jane', request: 7, sdk: { name: 'x' },
        fingerprint: [{}], release: 'a/b', environment: 'prod\nuction', extra: [1], modules: 'all', debug_meta: 'x',
      },
      { receivedAt: RECEIVED_AT },
    );
    expect(event).toMatchObject({
      timestamp: 1795773785, level: 'error', platform: 'other', environment: 'production', exceptions: [], breadcrumbs: [],
      contexts: { app: { name: 'shop' } }, extra: {}, title: '<unlabeled event>', culprit: '', metadata: {},
      tags: [['level', 'error'], ['environment', 'production']],
    });
    expect(event.eventId).toMatch(/^[0-9a-f]{32}$/);
    for (const absent of ['user', 'request', 'sdk', 'fingerprint', 'release', 'message', 'modules', 'debugMeta'] as const) {
      expect(event[absent]).toBeUndefined();
    }
    expect(event.errors.map((error) => error.name).sort()).toEqual(
      ['breadcrumbs', 'contexts.os', 'debug_meta', 'environment', 'event_id', 'exception', 'extra', 'fingerprint', 'level',
        'message.message', 'modules', 'platform', 'release', 'request', 'sdk', 'tags', 'timestamp', 'user'],
    );
  });
});

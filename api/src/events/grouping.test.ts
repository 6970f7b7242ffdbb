import { describe, expect, it } from 'vitest';
import type { ExceptionValue, NormalizedEvent, StackFrame } from './event.types.js';
import { computeGrouping, GROUPING_CONFIG } from './grouping.js';
import { normalizeFilename, normalizeFunctionName, parameterizeMessage } from './grouping-normalize.js';

function buildEvent(overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return {
    eventId: '0123456789abcdef0123456789abcdef',
    timestamp: 1_790_000_000,
    receivedAt: 1_790_000_001,
    platform: 'node',
    level: 'error',
    environment: 'production',
    exceptions: [],
    breadcrumbs: [],
    contexts: {},
    tags: [],
    extra: {},
    title: '',
    culprit: '',
    metadata: {},
    errors: [],
    ...overrides,
  };
}

function appFrame(module: string, fn: string, lineno = 10, extra: Partial<StackFrame> = {}): StackFrame {
  return { module, function: fn, filename: `/srv/app/dist/${module}.js`, lineno, colno: 5, inApp: true, ...extra };
}

function systemFrame(filename: string, fn: string, lineno = 100): StackFrame {
  return { filename, function: fn, lineno, colno: 3, inApp: false };
}

const expressFrames = [
  systemFrame('/srv/app/node_modules/express/lib/router/layer.js', 'Layer.handle [as handle_request]', 95),
  systemFrame('/srv/app/node_modules/express/lib/router/route.js', 'next', 149),
];

function exceptionEvent(type: string, value: string, frames: StackFrame[], overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return buildEvent({ exceptions: [{ type, value, frames, mechanism: { type: 'onerror', handled: false } }], ...overrides });
}

/** A stack of app code called through express, as the Node SDK reports it. */
function checkoutError(options: { line?: number; fn?: string; module?: string; value?: string; system?: StackFrame[] } = {}): NormalizedEvent {
  return exceptionEvent('TypeError', options.value ?? "Cannot read properties of undefined (reading 'price')", [
    ...(options.system ?? expressFrames),
    appFrame('routes:checkout', 'handleCheckout', 20),
    appFrame(options.module ?? 'services:cart', options.fn ?? 'totalPrice', options.line ?? 42),
  ]);
}

function messageEvent(message: string, overrides: Partial<NormalizedEvent> = {}): NormalizedEvent {
  return buildEvent({ level: 'info', message, ...overrides });
}

/** What @sentry/node v11 sends for captureMessage: the message plus a made-up exception with the call stack. */
function syntheticMessageEvent(message: string, frames: StackFrame[]): NormalizedEvent {
  const synthetic: ExceptionValue = { value: message, mechanism: { type: 'generic', synthetic: true }, frames };
  return messageEvent(message, { exceptions: [synthetic] });
}

function browserError(bundle: string, line: number): NormalizedEvent {
  const frame = (fn: string): StackFrame => ({ filename: bundle, absPath: bundle, function: fn, lineno: 1, colno: line, inApp: true });
  return exceptionEvent('TypeError', 'e is undefined', [frame('onClick'), frame('submitOrder')], { platform: 'javascript' });
}

function nodeFileError(root: string): NormalizedEvent {
  const frame = (file: string, fn: string, lineno: number): StackFrame => ({ filename: `${root}/src/${file}`, function: fn, lineno, inApp: true });
  return exceptionEvent('Error', 'boom', [frame('server.js', 'Object.<anonymous>', 3), frame('jobs/sync.js', 'async runSync', 88)]);
}

const primary = (event: NormalizedEvent): string => computeGrouping(event).primary;

interface GroupingCase {
  name: string;
  a: NormalizedEvent;
  b: NormalizedEvent;
}

const sameGroup: GroupingCase[] = [
  { name: 'same error thrown at different line numbers', a: checkoutError({ line: 42 }), b: checkoutError({ line: 57 }) },
  {
    name: 'system frames differ but in-app frames match',
    a: checkoutError(),
    b: checkoutError({ system: [systemFrame('node:internal/process/task_queues', 'process.processTicksAndRejections', 95)] }),
  },
  {
    name: 'values differ but the stack trace decides',
    a: checkoutError({ value: 'cart 1 is empty' }),
    b: checkoutError({ value: 'something else entirely' }),
  },
  {
    name: 'recursion depth differs',
    a: exceptionEvent('RangeError', 'Maximum call stack size exceeded', [appFrame('tree', 'walk', 3), appFrame('tree', 'walk', 9)]),
    b: exceptionEvent('RangeError', 'Maximum call stack size exceeded', [appFrame('tree', 'walk', 3), appFrame('tree', 'walk', 9), appFrame('tree', 'walk', 9)]),
  },
  {
    name: 'messages with different numbers, UUIDs and hex',
    a: messageEvent('Payment 1042 for 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed at 0x7ffd5e8c (token deadbeef1234)'),
    b: messageEvent('Payment 7 for 9c5b94b1-35ad-49bb-b118-8e8fc24abf80 failed at 0x10 (token 0a1b2c3d4e5f)'),
  },
  {
    name: 'messages with different emails, IPs, dates and URLs',
    a: messageEvent('Mail to ann@example.com via 10.0.0.12 at 2026-11-03T10:15:00Z (see https://status.example.com/i/1)'),
    b: messageEvent('Mail to bob@example.org via 192.168.1.7 at 2026-12-24T23:59:59.999+01:00 (see https://status.example.com/i/2)'),
  },
  {
    name: 'logentry with different params groups by template',
    a: messageEvent('Order A-17 failed', { logentry: { message: 'Order %s failed', params: ['A-17'], formatted: 'Order A-17 failed' } }),
    b: messageEvent('Order ZZ-9 failed', { logentry: { message: 'Order %s failed', params: ['ZZ-9'], formatted: 'Order ZZ-9 failed' } }),
  },
  {
    name: 'fingerprint ["my-key"] regardless of stack and type',
    a: { ...checkoutError(), fingerprint: ['my-key'] },
    b: { ...exceptionEvent('Error', 'other', [appFrame('jobs:sync', 'run')]), fingerprint: ['my-key'] },
  },
  {
    name: 'v11 captureMessage from different places groups by message',
    a: syntheticMessageEvent('Payment provider timeout', [appFrame('billing:charge', 'charge', 12)]),
    b: syntheticMessageEvent('Payment provider timeout', [appFrame('jobs:retry', 'retryCharges', 80), appFrame('billing:refund', 'refund', 4)]),
  },
  {
    name: 'v11 synthetic exception and a plain message event',
    a: syntheticMessageEvent('Payment provider timeout', [appFrame('billing:charge', 'charge', 12)]),
    b: messageEvent('Payment provider timeout'),
  },
  {
    name: 'browser bundles with different content hashes',
    a: browserError('https://cdn.example.com/static/app.3f2a91c.js', 10_433),
    b: browserError('https://cdn.example.com/static/app.9b8c7d6.js?v=2', 10_987),
  },
  { name: 'node files without module under different checkout roots', a: nodeFileError('/srv/app'), b: nodeFileError('/home/ci/build') },
  {
    name: 'exceptions without frames with different numbers in the value',
    a: exceptionEvent('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:5432', []),
    b: exceptionEvent('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.2:6543', []),
  },
  {
    name: 'function name variants (alias suffix, async, Object.<anonymous>)',
    a: exceptionEvent('Error', 'x', [appFrame('main', 'Object.<anonymous>'), appFrame('timers', 'Timeout.tick [as _onTimeout]'), appFrame('sync', 'async run')]),
    b: exceptionEvent('Error', 'x', [appFrame('main', '<anonymous>'), appFrame('timers', 'Timeout.tick [as _repeat]'), appFrame('sync', 'run')]),
  },
];

const differentGroups: GroupingCase[] = [
  { name: 'different in-app function (call site)', a: checkoutError({ fn: 'totalPrice' }), b: checkoutError({ fn: 'applyCoupon' }) },
  {
    name: 'same type and message from a different in-app path',
    a: checkoutError({ module: 'services:cart' }),
    b: checkoutError({ module: 'services:wishlist' }),
  },
  {
    name: 'only system frames, and they differ',
    a: exceptionEvent('Error', 'socket hang up', [systemFrame('node:_http_client', 'Socket.socketOnEnd')]),
    b: exceptionEvent('Error', 'socket hang up', [systemFrame('node:net', 'Socket.onStreamRead')]),
  },
  {
    name: 'different cause in the exception chain',
    a: buildEvent({ exceptions: [{ type: 'DbError', frames: [appFrame('db', 'query')] }, { type: 'AppError', frames: [appFrame('api', 'get')] }] }),
    b: buildEvent({ exceptions: [{ type: 'HttpError', frames: [appFrame('db', 'query')] }, { type: 'AppError', frames: [appFrame('api', 'get')] }] }),
  },
  { name: 'different message templates', a: messageEvent('Order 12 failed'), b: messageEvent('Order 12 shipped') },
  {
    name: 'different logentry templates with the same params',
    a: messageEvent('x', { logentry: { message: 'Order %s failed', params: ['A'] } }),
    b: messageEvent('x', { logentry: { message: 'Order %s refunded', params: ['A'] } }),
  },
  { name: 'fingerprint ["{{ default }}", "checkout"] vs plain default', a: { ...checkoutError(), fingerprint: ['{{ default }}', 'checkout'] }, b: checkoutError() },
  {
    name: 'fingerprint with {{ default }} still splits by stack',
    a: { ...checkoutError({ fn: 'totalPrice' }), fingerprint: ['{{ default }}', 'checkout'] },
    b: { ...checkoutError({ fn: 'applyCoupon' }), fingerprint: ['{{ default }}', 'checkout'] },
  },
  {
    name: 'fingerprint {{ transaction }} splits by transaction',
    a: { ...checkoutError(), transaction: 'POST /checkout', fingerprint: ['db-down', '{{ transaction }}'] },
    b: { ...checkoutError(), transaction: 'GET /cart', fingerprint: ['db-down', '{{ transaction }}'] },
  },
  { name: 'message vs fingerprint with the same text', a: messageEvent('my-key'), b: messageEvent('other', { fingerprint: ['my-key'] }) },
  {
    name: 'browser bundles at different paths',
    a: browserError('https://cdn.example.com/static/app.3f2a91c.js', 10),
    b: browserError('https://cdn.example.com/admin/app.3f2a91c.js', 10),
  },
];

describe('computeGrouping', () => {
  it.each(sameGroup)('groups together: $name', ({ a, b }) => {
    expect(primary(a)).toBe(primary(b));
  });

  it.each(differentGroups)('keeps apart: $name', ({ a, b }) => {
    expect(primary(a)).not.toBe(primary(b));
  });

  it('hashes with md5 hex, deterministically, and pins the config name', () => {
    const result = computeGrouping(checkoutError());
    expect(GROUPING_CONFIG).toBe('vigil:2026-11');
    expect(result.primary).toMatch(/^[0-9a-f]{32}$/);
    expect(result.hashes).toEqual([result.primary]);
    expect(computeGrouping(checkoutError())).toEqual(result);
    // A golden value: if this changes, every existing issue would regroup — bump GROUPING_CONFIG instead.
    expect(computeGrouping(messageEvent('Order 12 failed')).primary).toBe('fd87f2562f35a69b3b0bce96c886648c');
  });

  it('uses in-app frames only, never line numbers, and says so in the components', () => {
    expect(computeGrouping(checkoutError())).toMatchObject({
      variant: 'app-stacktrace',
      components: ['type:TypeError', 'frame:routes:checkout in handleCheckout', 'frame:services:cart in totalPrice'],
    });
  });

  it('falls back to system frames when no frame of the chain is in-app', () => {
    const event = exceptionEvent('Error', 'socket hang up', expressFrames);
    expect(computeGrouping(event)).toMatchObject({
      variant: 'system-stacktrace',
      components: ['type:Error', 'frame:node_modules/express/lib/router/layer.js in Layer.handle', 'frame:node_modules/express/lib/router/route.js in next'],
    });
  });

  it('groups by type and parameterized value when there is no stack trace', () => {
    expect(computeGrouping(exceptionEvent('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:5432', []))).toMatchObject({
      variant: 'exception',
      components: ['type:ECONNREFUSED', 'value:connect ECONNREFUSED <ip>:<int>'],
    });
  });

  it('groups a v11 synthetic exception by its message, not its stack', () => {
    const result = computeGrouping(syntheticMessageEvent('Queue 7 is stuck', [appFrame('jobs:watch', 'check')]));
    expect(result).toMatchObject({ variant: 'message', components: ['message:Queue <int> is stuck'] });
  });

  it('uses the logentry template before the formatted message', () => {
    const event = messageEvent('Order A-17 failed', { logentry: { message: 'Order %s failed', params: ['A-17'] } });
    expect(computeGrouping(event).components).toEqual(['message:Order %s failed']);
  });

  it('expands {{ default }} and {{default}} alike and reports the default hash second', () => {
    const plain = computeGrouping(checkoutError());
    const spaced = computeGrouping({ ...checkoutError(), fingerprint: ['{{ default }}', 'checkout'] });
    const compact = computeGrouping({ ...checkoutError({ line: 99 }), fingerprint: ['{{default}}', 'checkout'] });
    expect(spaced).toEqual(compact);
    expect(spaced.variant).toBe('fingerprint');
    expect(spaced.hashes).toEqual([spaced.primary, plain.primary]);
    expect(spaced.components).toEqual([...plain.components, 'fingerprint:checkout']);
  });

  it('treats a fingerprint of only {{ default }} as the default grouping', () => {
    const result = computeGrouping({ ...checkoutError(), fingerprint: ['{{ default }}'] });
    expect(result).toEqual(computeGrouping(checkoutError()));
  });

  it('resolves known fingerprint variables and keeps unknown ones literal', () => {
    const event: NormalizedEvent = {
      ...checkoutError(),
      level: 'fatal',
      transaction: 'POST /checkout',
      tags: [['region', 'eu-1']],
      fingerprint: ['{{ type }}', '{{ function }}', '{{ module }}', '{{ level }}', '{{ transaction }}', '{{ tags.region }}', '{{ logger }}', '{{ nope }}'],
    };
    expect(computeGrouping(event).components).toEqual([
      'fingerprint:TypeError',
      'fingerprint:totalPrice',
      'fingerprint:services:cart',
      'fingerprint:fatal',
      'fingerprint:POST /checkout',
      'fingerprint:eu-1',
      'fingerprint:<no-logger>',
      'fingerprint:{{ nope }}',
    ]);
  });

  it('falls back to the platform when the event carries nothing to group by', () => {
    const result = computeGrouping(buildEvent({ platform: 'python' }));
    expect(result).toMatchObject({ variant: 'fallback', components: ['platform:python', '<no data>'] });
    expect(result.primary).not.toBe(computeGrouping(buildEvent({ platform: 'node' })).primary);
  });
});

describe('normalizeFilename', () => {
  it.each([
    ['https://cdn.example.com/static/app.3f2a91c.js?v=2#top', 'static/app.<hash>.js'],
    ['/srv/app/src/jobs/sync.js', 'src/jobs/sync.js'],
    ['/home/ci/build/src/jobs/sync.js', 'src/jobs/sync.js'],
    ['/home/ci/build/packages/api/src/x.ts', 'packages/api/src/x.ts'],
    ['/srv/app/dist/server.js', 'dist/server.js'],
    ['C:\\Users\\ci\\build\\src\\x.js', 'src/x.js'],
    ['file:///srv/app/src/x.js', 'src/x.js'],
    ['/srv/app/node_modules/.pnpm/express@4.18.2/node_modules/express/lib/router/index.js', 'node_modules/express/lib/router/index.js'],
    ['https://cdn.jsdelivr.net/npm/lodash@4.17.21/lodash.min.js', 'npm/lodash@<version>/lodash.min.js'],
    ['https://example.com/assets/v1.2.3/Main.JS', 'assets/<version>/Main.js'],
    ['https://example.com/assets/index-DiwrgTda.js', 'assets/index-<hash>.js'],
    ['https://example.com/assets/user-settings.js', 'assets/user-settings.js'],
    ['webpack:///./src/components/Cart.tsx', 'src/components/Cart.tsx'],
    ['node:internal/process/task_queues', 'node:internal/process/task_queues'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeFilename(input)).toBe(expected);
  });
});

describe('normalizeFunctionName', () => {
  it.each([
    ['Object.<anonymous>', '<anonymous>'],
    ['async handleCheckout', 'handleCheckout'],
    ['Timeout.refresh [as _onTimeout]', 'Timeout.refresh'],
    ['lambda$main$12', 'lambda$main'],
    ['Foo$$Lambda$123/0x0000000800c4b440.run', 'Foo$$Lambda.run'],
    ['<Main>b__0_1', '<Main>b__'],
    ['block (2 levels) in process', 'block in process'],
    ['chunk_3f2a91c.render', 'chunk_<hash>.render'],
    ['?', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeFunctionName(input)).toBe(expected);
  });
});

describe('parameterizeMessage', () => {
  it.each([
    ['User 42 not found', 'User <int> not found'],
    ['Request 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed', 'Request <uuid> failed'],
    ['Bad pointer 0x7ffd5e8c', 'Bad pointer <hex>'],
    ['Commit 9fceb02d0ae598e95dc970b74767f19372d61af8 missing', 'Commit <hex> missing'],
    ['Connect to 10.0.0.12:5432 refused', 'Connect to <ip>:<int> refused'],
    ['Listen on fe80::1ff:fe23:4567:890a failed', 'Listen on <ip> failed'],
    ['Deadline 2026-11-03T10:15:00Z passed at 10:15:02', 'Deadline <date> passed at <time>'],
    ['Mail to bob@example.com bounced', 'Mail to <email> bounced'],
    ['GET https://api.example.com/v1/users/7 failed', 'GET <url> failed'],
    ["ENOENT: no such file or directory, open '/tmp/upload-123/file.txt'", "ENOENT: no such file or directory, open '<path>'"],
    ['Query took 1.25s (limit 0.5 of 3 ms)', 'Query took <duration> (limit <float> of <duration>)'],
    ["Cannot read properties of undefined (reading 'price')", "Cannot read properties of undefined (reading 'price')"],
  ])('%s → %s', (input, expected) => {
    expect(parameterizeMessage(input)).toBe(expected);
  });

  it('stays linear on adversarial input (no catastrophic backtracking)', () => {
    const hostile = ['a.'.repeat(50_000), 'a+'.repeat(50_000) + '@', 'a-'.repeat(50_000) + '://', '/a'.repeat(50_000), 'lambda$'.repeat(15_000)];
    const started = performance.now();
    for (const input of hostile) {
      parameterizeMessage(input);
      normalizeFilename(input);
      normalizeFunctionName(input);
    }
    // Linear takes a few milliseconds; the quadratic regressions this guards against took seconds.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

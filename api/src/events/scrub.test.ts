import { describe, expect, it } from 'vitest';
import { containsCardNumber, FILTERED, scrubEvent } from './scrub.js';
import { DEFAULT_SCRUB_OPTIONS, type ScrubOptions } from '../projects/project-options.js';

const VISA = '4111111111111111';
const AUTH_TOKEN = 'sntrys_eyJpYXQiOjE3OTU3NzQwNjYuNjA3NTIzN30_supersecretpart';

/** What @sentry/node 11 sends for an exception inside an http handler (wire-protocol §1.4). */
function nodeRequestEvent(): Record<string, unknown> {
  return {
    event_id: 'c809332f2f994e02b1f3e5a9b1088c67',
    level: 'error',
    platform: 'node',
    timestamp: 1795773784.558,
    server_name: 'vm',
    environment: 'staging',
    release: 'web@1.2.3',
    transaction: 'POST /login',
    fingerprint: ['{{ default }}'],
    exception: { values: [{
      type: 'AuthError', value: 'bad credentials for jane',
      mechanism: { type: 'auto.http.node', handled: false, data: { session_id: 'sess-exc' } },
      stacktrace: { frames: [
        { filename: '/srv/app/login.js', module: 'login', function: 'checkPassword', lineno: 12, colno: 26, in_app: true,
          context_line: 'if (!ok) throw new AuthError(msg);',
          vars: { password: 'hunter2-frame', attempts: 3, user: { name: 'jane', api_key: 'frame-api-key' } } },
      ] },
    }] },
    request: {
      method: 'POST',
      url: 'https://shop.example.com/login?next=%2Fcart&access_token=query-token-1#state=x&id_token=frag-token',
      query_string: 'next=%2Fcart&access_token=query-token-1',
      headers: {
        host: 'shop.example.com', 'user-agent': 'Mozilla/5.0', authorization: 'Bearer header-bearer-1',
        cookie: 'connect.sid=s%3Acookie-sid-1; theme=dark', 'x-forwarded-for': '203.0.113.9',
        'X-Api-Key': 'header-api-key', 'sentry-trace': 'ed3c6d594821424d88f7c631901124a8-a3b8a135378e0e85-1',
      },
      cookies: { 'connect.sid': 's%3Acookie-sid-1', theme: 'dark' },
      data: { email: 'jane@example.com', password: 'hunter2-body', remember: true },
      env: { REMOTE_ADDR: '203.0.113.9', SERVER_PORT: '443' },
    },
    user: { id: 'u-1', email: 'jane@example.com', username: 'jane', ip_address: '203.0.113.9', data: { auth_level: 'admin' } },
    contexts: {
      trace: { trace_id: 'ed3c6d594821424d88f7c631901124a8', span_id: 'a3b8a135378e0e85' },
      runtime: { name: 'node', version: 'v20.20.2' },
      response: { status_code: 401, headers: { 'Set-Cookie': 'sid=set-cookie-1; HttpOnly' } },
    },
    tags: { feature: 'checkout' },
    sdk: { name: 'sentry.javascript.node', version: '11.12.0', integrations: ['Http'] },
    modules: { 'passport-auth-token': '1.0.0' },
  };
}

/** `sentry-cli send-event -m "smoke %s" -a one` (wire-protocol §1.4): the whole environment rides along. */
function sentryCliEvent(): Record<string, unknown> {
  return {
    event_id: '80c3568153ed42978add6592a111b984',
    platform: 'native',
    level: 'error',
    logentry: { message: 'smoke %s', params: ['one'] },
    user: { id: '42', ip_address: '{{auto}}' },
    extra: { environ: {
      PATH: '/usr/bin:/bin', HOME: '/root', SENTRY_DSN: 'https://PUBLICKEY@vigil.example.com/42',
      SENTRY_AUTH_TOKEN: AUTH_TOKEN, AWS_SECRET_ACCESS_KEY: 'aws-secret-1', GITHUB_TOKEN: 'ghp_github1',
      DATABASE_URL: 'postgres://vigil:db-password-1@db.internal:5432/vigil', PGPASSWORD: 'pg-password-1',
    } },
    contexts: { os: { name: 'Linux' }, rust: { version: '1.80.0' } },
    sdk: { name: 'sentry-cli', version: '3.8.0' },
  };
}

const options = (overrides: Partial<ScrubOptions> = {}): ScrubOptions => ({ ...DEFAULT_SCRUB_OPTIONS, ...overrides });
const text = (event: Record<string, unknown>): string => JSON.stringify(event);

describe('scrubEvent with Sentry defaults', () => {
  it.each([
    ['node request', nodeRequestEvent, [
      'hunter2-frame', 'frame-api-key', 'header-bearer-1', 'cookie-sid-1', 'header-api-key', 'hunter2-body',
      'query-token-1', 'frag-token', 'set-cookie-1', 'sess-exc',
    ]],
    ['sentry-cli send-event', sentryCliEvent, [AUTH_TOKEN, 'aws-secret-1', 'ghp_github1', 'db-password-1', 'pg-password-1']],
  ] as const)('removes every secret from a %s event', (_name, build, secrets) => {
    const { event, scrubbed } = scrubEvent(build(), DEFAULT_SCRUB_OPTIONS);
    const json = text(event);
    for (const secret of secrets) expect(json).not.toContain(secret);
    expect(scrubbed).toBeGreaterThanOrEqual(secrets.length);
  });

  it('keeps what grouping, symbolication and triage need', () => {
    const raw = nodeRequestEvent();
    const { event } = scrubEvent(raw, DEFAULT_SCRUB_OPTIONS);
    for (const key of ['event_id', 'timestamp', 'level', 'platform', 'release', 'environment', 'sdk', 'fingerprint', 'transaction', 'modules']) {
      expect(event[key]).toEqual(raw[key]);
    }
    const exception = (event.exception as { values: Record<string, unknown>[] }).values[0];
    expect(exception).toMatchObject({ type: 'AuthError', value: 'bad credentials for jane', mechanism: { type: 'auto.http.node', handled: false } });
    const frame = (exception?.stacktrace as { frames: Record<string, unknown>[] }).frames[0];
    expect(frame).toMatchObject({ filename: '/srv/app/login.js', function: 'checkPassword', lineno: 12, colno: 26, in_app: true });
    expect(frame?.vars).toEqual({ password: FILTERED, attempts: 3, user: { name: 'jane', api_key: FILTERED } });
    expect(event.user).toEqual({ id: 'u-1', email: 'jane@example.com', username: 'jane', ip_address: '203.0.113.9', data: { auth_level: FILTERED } });
    expect(event.contexts).toMatchObject({ trace: { trace_id: 'ed3c6d594821424d88f7c631901124a8' }, runtime: { version: 'v20.20.2' } });
  });

  it('scrubs request parts value by value, keeping their layout', () => {
    const { event } = scrubEvent(nodeRequestEvent(), DEFAULT_SCRUB_OPTIONS);
    const request = event.request as Record<string, unknown>;
    expect(request.url).toBe(`https://shop.example.com/login?next=%2Fcart&access_token=${FILTERED}#state=x&id_token=${FILTERED}`);
    expect(request.query_string).toBe(`next=%2Fcart&access_token=${FILTERED}`);
    expect(request.headers).toMatchObject({
      host: 'shop.example.com', authorization: FILTERED, cookie: FILTERED, 'X-Api-Key': FILTERED,
      'x-forwarded-for': '203.0.113.9', 'sentry-trace': 'ed3c6d594821424d88f7c631901124a8-a3b8a135378e0e85-1',
    });
    expect(request.cookies).toEqual({ 'connect.sid': FILTERED, theme: FILTERED });
    expect(request.data).toEqual({ email: 'jane@example.com', password: FILTERED, remember: true });
    expect(request.env).toEqual({ REMOTE_ADDR: '203.0.113.9', SERVER_PORT: '443' });
  });

  it('keeps the public DSN and non-secret environment variables', () => {
    const { event } = scrubEvent(sentryCliEvent(), DEFAULT_SCRUB_OPTIONS);
    expect(event.extra).toEqual({ environ: {
      PATH: '/usr/bin:/bin', HOME: '/root', SENTRY_DSN: 'https://PUBLICKEY@vigil.example.com/42',
      SENTRY_AUTH_TOKEN: FILTERED, AWS_SECRET_ACCESS_KEY: FILTERED, GITHUB_TOKEN: FILTERED,
      DATABASE_URL: `postgres://vigil:${FILTERED}@db.internal:5432/vigil`, PGPASSWORD: FILTERED,
    } });
    expect(event.logentry).toEqual({ message: 'smoke %s', params: ['one'] });
  });

  it('does not modify the raw event', () => {
    const raw = nodeRequestEvent();
    const before = text(raw);
    scrubEvent(raw, { ...DEFAULT_SCRUB_OPTIONS, scrubIpAddresses: true });
    expect(text(raw)).toBe(before);
  });
});

describe('request shapes', () => {
  const scrubRequest = (request: Record<string, unknown>): unknown =>
    scrubEvent({ request }, DEFAULT_SCRUB_OPTIONS).event.request;

  it.each([
    ['headers as pairs', { headers: [['Authorization', 'Basic dXNlcjpwYXNz'], ['Accept', 'text/html']] },
      { headers: [['Authorization', FILTERED], ['Accept', 'text/html']] }],
    ['cookies as a string', { cookies: 'sessionid=abc123; csrftoken=tok456; lang=en' },
      { cookies: `sessionid=${FILTERED}; csrftoken=${FILTERED}; lang=${FILTERED}` }],
    ['cookies as pairs', { cookies: [['sessionid', 'abc123']] }, { cookies: [['sessionid', FILTERED]] }],
    ['query string as a string', { query_string: 'page=2&password=hunter2&q=shoes' },
      { query_string: `page=2&password=${FILTERED}&q=shoes` }],
    ['query string as an object', { query_string: { page: '2', api_key: 'k-1' } }, { query_string: { page: '2', api_key: FILTERED } }],
    ['query string as pairs', { query_string: [['page', '2'], ['token', 't-1']] }, { query_string: [['page', '2'], ['token', FILTERED]] }],
    ['form-encoded body', { data: 'username=jane&password=hunter2&card=4111+1111+1111+1111' },
      { data: `username=jane&password=${FILTERED}&card=${FILTERED}` }],
    ['JSON text body', { data: '{"user":"jane","credentials":{"pin":"1234"}}' }, { data: '{"user":"jane","credentials":"[Filtered]"}' }],
    ['JSON text body with nothing to hide', { data: '{ "user": "jane" }' }, { data: '{ "user": "jane" }' }],
    ['plain text body', { data: 'hello world' }, { data: 'hello world' }],
    ['env', { env: { MYSQL_PWD: 'pw', DOCUMENT_ROOT: '/srv' } }, { env: { MYSQL_PWD: FILTERED, DOCUMENT_ROOT: '/srv' } }],
  ])('%s', (_name, request, expected) => {
    expect(scrubRequest(request)).toEqual(expected);
  });
});

describe('credit cards', () => {
  it.each([
    [`paid with ${VISA}`, true],
    ['card 4111 1111 1111 1111 on file', true],
    ['card 4111-1111-1111-1111', true],
    ['amex 378282246310005', true],
    ['mastercard 5555555555554444 then 12 items', true],
    ['4111 1111 1111 1111 12', true],
    ['4111111111111112', false], // fails Luhn
    ['1795773784558', false], // millisecond timestamp
    ['order 12345', false],
    ['c809332f2f994e02b1f3e5a9b1088c67', false],
    ['411111111111111111111111', false], // too long to be a card
  ])('%s → %s', (value, expected) => {
    expect(containsCardNumber(value)).toBe(expected);
  });

  it('replaces cards in breadcrumbs, messages, tags and extra, whatever the key', () => {
    const raw = {
      message: `charged ${VISA}`,
      breadcrumbs: { values: [
        { category: 'ui', message: 'clicked buy', timestamp: 1795773784.555 },
        { category: 'console', message: `card 4111 1111 1111 1111 declined`, data: { arguments: ['card', VISA] } },
      ] },
      tags: [['last_card', VISA], ['feature', 'checkout']],
      extra: { order: { number: 4111111111111111, total: 1299 } },
    };
    const { event, scrubbed } = scrubEvent(raw, DEFAULT_SCRUB_OPTIONS);
    expect(text(event)).not.toMatch(/4111/);
    expect(scrubbed).toBe(5);
    expect(event.breadcrumbs).toEqual({ values: [
      { category: 'ui', message: 'clicked buy', timestamp: 1795773784.555 },
      { category: 'console', message: FILTERED, data: { arguments: ['card', FILTERED] } },
    ] });
    expect(event.tags).toEqual([['last_card', FILTERED], ['feature', 'checkout']]);
  });
});

describe('options', () => {
  it('keeps safe fields, with everything under them', () => {
    const raw = { extra: { session_id: 's-1', sessionData: { token: 't-1' }, password: 'p-1' } };
    const { event } = scrubEvent(raw, options({ safeFields: ['Session_ID', 'sessiondata'] }));
    expect(event.extra).toEqual({ session_id: 's-1', sessionData: { token: 't-1' }, password: FILTERED });
  });

  it('filters extra sensitive fields as case-insensitive substrings', () => {
    const raw = { extra: { customerSSN: '078-05-1120', ssn_last4: '1120', name: 'jane' }, request: { headers: [['X-Tenant-SSN', '1']] } };
    const { event, scrubbed } = scrubEvent(raw, options({ sensitiveFields: ['ssn'] }));
    expect(event.extra).toEqual({ customerSSN: FILTERED, ssn_last4: FILTERED, name: 'jane' });
    expect(event.request).toEqual({ headers: [['X-Tenant-SSN', FILTERED]] });
    expect(scrubbed).toBe(3);
  });

  it('applies only the project fields when default scrubbers are off', () => {
    const raw = { extra: { password: 'p-1', ssn: '1', card: VISA } };
    const { event } = scrubEvent(raw, options({ scrubDefaults: false, sensitiveFields: ['ssn'] }));
    expect(event.extra).toEqual({ password: 'p-1', ssn: FILTERED, card: VISA });
  });

  it('changes nothing when disabled', () => {
    const raw = sentryCliEvent();
    const { event, scrubbed } = scrubEvent(raw, options({ enabled: false }));
    expect(event).toEqual(raw);
    expect(scrubbed).toBe(0);
  });

  it.each([
    ['on', true],
    ['on, with scrubbing disabled', false],
  ])('removes IP addresses when the IP option is %s', (_name, enabled) => {
    const { event } = scrubEvent(nodeRequestEvent(), options({ enabled, scrubIpAddresses: true }));
    const request = event.request as { headers: Record<string, unknown>; env: Record<string, unknown> };
    expect(event.user).not.toHaveProperty('ip_address');
    expect(event.user).toMatchObject({ id: 'u-1' });
    expect(request.env).toEqual({ SERVER_PORT: '443' });
    expect(request.headers).not.toHaveProperty('x-forwarded-for');
    expect(text(event)).not.toContain('203.0.113.9');
  });

  it('removes client-IP headers sent as pairs and the {{auto}} placeholder', () => {
    const raw = { user: { id: '42', ip_address: '{{auto}}' }, request: { headers: [['X-Real-IP', '198.51.100.4'], ['Accept', '*/*']] } };
    const { event, scrubbed } = scrubEvent(raw, options({ scrubIpAddresses: true }));
    expect(event).toEqual({ user: { id: '42' }, request: { headers: [['Accept', '*/*']] } });
    expect(scrubbed).toBe(2);
  });
});

describe('robustness', () => {
  it('keeps an own "__proto__" key as data', () => {
    const raw = JSON.parse('{"extra":{"__proto__":{"password":"p-1","polluted":true}}}') as Record<string, unknown>;
    const { event } = scrubEvent(raw, DEFAULT_SCRUB_OPTIONS);
    expect(text(event)).toBe('{"extra":{"__proto__":{"password":"[Filtered]","polluted":true}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Its speed is measured by `npm run bench` (ingest), not asserted here: timings in tests fail on busy machines.
  it('scrubs every breadcrumb of a 50 KB event', () => {
    const raw = nodeRequestEvent();
    raw.breadcrumbs = Array.from({ length: 320 }, (_, i) => ({
      timestamp: 1795773784 + i, category: 'http', message: `GET /api/items/${i} 200`,
      data: { url: `https://api.example.com/items/${i}?token=t-${i}`, method: 'GET', status_code: 200 },
    }));
    expect(text(raw).length).toBeGreaterThan(50_000);
    const { event, scrubbed } = scrubEvent(raw, DEFAULT_SCRUB_OPTIONS);
    expect(text(event)).not.toMatch(/token=t-/);
    expect(scrubbed).toBeGreaterThanOrEqual(320);
  });
});

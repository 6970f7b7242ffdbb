import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD, tokenFor, unique } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { openApp, type App } from '../server/app.js';
import { loadConfig } from '../config.js';
import { startHttpServer, type HttpServer } from '../server/http-server.js';
import { createLogger } from '../logger.js';

let server: TestServer;
// A second web process on the same database: the throttle lives in PostgreSQL, not in memory.
let secondApp: App;
let second: HttpServer;

beforeAll(async () => {
  // Behind a (trusted) proxy, so each test can be its own client address. Small limits: each
  // attempt costs a real scrypt hash.
  const env = { VIGIL_TRUST_PROXY: 'true', VIGIL_LOGIN_MAX_FAILURES_PER_EMAIL: '3', VIGIL_LOGIN_MAX_FAILURES_PER_IP: '6' };
  server = await startTestServer({ env });
  secondApp = await openApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env }), createLogger('silent'), { databaseUrl: server.databaseUrl });
  second = await startHttpServer(secondApp);
});
afterAll(async () => {
  await second?.close();
  await secondApp?.close();
  await server?.close();
});

const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { email } }';

async function login(baseUrl: string, ip: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ query: LOGIN, variables: { email, password } }),
  });
  const body = (await response.json()) as { data?: { login: { email: string } } | null; errors?: { message: string; extensions: { code: string; retryAfter?: number } }[] };
  return { retryAfterHeader: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions.code ?? 'OK', error: body.errors?.[0], cookie: response.headers.get('set-cookie') };
}

const LOGIN_LIMITS = { windowSeconds: 900, perEmail: 3, perIp: 6 };

let ipCounter = 1;
const freshIp = () => `198.51.100.${ipCounter++}`;

describe('login throttling', () => {
  it('the configured limits are read', () => {
    expect(server.app.config.login).toEqual(LOGIN_LIMITS);
    expect(loadConfig({}).login).toEqual({ windowSeconds: 900, perEmail: 10, perIp: 50 });
  });

  it(`after ${LOGIN_LIMITS.perEmail} failures for an email, even the right password is TOO_MANY_REQUESTS, on every web process`, async () => {
    const user = await buildUser(server.app, { password: true });
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) {
      // Spread over both processes.
      expect((await login(i % 2 ? second.url : server.url, ip, user.email, `wrong-${i}`)).code).toBe('UNAUTHENTICATED');
    }
    for (const url of [server.url, second.url]) {
      const throttled = await login(url, ip, user.email, TEST_PASSWORD);
      expect(throttled.code).toBe('TOO_MANY_REQUESTS');
      expect(throttled.cookie).toBeNull();
      const retryAfter = throttled.error!.extensions.retryAfter!;
      expect(retryAfter).toBeGreaterThan(LOGIN_LIMITS.windowSeconds - 120);
      expect(retryAfter).toBeLessThanOrEqual(LOGIN_LIMITS.windowSeconds);
      expect(throttled.retryAfterHeader).toBe(String(retryAfter));
      expect(throttled.error!.message).toMatch(/^Too many failed sign-ins for this email; try again in \d+ seconds$/);
    }
    // The email is throttled from anywhere (it is the password being guessed) …
    expect((await login(server.url, freshIp(), user.email.toUpperCase(), TEST_PASSWORD)).code).toBe('TOO_MANY_REQUESTS');
    // … while other people at that address still sign in.
    const neighbour = await buildUser(server.app, { password: true });
    expect((await login(server.url, ip, neighbour.email, TEST_PASSWORD)).code).toBe('OK');
  });

  it('a successful sign-in clears the failures of that email', async () => {
    const user = await buildUser(server.app, { password: true });
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.perEmail - 1; i++) expect((await login(server.url, ip, user.email, 'wrong')).code).toBe('UNAUTHENTICATED');
    expect((await login(server.url, ip, user.email, TEST_PASSWORD)).code).toBe('OK');
    for (let i = 0; i < LOGIN_LIMITS.perEmail - 1; i++) expect((await login(server.url, ip, user.email, 'wrong')).code).toBe('UNAUTHENTICATED');
    expect((await login(server.url, ip, user.email, TEST_PASSWORD)).code).toBe('OK');
  });

  it(`after ${LOGIN_LIMITS.perIp} failures from one address (any emails), that address is TOO_MANY_REQUESTS`, async () => {
    const ip = freshIp();
    const emails = Array.from({ length: LOGIN_LIMITS.perIp }, () => `${unique('nobody')}@example.com`);
    // Three at a time, like a password sprayer, to both processes.
    for (let i = 0; i < emails.length; i += 3) {
      const results = await Promise.all(emails.slice(i, i + 3).map((email, j) => login(j % 2 ? second.url : server.url, ip, email, 'Winter2026!')));
      expect(results.map((r) => r.code)).toEqual(Array(results.length).fill('UNAUTHENTICATED'));
    }
    const user = await buildUser(server.app, { password: true });
    const throttled = await login(server.url, ip, user.email, TEST_PASSWORD);
    expect(throttled.code).toBe('TOO_MANY_REQUESTS');
    expect(throttled.error!.message).toMatch(/for your address/);
    // The same person from elsewhere is fine.
    expect((await login(server.url, freshIp(), user.email, TEST_PASSWORD)).code).toBe('OK');
  });

  it('a throttled attempt is not counted, and login over WebSocket is refused (no address, no cookie)', async () => {
    const [rows] = (await server.app.db.query('SELECT count(*)::int AS n FROM login_failure')) as { n: number }[];
    const user = await buildUser(server.app, { password: true });
    const ip = freshIp();
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) await login(server.url, ip, user.email, 'wrong');
    const [after] = (await server.app.db.query('SELECT count(*)::int AS n FROM login_failure')) as { n: number }[];
    for (let i = 0; i < 3; i++) expect((await login(server.url, ip, user.email, 'wrong')).code).toBe('TOO_MANY_REQUESTS');
    const [throttled] = (await server.app.db.query('SELECT count(*)::int AS n FROM login_failure')) as { n: number }[];
    expect(after!.n - rows!.n).toBe(LOGIN_LIMITS.perEmail);
    expect(throttled!.n).toBe(after!.n);

    // (An anonymous socket is refused at connection_init; a signed-in one may try.)
    const socket = server.client({ token: await tokenFor(server.app, user) }).socket();
    try {
      const result = await new Promise<{ errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>((resolve, reject) =>
        socket.subscribe({ query: LOGIN, variables: { email: user.email, password: TEST_PASSWORD } }, { next: resolve, error: reject, complete: () => undefined }),
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await socket.dispose();
    }
  });
});

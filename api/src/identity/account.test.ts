import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, TEST_PASSWORD, tokenFor } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import type { User } from '../users/user.entity.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** Signs in over HTTP as a browser would, returning the session cookie. */
async function signIn(email: string, password: string, userAgent: string): Promise<string> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { id } }', variables: { e: email, p: password } }),
  });
  const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
  if (body.errors) throw new Error(`login failed: ${body.errors[0]!.extensions.code}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

const SESSIONS = '{ viewer { sessions { id device ipAddress isCurrent lastUsedAt dateCreated } } }';
type Sessions = { viewer: { sessions: { id: string; device: string; ipAddress: string | null; isCurrent: boolean; lastUsedAt: string | null }[] } | null };

async function personWithTwoBrowsers(): Promise<{ user: User; laptop: string; phone: string }> {
  const user = await buildUser(server.app, { password: true });
  return { user, laptop: await signIn(user.email, TEST_PASSWORD, FIREFOX_LINUX), phone: await signIn(user.email, TEST_PASSWORD, SAFARI_IPHONE) };
}

describe('sessions list', () => {
  it('lists the viewer’s own sign-ins with device and address, the current one marked', async () => {
    const { laptop } = await personWithTwoBrowsers();
    const someoneElse = await buildUser(server.app, { password: true });
    await signIn(someoneElse.email, TEST_PASSWORD, FIREFOX_LINUX);

    const { viewer } = await server.client({ cookie: laptop }).data<Sessions>(SESSIONS);
    expect(viewer!.sessions.map((s) => [s.device, s.isCurrent])).toEqual(
      expect.arrayContaining([
        ['Firefox 133 on Linux', true],
        ['Mobile Safari 17 on iOS 17', false],
      ]),
    );
    expect(viewer!.sessions).toHaveLength(2);
    expect(viewer!.sessions.every((s) => s.ipAddress === '127.0.0.1' && s.lastUsedAt !== null)).toBe(true);
  });

  it('revokeSession signs out another browser at once; another person’s session is NOT_FOUND', async () => {
    const { laptop, phone } = await personWithTwoBrowsers();
    const other = await personWithTwoBrowsers();
    const asLaptop = server.client({ cookie: laptop });
    const phoneSession = (await asLaptop.data<Sessions>(SESSIONS)).viewer!.sessions.find((s) => !s.isCurrent)!;
    const othersSession = (await server.client({ cookie: other.laptop }).data<Sessions>(SESSIONS)).viewer!.sessions[0]!;

    const revoke = 'mutation($id: ID!) { revokeSession(id: $id) }';
    expect(await asLaptop.errorCode(revoke, { id: othersSession.id })).toBe('NOT_FOUND');
    expect(await asLaptop.data(revoke, { id: phoneSession.id })).toEqual({ revokeSession: true });
    expect(await server.client({ cookie: phone }).data('{ viewer { id } }')).toEqual({ viewer: null });
    expect((await server.client({ cookie: other.laptop }).data<Sessions>(SESSIONS)).viewer!.sessions).toHaveLength(2);
  });

  it('revokeOtherSessions keeps only the current one', async () => {
    const { user, laptop, phone } = await personWithTwoBrowsers();
    const third = await signIn(user.email, TEST_PASSWORD, SAFARI_IPHONE);
    expect(await server.client({ cookie: laptop }).data('mutation { revokeOtherSessions }')).toEqual({ revokeOtherSessions: 2 });
    for (const cookie of [phone, third]) expect(await server.client({ cookie }).data('{ viewer { id } }')).toEqual({ viewer: null });
    expect((await server.client({ cookie: laptop }).data<Sessions>(SESSIONS)).viewer!.sessions.map((s) => s.isCurrent)).toEqual([true]);
  });

  it('session mutations need a dashboard session, not an API token', async () => {
    const user = await buildUser(server.app, { password: true });
    const asToken = server.client({ token: await tokenFor(server.app, user) });
    for (const document of ['mutation { revokeOtherSessions }', 'mutation { changePassword(currentPassword: "x", newPassword: "a long new password") }']) {
      expect(await asToken.errorCode(document)).toBe('FORBIDDEN');
    }
  });
});

describe('changePassword', () => {
  const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';

  it('checks the current password and the new one’s length, changing nothing when either is wrong', async () => {
    const { user, laptop, phone } = await personWithTwoBrowsers();
    const asLaptop = server.client({ cookie: laptop });
    const wrong = await asLaptop.request(CHANGE, { c: 'not my password', n: 'a long new password' });
    expect(wrong.errors?.[0]).toMatchObject({ message: 'The current password is wrong', extensions: { code: 'BAD_USER_INPUT', field: 'currentPassword' } });
    const short = await asLaptop.request(CHANGE, { c: TEST_PASSWORD, n: 'short' });
    expect(short.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const same = await asLaptop.request(CHANGE, { c: TEST_PASSWORD, n: TEST_PASSWORD });
    expect(same.errors?.[0]?.message).toBe('The new password must differ from the current one');
    // Still the old password, and the other browser still signed in.
    await signIn(user.email, TEST_PASSWORD, FIREFOX_LINUX);
    expect(await server.client({ cookie: phone }).data('{ viewer { id } }')).toEqual({ viewer: { id: String(user.id) } });
  });

  it('sets the new password and signs out every other session, keeping this one', async () => {
    const { user, laptop, phone } = await personWithTwoBrowsers();
    const next = 'a brand new passphrase';
    expect(await server.client({ cookie: laptop }).data(CHANGE, { c: TEST_PASSWORD, n: next })).toEqual({ changePassword: 1 });
    expect(await server.client({ cookie: phone }).data('{ viewer { id } }')).toEqual({ viewer: null });
    expect(await server.client({ cookie: laptop }).data('{ viewer { id } }')).toEqual({ viewer: { id: String(user.id) } });
    await expect(signIn(user.email, TEST_PASSWORD, FIREFOX_LINUX)).rejects.toThrow('UNAUTHENTICATED');
    await signIn(user.email, next, FIREFOX_LINUX);
  });
});

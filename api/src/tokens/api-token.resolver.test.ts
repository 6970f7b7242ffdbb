import { createHash } from 'node:crypto';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildTenant, buildUser, sessionCookieFor, TEST_PASSWORD, tokenFor, unique } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import { SESSION_COOKIE } from '../identity/authenticate.js';
import { addMember } from '../organizations/member.service.js';
import { buildGraphQLSchema } from '../server/schema.js';
import type { User } from '../users/user.entity.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const CREATE_TOKEN = 'mutation($name: String!, $scopes: [String!]!) { createApiToken(input: { name: $name, scopes: $scopes }) { token apiToken { id name scopes tokenLastCharacters lastUsedAt } } }';
const REVOKE_TOKEN = 'mutation($id: ID!) { revokeApiToken(id: $id) }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { email } }';

type Created = { createApiToken: { token: string; apiToken: { id: string; name: string; scopes: string[]; tokenLastCharacters: string; lastUsedAt: string | null } } };

/** A user with a password and a signed-in dashboard client. */
async function signedIn(): Promise<{ user: User; cookie: string }> {
  const user = await buildUser(server.app, { password: true });
  return { user, cookie: await sessionCookieFor(server.app, user) };
}

function postRaw(headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

describe('login and logout', () => {
  it('login sets an http-only session cookie that signs the dashboard in', async () => {
    const user = await buildUser(server.app, { password: true });
    const response = await postRaw({}, LOGIN, { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { login: { email: user.email } } });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{20,};`));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).toMatch(/;\s*Expires=/i);

    const cookie = setCookie.split(';')[0]!;
    expect(await server.client({ cookie }).data('{ viewer { email } }')).toEqual({ viewer: { email: user.email } });
  });

  it('a wrong password is UNAUTHENTICATED and sets no cookie; an unknown email looks exactly the same', async () => {
    const user = await buildUser(server.app, { password: true });
    const wrong = await postRaw({}, LOGIN, { email: user.email, password: 'not the password' });
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const wrongBody = (await wrong.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(wrongBody.errors[0]).toMatchObject({ message: 'Wrong email or password', extensions: { code: 'UNAUTHENTICATED' } });

    const unknown = await server.client().request(LOGIN, { email: `${unique('nobody')}@example.com`, password: TEST_PASSWORD });
    expect(unknown).toEqual(wrongBody);
  });

  it('an account without a password (added as a member by email) cannot sign in', async () => {
    const user = await buildUser(server.app);
    expect(await server.client().errorCode(LOGIN, { email: user.email, password: TEST_PASSWORD })).toBe('UNAUTHENTICATED');
  });

  it('logout ends the session and clears the cookie', async () => {
    const { user, cookie } = await signedIn();
    const client = server.client({ cookie });
    expect(await client.data('{ viewer { email } }')).toEqual({ viewer: { email: user.email } });

    const response = await postRaw({ cookie }, 'mutation { logout }');
    expect(await response.json()).toEqual({ data: { logout: true } });
    const cleared = response.headers.get('set-cookie') ?? '';
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    // A client that keeps sending the old cookie is anonymous now.
    expect(await client.data('{ viewer { email } }')).toEqual({ viewer: null });
    expect(await client.errorCode('mutation { logout }')).toBe('UNAUTHENTICATED');
  });

  it('logging out of one session leaves the other sessions signed in', async () => {
    const { user, cookie } = await signedIn();
    const other = await sessionCookieFor(server.app, user);
    await server.client({ cookie }).data('mutation { logout }');
    expect(await server.client({ cookie: other }).data('{ viewer { email } }')).toEqual({ viewer: { email: user.email } });
  });
});

describe('API tokens', () => {
  it('createApiToken needs a dashboard session: an API token gets FORBIDDEN, nobody gets UNAUTHENTICATED', async () => {
    const { token } = await buildTenant(server.app);
    const viaToken = await server.client({ token }).request(CREATE_TOKEN, { name: 'ci', scopes: ['project:read'] });
    expect(viaToken.errors?.[0]).toMatchObject({ message: expect.stringContaining('dashboard session'), extensions: { code: 'FORBIDDEN' } });
    expect(await server.client().errorCode(CREATE_TOKEN, { name: 'ci', scopes: ['project:read'] })).toBe('UNAUTHENTICATED');
  });

  it('returns the token once; it works as a Bearer token', async () => {
    const { user, cookie } = await signedIn();
    const { createApiToken } = await server.client({ cookie }).data<Created>(CREATE_TOKEN, { name: 'Deploys', scopes: ['project:read', 'project:releases', 'project:read'] });
    expect(createApiToken.token).toMatch(/^vgl_[0-9a-f]{64}$/);
    expect(createApiToken.apiToken).toMatchObject({
      name: 'Deploys',
      scopes: ['project:read', 'project:releases'],
      tokenLastCharacters: createApiToken.token.slice(-4),
      lastUsedAt: null,
    });

    const bearer = server.client({ token: createApiToken.token });
    expect(await bearer.data('{ viewer { email } }')).toEqual({ viewer: { email: user.email } });
    // Case-insensitive scheme and surrounding whitespace are fine.
    const response = await postRaw({ authorization: `bearer   ${createApiToken.token} ` }, '{ viewer { email } }');
    expect(await response.json()).toEqual({ data: { viewer: { email: user.email } } });
  });

  it('viewer.apiTokens never exposes the token or its hash', async () => {
    const { cookie } = await signedIn();
    const client = server.client({ cookie });
    const { createApiToken } = await client.data<Created>(CREATE_TOKEN, { name: 'Listed', scopes: ['org:read'] });
    await server.client({ token: createApiToken.token }).data('{ viewer { id } }');

    const listing = await client.post('{ viewer { apiTokens { id name scopes tokenLastCharacters dateCreated lastUsedAt } } }');
    const raw = await listing.text();
    const { token } = createApiToken;
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(token.slice(4));
    expect(raw).not.toContain(createHash('sha256').update(token).digest('hex'));
    const { data } = JSON.parse(raw) as { data: { viewer: { apiTokens: Record<string, unknown>[] } } };
    expect(data.viewer.apiTokens).toEqual([
      {
        id: createApiToken.apiToken.id,
        name: 'Listed',
        scopes: ['org:read'],
        tokenLastCharacters: token.slice(-4),
        dateCreated: expect.any(String),
        lastUsedAt: expect.any(String),
      },
    ]);
  });

  it('the schema has no field that could reveal a token, its hash or a password hash', async () => {
    const schema = await buildGraphQLSchema(null);
    const apiToken = schema.getType('ApiToken');
    expect(apiToken && isObjectType(apiToken) ? Object.keys(apiToken.getFields()).sort() : []).toEqual(
      ['dateCreated', 'id', 'lastUsedAt', 'name', 'scopes', 'tokenLastCharacters'].sort(),
    );
    // The only `token` field is on the one-time creation payload.
    const everyField = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => (isObjectType(type) ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []));
    expect(everyField.filter((f) => /\.token$/i.test(f))).toEqual(['CreatedApiToken.token']);
    // Secrets appear only on the one-time payloads of the mutations that create them. Not secrets:
    // grouping hashes (an issue's fingerprints) and changePassword, which takes a password and
    // answers a count of ended sessions.
    const notSecrets = new Set(['GroupHash.hash', 'GroupHash.eventCount', 'GroupHash.latestEvent', 'Issue.groupHashes', 'Mutation.changePassword']);
    expect(everyField.filter((f) => /hash|password|secret/i.test(f) && !notSecrets.has(f)).sort()).toEqual([
      'ConnectedRepository.webhookSecret',
      'HerokuConnection.secret',
      'Mutation.rotateRepositoryWebhookSecret',
      'ServiceHookCreation.secret',
    ]);
  });

  it('revokeApiToken makes the token fail with UNAUTHENTICATED on the very next request', async () => {
    const { cookie } = await signedIn();
    const client = server.client({ cookie });
    const { createApiToken } = await client.data<Created>(CREATE_TOKEN, { name: 'Doomed', scopes: ['org:read'] });
    const bearer = server.client({ token: createApiToken.token });
    await bearer.data('{ viewer { id } }');

    expect(await client.data(REVOKE_TOKEN, { id: createApiToken.apiToken.id })).toEqual({ revokeApiToken: true });

    const response = await bearer.post('{ viewer { id } }');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ message: 'Invalid or revoked API token', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await client.data<{ viewer: { apiTokens: unknown[] } }>('{ viewer { apiTokens { id } } }')).toEqual({ viewer: { apiTokens: [] } });
    // Revoking again: it is gone.
    expect(await client.errorCode(REVOKE_TOKEN, { id: createApiToken.apiToken.id })).toBe('NOT_FOUND');
  });

  it("nobody can revoke someone else's token: NOT_FOUND, and the token keeps working", async () => {
    const owner = await signedIn();
    const { createApiToken } = await server.client({ cookie: owner.cookie }).data<Created>(CREATE_TOKEN, { name: 'Mine', scopes: ['org:read'] });
    const intruder = await signedIn();
    const attempt = await server.client({ cookie: intruder.cookie }).request(REVOKE_TOKEN, { id: createApiToken.apiToken.id });
    const nothing = await server.client({ cookie: intruder.cookie }).request(REVOKE_TOKEN, { id: '2147483000' });
    expect(attempt.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(attempt).toEqual(nothing);
    expect(await server.client({ token: createApiToken.token }).data('{ viewer { email } }')).toEqual({ viewer: { email: owner.user.email } });
  });

  it('a token with only org:read can read the organization but not create a project (FORBIDDEN naming the scope)', async () => {
    const { owner, organization } = await buildTenant(server.app);
    const client = server.client({ token: await tokenFor(server.app, owner, ['org:read']) });
    expect(await client.data('query($org: String!) { organization(slug: $org) { slug viewerRole } }', { org: organization.slug })).toEqual({
      organization: { slug: organization.slug, viewerRole: 'OWNER' },
    });
    const result = await client.request('mutation($org: String!) { createProject(organizationSlug: $org, input: { name: "Nope" }) { id } }', { org: organization.slug });
    expect(result.errors?.[0]).toMatchObject({ message: 'This API token lacks the project:write scope', extensions: { code: 'FORBIDDEN' } });
    // Reading projects needs project:read, which this token lacks too.
    expect(await client.errorCode('query($org: String!) { organization(slug: $org) { projects { totalCount } } }', { org: organization.slug })).toBe('FORBIDDEN');
    // Outside organizations the token's scopes apply as well.
    const created = await client.request('mutation { createOrganization(input: { name: "Another" }) { id } }');
    expect(created.errors?.[0]).toMatchObject({ message: expect.stringContaining('org:write'), extensions: { code: 'FORBIDDEN' } });
  });

  it("a token cannot exceed its user's role: project:write on a READONLY member is still FORBIDDEN with the role named", async () => {
    const { owner, organization } = await buildTenant(server.app);
    const reader = await buildUser(server.app);
    await addMember(server.app.db, await accessFor(server.app, owner, organization), reader.email, MemberRole.READONLY);
    const client = server.client({ token: await tokenFor(server.app, reader, ['org:read', 'project:write']) });
    const result = await client.request('mutation($org: String!) { createProject(organizationSlug: $org, input: { name: "Nope" }) { id } }', { org: organization.slug });
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('readonly'), extensions: { code: 'FORBIDDEN' } });
  });

  it('an unknown bearer token is UNAUTHENTICATED (HTTP 401), even for viewer', async () => {
    for (const token of ['vgl_' + '0'.repeat(64), 'garbage']) {
      const response = await server.client({ token }).post('{ viewer { id } }');
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ errors: [{ message: 'Invalid or revoked API token', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
  });

  it.each([['Basic dXNlcjpwYXNz'], ['Bearer'], ['Bearer two tokens'], ['Token vgl_abc'], ['vgl_abc']])(
    'a malformed Authorization header (%s) is UNAUTHENTICATED (HTTP 401)',
    async (authorization) => {
      const response = await postRaw({ authorization }, '{ viewer { id } }');
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errors: [{ message: 'Authorization header must be "Bearer <token>"', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    },
  );

  it('a bad bearer token is not rescued by a valid session cookie', async () => {
    const { cookie } = await signedIn();
    const response = await postRaw({ authorization: 'Bearer vgl_nope', cookie }, '{ viewer { id } }');
    expect(response.status).toBe(401);
  });

  it('rejects unknown scopes and an empty scope list with BAD_USER_INPUT', async () => {
    const client = server.client({ cookie: (await signedIn()).cookie });
    const unknown = await client.request(CREATE_TOKEN, { name: 'x', scopes: ['project:read', 'root:everything'] });
    expect(unknown.errors?.[0]).toMatchObject({ message: expect.stringContaining('root:everything'), extensions: { code: 'BAD_USER_INPUT', field: 'scopes' } });
    expect(await client.errorCode(CREATE_TOKEN, { name: 'x', scopes: [] })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(CREATE_TOKEN, { name: '   ', scopes: ['org:read'] })).toBe('BAD_USER_INPUT');
  });

  // A WebSocket is authenticated when it opens; every delivery checks the token still exists.
  it("a revoked token's open WebSocket subscription stops receiving events", async () => {
    const { cookie } = await signedIn();
    const dashboard = server.client({ cookie });
    const { createApiToken } = await dashboard.data<Created>(CREATE_TOKEN, { name: 'Live', scopes: ['org:read', 'org:write', 'project:read', 'project:write'] });
    const bearer = server.client({ token: createApiToken.token });
    const { createOrganization } = await bearer.data<{ createOrganization: { slug: string } }>('mutation($name: String!) { createOrganization(input: { name: $name }) { slug } }', {
      name: unique('live'),
    });
    const before = server.app.pubsub.subscriberCount('projectChanged');
    const subscription = bearer.subscribe<{ projectChanged: { kind: string } }>('subscription($org: String!) { projectChanged(organizationSlug: $org) { kind } }', {
      org: createOrganization.slug,
    });
    try {
      await waitFor(() => server.app.pubsub.subscriberCount('projectChanged') === before + 1, { what: 'the subscription to be live' });
      await dashboard.data(REVOKE_TOKEN, { id: createApiToken.apiToken.id });
      await dashboard.data('mutation($org: String!) { createProject(organizationSlug: $org, input: { name: "After Revoke" }) { id } }', { org: createOrganization.slug });
      const message = await subscription.next(3_000).catch(() => ({ data: null }));
      expect(message.data ?? null).toBeNull();
    } finally {
      await subscription.close();
    }
  });
});

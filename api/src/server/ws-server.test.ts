import { once } from 'node:events';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildUser, sessionCookieFor, tokenFor, unique } from '../../../test/support/factories.js';
import type { Organization } from '../organizations/organization.entity.js';
import type { User } from '../users/user.entity.js';
import type { GraphQLResponse } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { WS_LIMITS } from './ws-server.js';

let server: TestServer;
let tenant: { owner: User; organization: Organization; token: string };
let cookie: string;

beforeAll(async () => {
  server = await startTestServer();
  const owner = await buildUser(server.app, { password: true });
  tenant = { owner, organization: await buildOrganization(server.app, owner), token: await tokenFor(server.app, owner) };
  cookie = await sessionCookieFor(server.app, tenant.owner);
});
afterAll(async () => server?.close());

const PROJECT_CHANGED = 'subscription($org: String!) { projectChanged(organizationSlug: $org) { kind } }';

/** A graphql-transport-ws connection spoken by hand, to see exactly what the server does. */
class RawSocket {
  readonly ws: WebSocket;
  readonly messages: { id?: string; type: string; payload?: unknown }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(headers: Record<string, string> = {}) {
    this.ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { headers });
    this.ws.on('message', (data) => this.messages.push(JSON.parse(String(data)) as RawSocket['messages'][number]));
    this.ws.on('error', () => undefined);
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  async init(payload: Record<string, unknown> = {}): Promise<void> {
    if (this.ws.readyState === WebSocket.CONNECTING) await once(this.ws, 'open');
    this.ws.send(JSON.stringify({ type: 'connection_init', payload }));
  }

  async message(type: string, id?: string): Promise<RawSocket['messages'][number]> {
    return waitFor(() => this.messages.find((m) => m.type === type && (id === undefined || m.id === id)), { what: `a ${type} message` });
  }

  /** Resolves to the close event, or to null if the socket is still open after `ms`. */
  closedWithin(ms: number): Promise<{ code: number; reason: string } | null> {
    return Promise.race([this.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
  }
}

const bearer = () => ({ authorization: `Bearer ${tenant.token}` });

describe('WebSocket message size', () => {
  it('accepts a message under 1 MiB', async () => {
    const socket = new RawSocket();
    await socket.init({ ...bearer(), padding: 'x'.repeat(900 * 1024) });
    expect((await socket.message('connection_ack')).type).toBe('connection_ack');
    socket.ws.close();
  });

  it('closes the socket (1009) on a message over 1 MiB instead of reading it', async () => {
    const socket = new RawSocket();
    await socket.init({ ...bearer(), padding: 'x'.repeat(WS_LIMITS.maxPayloadBytes + 1) });
    expect((await socket.closedWithin(5_000))?.code).toBe(1009);
    expect(socket.messages.find((m) => m.type === 'connection_ack')).toBeUndefined();
  });
});

describe('operations per connection', () => {
  it(`runs ${WS_LIMITS.maxOperations} subscriptions on one socket and refuses the next with a clear error`, async () => {
    const client = server.client({ token: tenant.token }).socket();
    const before = server.app.pubsub.subscriberCount('projectChanged');
    const errors: unknown[] = [];
    const disposers: (() => void)[] = [];
    try {
      for (let i = 0; i < WS_LIMITS.maxOperations; i++) {
        disposers.push(client.subscribe({ query: PROJECT_CHANGED, variables: { org: tenant.organization.slug } }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined }));
      }
      await waitFor(() => server.app.pubsub.subscriberCount('projectChanged') === before + WS_LIMITS.maxOperations, { what: 'all subscriptions to be live' });
      const refused = await new Promise<GraphQLResponse['errors']>((resolve) => {
        disposers.push(client.subscribe({ query: PROJECT_CHANGED, variables: { org: tenant.organization.slug } }, { next: () => undefined, error: (e) => resolve(e as GraphQLResponse['errors']), complete: () => resolve([]) }));
      });
      expect(refused?.[0]?.message).toBe(`Too many operations on one connection: at most ${WS_LIMITS.maxOperations} at once`);
      expect(refused?.[0]?.extensions?.code).toBe('BAD_REQUEST');
      expect(server.app.pubsub.subscriberCount('projectChanged')).toBe(before + WS_LIMITS.maxOperations);
      expect(errors).toEqual([]);
      // The connection itself stays usable: finishing one subscription frees a place.
      disposers[0]!();
      await waitFor(() => server.app.pubsub.subscriberCount('projectChanged') === before + WS_LIMITS.maxOperations - 1, { what: 'one subscription to end' });
      const viewer = await new Promise<unknown>((resolve, reject) => client.subscribe({ query: '{ viewer { email } }' }, { next: resolve, error: reject, complete: () => undefined }));
      expect(viewer).toEqual({ data: { viewer: { email: tenant.owner.email } } });
    } finally {
      for (const dispose of disposers) dispose();
      await client.dispose();
    }
  });
});

describe('Origin of cookie-authenticated sockets', () => {
  it('accepts the session cookie from the Vigil origin', async () => {
    const socket = new RawSocket({ cookie, origin: new URL(server.url).origin });
    await socket.init();
    expect((await socket.message('connection_ack')).type).toBe('connection_ack');
    socket.ws.close();
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['no Origin at all', {}],
  ])('refuses the session cookie from %s (4403)', async (_what, headers: Record<string, string>) => {
    const socket = new RawSocket({ cookie, ...headers });
    await socket.init();
    expect(await socket.closedWithin(5_000)).toEqual({ code: 4403, reason: 'Cookie-authenticated sockets must come from the Vigil origin' });
    expect(socket.messages).toEqual([]);
  });

  it('accepts a token from a script without an Origin, even with a stray cookie', async () => {
    const socket = new RawSocket({ cookie });
    await socket.init(bearer());
    expect((await socket.message('connection_ack')).type).toBe('connection_ack');
    socket.ws.close();
  });
});

describe('credentials ending while a socket is open', () => {
  const CREATE_TOKEN = 'mutation($name: String!) { createApiToken(input: { name: $name, scopes: ["org:read", "project:read"] }) { token apiToken { id } } }';

  it('a revoked token closes its socket within seconds, and its queries get no data', async () => {
    const dashboard = server.client({ cookie });
    const { createApiToken } = await dashboard.data<{ createApiToken: { token: string; apiToken: { id: string } } }>(CREATE_TOKEN, { name: unique('ws') });
    const socket = new RawSocket();
    await socket.init({ authorization: `Bearer ${createApiToken.token}` });
    await socket.message('connection_ack');
    socket.ws.send(JSON.stringify({ id: 'before', type: 'subscribe', payload: { query: '{ viewer { email } }' } }));
    expect((await socket.message('next', 'before')).payload).toEqual({ data: { viewer: { email: tenant.owner.email } } });

    await dashboard.data('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: createApiToken.apiToken.id });
    const revokedAt = Date.now();
    socket.ws.send(JSON.stringify({ id: 'after', type: 'subscribe', payload: { query: '{ viewer { email } }' } }));
    const closed = await socket.closedWithin(WS_LIMITS.credentialCheckMs + 3_000);
    expect(closed).toEqual({ code: 4401, reason: 'Your API token was revoked or your session ended' });
    expect(Date.now() - revokedAt).toBeLessThan(WS_LIMITS.credentialCheckMs + 3_000);
    expect(socket.messages.filter((m) => m.id === 'after' && m.type === 'next')).toEqual([]);
  });

  it('an idle socket of an ended session is closed within seconds', async () => {
    const session = await sessionCookieFor(server.app, tenant.owner);
    const socket = new RawSocket({ cookie: session, origin: new URL(server.url).origin });
    await socket.init();
    await socket.message('connection_ack');
    await server.client({ cookie: session }).data('mutation { logout }');
    expect(await socket.closedWithin(WS_LIMITS.credentialCheckMs + 3_000)).toEqual({ code: 4401, reason: 'Your API token was revoked or your session ended' });
  });

  it('a query on a socket whose token was revoked is refused at once (UNAUTHENTICATED)', async () => {
    const dashboard = server.client({ cookie });
    const { createApiToken } = await dashboard.data<{ createApiToken: { token: string; apiToken: { id: string } } }>(CREATE_TOKEN, { name: unique('ws') });
    const client = createClient({ url: `${server.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${createApiToken.token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
    const query = () =>
      new Promise<unknown>((resolve) => client.subscribe({ query: '{ viewer { email } }' }, { next: resolve, error: (e) => resolve({ error: e }), complete: () => undefined }));
    try {
      expect(await query()).toEqual({ data: { viewer: { email: tenant.owner.email } } });
      await dashboard.data('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: createApiToken.apiToken.id });
      const answer = (await query()) as { error?: unknown; data?: unknown };
      expect(answer.data).toBeUndefined();
      // Refused by the operation's own check, or the socket was already closed by the periodic one.
      const error = answer.error as { message?: string; extensions?: { code?: string } }[] | { code?: number };
      if (Array.isArray(error)) expect(error[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      else expect(error.code).toBe(4401);
    } finally {
      await client.dispose();
    }
  });
});

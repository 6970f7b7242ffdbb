import { GraphQLError } from 'graphql';
import type { Logger } from '../logger.js';
import { formatError } from './errors.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import type { GraphQLResponse, GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
let client: GraphQLTestClient;
let org: string;

beforeAll(async () => {
  server = await startTestServer();
  const tenant = await buildTenant(server.app);
  client = server.client({ token: tenant.token });
  org = tenant.organization.slug;
});
afterAll(async () => server?.close());

/** Organization → projects → organization → … : `levels` rounds of 3 levels each. */
function deepSelection(levels: number): string {
  let selection = 'id';
  for (let i = 0; i < levels; i++) selection = `organization { projects(first: 1) { nodes { ${selection} } } }`;
  return selection;
}

async function expectRejected(response: Response, status: number, code: string, message: RegExp): Promise<GraphQLResponse> {
  const body = (await response.json()) as GraphQLResponse;
  expect(response.status).toBe(status);
  expect(body.data ?? null).toBeNull();
  expect(body.errors?.length).toBeGreaterThan(0);
  expect(body.errors?.every((e) => e.extensions?.code === code)).toBe(true);
  expect(body.errors?.map((e) => e.message).join('\n')).toMatch(message);
  return body;
}

/** No stack, no source paths, no database text: nothing about the server's insides. */
function expectNoInternals(raw: string): void {
  expect(raw).not.toMatch(/stacktrace/i);
  expect(raw).not.toMatch(/\n\s+at /);
  expect(raw).not.toMatch(/\.(ts|js):\d+/);
  expect(raw).not.toMatch(/node_modules|\/work\/|\/api\/src\//);
  expect(raw).not.toMatch(/QueryFailedError|postgres|invalid byte sequence|relation "|column "/i);
}

describe('query limits over HTTP', () => {
  it('accepts a query within the depth limit', async () => {
    const result = await client.request(`query($org: String!) { organization(slug: $org) { projects(first: 1) { nodes { ${deepSelection(2)} } } } }`, { org });
    expect(result.errors).toBeUndefined();
  });

  it('rejects an overly deep query before running it (HTTP 400, GRAPHQL_VALIDATION_FAILED)', async () => {
    const response = await client.post(`query($org: String!) { organization(slug: $org) { ${deepSelection(5)} } }`, { org });
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /depth limit of 12 exceeded/i);
  });

  it('rejects an alias bomb (HTTP 400, GRAPHQL_VALIDATION_FAILED)', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: viewer { id email }`).join('\n');
    const response = await client.post(`{ ${aliases} }`);
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /aliases limit of 30 exceeded/i);
  });

  it('rejects an alias bomb hidden in a fragment', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `p${i}: projects(first: 100) { totalCount }`).join('\n');
    const response = await client.post(`query($org: String!) { organization(slug: $org) { ...Bomb } } fragment Bomb on Organization { ${aliases} }`, { org });
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /aliases limit/i);
  });

  // Page sizes multiply: 100 organizations × 100 projects is 10 000 projects, whatever the syntax.
  it('counts page sizes given as variables (HTTP 400, GRAPHQL_VALIDATION_FAILED)', async () => {
    const query = 'query($n: Int, $m: Int) { viewer { organizations(first: $n) { nodes { projects(first: $m) { nodes { id slug name } } } } } }';
    const response = await client.post(query, { n: 100, m: 100 });
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /cost limit of 10000 exceeded/i);
    const small = await client.request(query, { n: 2, m: 2 });
    expect(small.errors).toBeUndefined();
  });

  it('counts literal page sizes, the same document every time (its verdict is kept)', async () => {
    const query = '{ viewer { organizations(first: 100) { nodes { projects(first: 100) { nodes { id slug name } } } } } }';
    for (let i = 0; i < 2; i++) await expectRejected(await client.post(query), 400, 'GRAPHQL_VALIDATION_FAILED', /cost limit of 10000 exceeded/i);
    const small = '{ viewer { organizations(first: 2) { nodes { projects(first: 2) { nodes { id } } } } } }';
    for (let i = 0; i < 2; i++) expect((await client.request(small)).errors).toBeUndefined();
  });

  it('answers are never cached (cache-control: no-store)', async () => {
    const response = await client.post('{ viewer { id } }');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('counts the default page size when first is left out', async () => {
    const fields = Array.from({ length: 20 }, (_, i) => `f${i}: slug`).join(' ');
    const response = await client.post(`{ viewer { organizations { nodes { projects { nodes { ${fields} } } } } } }`);
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /cost limit/i);
  });

  it('counts every alias of a paged field at its page size', async () => {
    const aliases = Array.from({ length: 25 }, (_, i) => `p${i}: projects(first: $n) { nodes { id slug name } }`).join('\n');
    const query = `query($org: String!, $n: Int) { organization(slug: $org) { ${aliases} } }`;
    await expectRejected(await client.post(query, { org, n: 100 }), 400, 'GRAPHQL_VALIDATION_FAILED', /cost limit/i);
    expect((await client.request(query, { org, n: 10 })).errors).toBeUndefined();
  });

  it('rejects a directive flood (HTTP 400)', async () => {
    const directives = Array.from({ length: 60 }, () => '@include(if: true)').join(' ');
    const response = await client.post(`{ viewer ${directives} { id } }`);
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /directives limit/i);
  });

  it('an unknown field is GRAPHQL_VALIDATION_FAILED (HTTP 400)', async () => {
    const response = await client.post('{ viewer { id passwordHash } }');
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "passwordHash" on type "Viewer"/);
  });

  it('an unknown argument is GRAPHQL_VALIDATION_FAILED (HTTP 400)', async () => {
    const response = await client.post('query($org: String!) { organization(slug: $org, includeDeleted: true) { id } }', { org });
    await expectRejected(response, 400, 'GRAPHQL_VALIDATION_FAILED', /Unknown argument "includeDeleted"/);
  });

  it('a variable of the wrong type is BAD_USER_INPUT (HTTP 400)', async () => {
    const response = await client.post('query($first: Int) { viewer { organizations(first: $first) { totalCount } } }', { first: 'ten' });
    await expectRejected(response, 400, 'BAD_USER_INPUT', /\$first/);
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ viewer { id } }' }, { query: '{ viewer { id } }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('a syntax error is refused without running anything and without internals', async () => {
    const response = await client.post('{ viewer { id ');
    const raw = await response.text();
    const body = JSON.parse(raw) as GraphQLResponse;
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.message).toMatch(/^Syntax Error: Expected Name, found <EOF>/);
    expectNoInternals(raw);
  });

  // The token limit is enforced by the parser: a clear 400 GRAPHQL_PARSE_FAILED, never a 500.
  it('a syntax error is GRAPHQL_PARSE_FAILED with HTTP 400', async () => {
    const response = await client.post('{ viewer { id ');
    await expectRejected(response, 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/);
  });

  it('a query over the token limit is GRAPHQL_PARSE_FAILED with HTTP 400, not a server error', async () => {
    const response = await client.post(`{ ${Array.from({ length: 2_000 }, () => 'viewer { id }').join(' ')} }`);
    await expectRejected(response, 400, 'GRAPHQL_PARSE_FAILED', /tokens?\b/i);
  });

  it('a value PostgreSQL cannot store (a NUL character) is BAD_USER_INPUT, not an internal error', async () => {
    const result = await client.request('query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { id } } }', { org, slug: 'web\u0000' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an unexpected internal error is masked: generic message, no stack trace, no database text', () => {
    const lines: unknown[] = [];
    const log = { error: (entry: unknown) => lines.push(entry) } as unknown as Logger;
    const original = new Error('duplicate key value violates unique constraint "secret_table_pkey"');
    const error = new GraphQLError(original.message, { path: ['createOrganization'], originalError: original });
    const formatted = formatError(error.toJSON(), error, log);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['createOrganization'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expectNoInternals(JSON.stringify(formatted));
    expect(lines).toHaveLength(1);
  });
});

describe('query limits over WebSocket', () => {
  const SUBSCRIBE = (selection: string) => `subscription($org: String!) { projectChanged(organizationSlug: $org) { ${selection} } }`;

  it('rejects an overly deep subscription before subscribing', async () => {
    const before = server.app.pubsub.subscriberCount('projectChanged');
    const subscription = client.subscribe(SUBSCRIBE(`project { ${deepSelection(5)} }`), { org });
    try {
      const message = await subscription.next();
      expect(message.data ?? null).toBeNull();
      expect(message.errors?.[0]?.message).toMatch(/depth limit of 12 exceeded/i);
      expect(server.app.pubsub.subscriberCount('projectChanged')).toBe(before);
    } finally {
      await subscription.close();
    }
  });

  it('rejects an alias bomb in a subscription', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `k${i}: kind`).join(' ');
    const subscription = client.subscribe(SUBSCRIBE(aliases), { org });
    try {
      const message = await subscription.next();
      expect(message.errors?.[0]?.message).toMatch(/aliases limit/i);
    } finally {
      await subscription.close();
    }
  });

  it('counts page sizes given as variables in a subscription', async () => {
    const nested = 'project { organization { projects(first: $n) { nodes { organization { projects(first: $n) { nodes { id slug name } } } } } } }';
    const subscription = client.subscribe(`subscription($org: String!, $n: Int) { projectChanged(organizationSlug: $org) { ${nested} } }`, { org, n: 100 });
    try {
      const message = await subscription.next();
      expect(message.errors?.[0]?.message).toMatch(/cost limit of 10000 exceeded/i);
      expect(message.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await subscription.close();
    }
  });

  // WebSocket operations get the same error codes as HTTP ones.
  it('labels a rejected subscription GRAPHQL_VALIDATION_FAILED, as HTTP does', async () => {
    const subscription = client.subscribe(SUBSCRIBE('kind nope'), { org });
    try {
      const message = await subscription.next();
      expect(message.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await subscription.close();
    }
  });

  // A bad operation on a WebSocket fails alone; the connection stays open.
  it('answers a syntax error with an error message instead of closing the connection', async () => {
    const subscription = client.subscribe('subscription { projectChanged(organizationSlug: ', {});
    try {
      const message = await subscription.next();
      expect(subscription.closed).toBeUndefined();
      expect(message.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    } finally {
      await subscription.close();
    }
  });

  it('a syntax error never sends internals to the client', async () => {
    const subscription = client.subscribe('subscription { projectChanged(organizationSlug: ', {});
    try {
      const message = await subscription.next();
      expectNoInternals(JSON.stringify(message) + JSON.stringify(subscription.closed ?? {}));
    } finally {
      await subscription.close();
    }
  });
});

import { once } from 'node:events';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WS_LIMITS } from '../../api/src/server/ws-server.js';
import { buildTenant } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;

beforeAll(async () => {
  server = await startTestServer();
  tenant = await buildTenant(server.app);
  // 2 × 100 field names of 200 characters: each aliased copy below adds 40 kB to a message.
  const names = (prefix: string) => Array.from({ length: 100 }, (_, i) => `${prefix}${i}`.padEnd(200, 'x'));
  await server.client({ token: tenant.token }).data('mutation($id: ID!, $input: DataScrubbingInput!) { updateProjectDataScrubbing(projectId: $id, input: $input) { id } }', {
    id: String(tenant.project.id),
    input: { sensitiveFields: names('s'), safeFields: names('k') },
  });
});
afterAll(async () => server?.close());

const EVENTS = 200;
const BIG = Array.from({ length: 10 }, (_, i) => `s${i}: settings { scrubbing { sensitiveFields safeFields } }`).join(' ');

async function subscriber(selection: string): Promise<{ ws: WebSocket; messages: { type: string; payload?: unknown }[]; received: () => number; closed: Promise<number> }> {
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  let received = 0;
  const messages: { type: string; payload?: unknown }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
    if (message.type === 'next') received++;
    else messages.push(message);
  });
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await once(ws, 'open');
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${tenant.token}` } }));
  await waitFor(() => messages.some((m) => m.type === 'connection_ack'), { what: 'connection_ack' });
  ws.send(
    JSON.stringify({
      id: '1',
      type: 'subscribe',
      payload: { query: `subscription($org: String!) { projectChanged(organizationSlug: $org) { kind project { ${selection} } } }`, variables: { org: tenant.organization.slug } },
    }),
  );
  return { ws, messages, received: () => received, closed };
}

describe('a WebSocket client that stops reading', () => {
  it('is disconnected with its memory bounded, while a reading client gets every event', async () => {
    const baseline = server.app.pubsub.subscriberCount('projectChanged');
    const slow = await subscriber(`id ${BIG}`);
    const connectedAt = Date.now();
    const healthy = await subscriber('id');
    await waitFor(() => server.app.pubsub.subscriberCount('projectChanged') === baseline + 2, { what: 'both subscriptions to be live' }).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify([slow.messages, healthy.messages])}`);
    });
    // From now on the slow client reads nothing: its kernel buffers fill, then the server's sends wait.
    slow.ws.pause();

    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
    try {
      const event = { organizationId: tenant.organization.id, projectId: tenant.project.id, kind: 'updated' as const };
      // One transaction each: PostgreSQL folds identical notifications of one transaction into one.
      for (let i = 0; i < EVENTS; i += 10) await Promise.all(Array.from({ length: 10 }, () => server.app.pubsub.publish('projectChanged', event)));
      // The server gives up on the slow subscriber: its subscription ends although the client never left.
      // graphql-ws's keep-alive would cut a client that answers no pings only after 24 s (12 s + 12 s).
      await waitFor(() => server.app.pubsub.subscriberCount('projectChanged') === baseline + 1, { timeoutMs: 15_000, what: 'the slow subscriber to be dropped' });
      expect(Date.now() - connectedAt).toBeLessThan(15_000);
      await waitFor(() => healthy.received() === EVENTS, { timeoutMs: 20_000, what: 'the reading client to get every event' });
    } finally {
      clearInterval(sampler);
    }

    // Undelivered results were dropped, not kept: 200 results of 400 kB would be 80 MB.
    const growthMb = (heapPeak - heapBefore) / 2 ** 20;
    expect(growthMb).toBeLessThan(((WS_LIMITS.maxPendingResults + 20) * 400) / 1024 + 32);

    slow.ws.resume();
    expect([1013, 1006]).toContain(await slow.closed);
    expect(slow.received()).toBeLessThan(EVENTS);
    expect(healthy.ws.readyState).toBe(WebSocket.OPEN);
    healthy.ws.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, newEventId, postEnvelope } from '../../../test/support/envelopes.js';
import { buildTenant } from '../../../test/support/factories.js';
import { publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { eventPayload } from './event-payload.js';

let direct: TestServer;
let behindProxy: TestServer;

beforeAll(async () => {
  direct = await startTestServer({ workers: true });
  // A reverse proxy on loopback: its X-Forwarded-For is believed.
  behindProxy = await startTestServer({ workers: true, env: { VIGIL_TRUST_PROXY: '127.0.0.1/8' } });
});
afterAll(async () => {
  await direct?.close();
  await behindProxy?.close();
});

/** Sends one browser event with `{{auto}}` as its user IP and a forged X-Forwarded-For; the IP stored for it. */
async function recordedIp(server: TestServer): Promise<string | null> {
  const { project } = await buildTenant(server.app);
  const eventId = newEventId();
  const sent = await postEnvelope(server.url, project.id, await publicKeyOf(server.app, project), eventEnvelope({ event_id: eventId, message: 'who am i', user: { ip_address: '{{auto}}' } }), {
    'x-forwarded-for': '203.0.113.66',
  });
  expect(sent.status).toBe(200);
  await waitForEvents(server.app, project.id, 1);
  const [row] = (await server.app.db.query('SELECT payload FROM event WHERE project_id = $1 AND event_id = $2', [project.id, eventId])) as { payload: Buffer }[];
  return row ? (eventPayload(row).user?.ipAddress ?? null) : null;
}

describe('the client IP', () => {
  it('by default is the connection peer: a forged X-Forwarded-For changes nothing', async () => {
    expect(direct.app.config.trustProxy).toBe(false);
    expect(await recordedIp(direct)).toBe('127.0.0.1');
  });

  it('behind a trusted proxy (VIGIL_TRUST_PROXY) is the address the proxy forwarded', async () => {
    expect(await recordedIp(behindProxy)).toBe('203.0.113.66');
  });
});

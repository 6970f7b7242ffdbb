import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

const crash = (extra: Record<string, unknown> = {}) => ({
  platform: 'node',
  exception: {
    values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [{ filename: '/srv/app/cart.js', module: 'cart', function: 'addItem', lineno: 3, in_app: true }] } }],
  },
  ...extra,
});

describe('assigning events to issues', () => {
  it('a custom fingerprint makes its own issue, even where the stack trace has one already', async () => {
    const { project } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    const send = async (event: Record<string, unknown>) => expect((await postEnvelope(server.url, project.id, key, eventEnvelope(event))).status).toBe(200);
    await send(crash());
    await waitForEvents(server.app, project.id, 1);
    await send(crash({ fingerprint: ['checkout-timeouts'] }));
    await send(crash({ fingerprint: ['{{ default }}', 'eu'] }));
    await send(crash());
    await waitForEvents(server.app, project.id, 4);
    const issues: { times_seen: number }[] = await server.app.db.query('SELECT times_seen FROM issue WHERE project_id = $1 ORDER BY id', [project.id]);
    expect(issues.map((i) => i.times_seen)).toEqual([2, 1, 1]);
  });
});

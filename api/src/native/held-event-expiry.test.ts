/**
 * Held crashes expire on a schedule: the workers sweep every project for held events older than
 * VIGIL_HELD_EVENT_MAX_AGE_DAYS (the `native.expire-held-events` job, every
 * VIGIL_HELD_EVENT_EXPIRY_INTERVAL_SECONDS), with no upload, hold or reprocessing run to trigger it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { publicKeyOf } from '../../../test/support/ingest.js';
import { nativeSdkCrash } from '../../../test/support/native-events.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true, env: { VIGIL_HELD_EVENT_MAX_AGE_DAYS: '3', VIGIL_HELD_EVENT_EXPIRY_INTERVAL_SECONDS: '1' } });
});
afterAll(async () => {
  await server?.close();
});

describe('held event expiry', () => {
  it('drops held crashes past the configured age on its own schedule, counts them, and keeps younger ones', async () => {
    const t = await buildTenant(server.app);
    await server.client({ token: t.token }).data('mutation($id: ID!) { updateProject(id: $id, input: { reprocessingActive: true }) { id } }', { id: String(t.project.id) });
    const key = await publicKeyOf(server.app, t.project);
    const old = nativeSdkCrash([{ rel: 0x1c74 }]);
    const young = nativeSdkCrash([{ rel: 0x43c4 }]);
    for (const event of [old, young]) expect((await postEnvelope(server.url, t.project.id, key, eventEnvelope(event))).status).toBe(200);
    const held = async () => ((await server.app.db.query('SELECT event_id FROM held_event WHERE project_id = $1 ORDER BY event_id', [t.project.id])) as { event_id: string }[]).map((r) => r.event_id);
    await waitFor(async () => ((await held()).length === 2 ? true : null), { timeoutMs: 20_000, what: 'two held crashes' });

    // One was received four days ago (past the 3-day limit), the other two days ago.
    await server.app.db.query(`UPDATE held_event SET received_at = now() - interval '4 days' WHERE project_id = $1 AND event_id = $2`, [t.project.id, old.event_id]);
    await server.app.db.query(`UPDATE held_event SET received_at = now() - interval '2 days' WHERE project_id = $1 AND event_id = $2`, [t.project.id, young.event_id]);

    await waitFor(async () => ((await held()).length === 1 ? true : null), { timeoutMs: 20_000, what: 'the sweep' });
    expect(await held()).toEqual([young.event_id]);
    const [outcome] = (await server.app.db.query(`SELECT sum(quantity)::int AS n FROM outcome WHERE project_id = $1 AND reason = 'held_event_expired'`, [t.project.id])) as { n: number }[];
    expect(outcome!.n).toBe(1);
    // The processing issue stays: the younger crash still waits for the same debug file.
    const issues = (await server.app.db.query('SELECT count(*)::int AS n FROM processing_issue WHERE project_id = $1', [t.project.id])) as { n: number }[];
    expect(issues[0]!.n).toBe(1);

    // Once that one is old too, nothing waits any more: the processing issue goes with it.
    await server.app.db.query(`UPDATE held_event SET received_at = now() - interval '5 days' WHERE project_id = $1`, [t.project.id]);
    await waitFor(async () => ((await held()).length === 0 ? true : null), { timeoutMs: 20_000, what: 'the second sweep' });
    await waitFor(
      async () => (((await server.app.db.query('SELECT count(*)::int AS n FROM processing_issue WHERE project_id = $1', [t.project.id])) as { n: number }[])[0]!.n === 0 ? true : null),
      { timeoutMs: 5_000, what: 'the processing issue removed' },
    );
    const stored = (await server.app.db.query('SELECT count(*)::int AS n FROM event WHERE project_id = $1', [t.project.id])) as { n: number }[];
    expect(stored[0]!.n).toBe(0);
  });
});

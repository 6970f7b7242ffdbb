import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import { eventEnvelope, newEventId, postEnvelope } from '../../../test/support/envelopes.js';
import { eventCount, publicKeyOf } from '../../../test/support/ingest.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { claimBatch, parkEnvelope } from './ingest-queue.js';
import { processQueuedEnvelopes } from './process-envelopes.js';

// No workers: envelopes stay queued (and parked) until the test processes them.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const SUMMARY = `query($org: String!, $project: String!) { organization(slug: $org) { project(slug: $project) {
  parkedEnvelopes { count firstParkedAt lastParkedAt firstReceivedAt reasons { reason count firstParkedAt lastParkedAt } } } } }`;
const RETRY = 'mutation($id: ID!) { retryParkedEnvelopes(projectId: $id) }';

interface Summary {
  organization: { project: { parkedEnvelopes: { count: number; firstParkedAt: string | null; lastParkedAt: string | null; reasons: { reason: string; count: number }[] } } };
}

/** Queues envelopes through the edge, then parks them the way the consumer does after their attempts. */
async function parkThrough(projectId: number, key: string, reasons: string[]): Promise<string[]> {
  const eventIds: string[] = [];
  for (const reason of reasons) {
    const eventId = newEventId();
    eventIds.push(eventId);
    expect((await postEnvelope(server.url, projectId, key, eventEnvelope({ event_id: eventId, message: 'parked' }))).status).toBe(200);
    const [claim] = await claimBatch(server.app.db, { owner: randomUUID() });
    expect(await parkEnvelope(server.app.db, claim!.id, reason)).toBe(true);
  }
  return eventIds;
}

describe('parked envelopes', () => {
  it('project admins see them summarised by reason, and retrying moves them back to be stored', async () => {
    const { project, organization, token } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    const vars = { org: organization.slug, project: project.slug };
    const owner = server.client({ token });
    expect((await owner.data<Summary>(SUMMARY, vars)).organization.project.parkedEnvelopes).toEqual({
      count: 0,
      firstParkedAt: null,
      lastParkedAt: null,
      firstReceivedAt: null,
      reasons: [],
    });

    await parkThrough(project.id, key, ['TypeError: x is undefined', 'TypeError: x is undefined', 'Processing did not finish in 3 attempts']);
    const { parkedEnvelopes } = (await owner.data<Summary>(SUMMARY, vars)).organization.project;
    expect(parkedEnvelopes).toMatchObject({
      count: 3,
      reasons: [
        { reason: 'TypeError: x is undefined', count: 2 },
        { reason: 'Processing did not finish in 3 attempts', count: 1 },
      ],
    });
    expect(new Date(parkedEnvelopes.firstParkedAt!).getTime()).toBeLessThanOrEqual(new Date(parkedEnvelopes.lastParkedAt!).getTime());

    expect(await owner.data(RETRY, { id: String(project.id) })).toEqual({ retryParkedEnvelopes: 3 });
    expect((await owner.data<Summary>(SUMMARY, vars)).organization.project.parkedEnvelopes.count).toBe(0);
    while ((await processQueuedEnvelopes(server.app, 100)) > 0);
    expect(await eventCount(server.app, project.id)).toBe(3);
    expect(await owner.data(RETRY, { id: String(project.id) })).toEqual({ retryParkedEnvelopes: 0 });
  });

  it('members and read-only members may not see or retry them; other organizations find nothing', async () => {
    const { project, organization, owner } = await buildTenant(server.app);
    await parkThrough(project.id, await publicKeyOf(server.app, project), ['boom']);
    const vars = { org: organization.slug, project: project.slug };
    for (const role of [MemberRole.MEMBER, MemberRole.READONLY]) {
      const { user } = await buildMember(server.app, organization, owner, role);
      const client = server.client({ token: await tokenFor(server.app, user) });
      expect(await client.errorCode(SUMMARY, vars)).toBe('FORBIDDEN');
      expect(await client.errorCode(RETRY, { id: String(project.id) })).toBe('FORBIDDEN');
    }
    const { user: admin } = await buildMember(server.app, organization, owner, MemberRole.ADMIN);
    const adminClient = server.client({ token: await tokenFor(server.app, admin) });
    expect((await adminClient.data<Summary>(SUMMARY, vars)).organization.project.parkedEnvelopes.count).toBe(1);
    // A token without project:admin cannot, whatever the role.
    const narrow = server.client({ token: await tokenFor(server.app, admin, ['org:read', 'project:read', 'project:write']) });
    expect(await narrow.errorCode(RETRY, { id: String(project.id) })).toBe('FORBIDDEN');

    const stranger = await buildTenant(server.app);
    expect(await server.client({ token: stranger.token }).errorCode(RETRY, { id: String(project.id) })).toBe('NOT_FOUND');
    const [{ n }] = (await server.app.db.query('SELECT count(*)::int AS n FROM ingest_failed WHERE project_id = $1', [project.id])) as [{ n: number }];
    expect(n).toBe(1);
  });
});

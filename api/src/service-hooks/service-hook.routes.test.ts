import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, tokenFor } from '../../../test/support/factories.js';
import { buildIssue, triage } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { startWebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { buildCommit, buildProjectRelease, buildRepository } from '../../../test/support/release-factories.js';
import { processCommits } from '../commits/resolve-fixes.js';
import { formatShortId } from '../issues/short-id.js';
import { IssueStatusChange } from '../issues/issue-triage.types.js';
import { ServiceHookDelivery } from './service-hook-delivery.entity.js';
import { ServiceHook } from './service-hook.entity.js';

let server: TestServer;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** The first delivery to a `/flaky` path fails with 503, so its retry can be watched. */
let flakyCalls = 0;

beforeAll(async () => {
  receiver = await startWebhookReceiver((hook) => {
    if ((hook.json.group as { title?: string } | undefined)?.title?.includes('flaky') && flakyCalls++ === 0) return 503;
    return 200;
  });
  server = await startTestServer({ workers: true, env: { VIGIL_WEBHOOKS_ALLOW_PRIVATE: '1', VIGIL_QUEUE_POLL_MS: '200' } });
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown> & Record<string, unknown>[]) : null };
}

describe('service hooks REST API (Sentry shapes)', () => {
  it('creates with the secret shown once, lists, reads, updates and deletes', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const base = `/api/0/projects/${organization.slug}/${project.slug}/hooks/`;
    const created = await api(token, 'POST', base, { url: receiver.url, events: ['event.created', 'issue.created'] });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ url: receiver.url, events: ['event.created', 'issue.created'], status: 'active' });
    expect(created.json!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(created.json!.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(created.json!.dateCreated as string)).not.toBeNaN();

    const stored = await server.app.db.getRepository(ServiceHook).findOneByOrFail({ guid: created.json!.id as string });
    expect(stored.secretSealed.startsWith('v1:')).toBe(true);
    expect(stored.secretSealed).not.toContain(created.json!.secret as string);

    const list = await api(token, 'GET', base);
    expect(list.status).toBe(200);
    expect(list.json).toEqual([{ id: created.json!.id, url: receiver.url, events: ['event.created', 'issue.created'], status: 'active', dateCreated: created.json!.dateCreated }]);
    const detail = await api(token, 'GET', `${base}${created.json!.id}/`);
    expect(detail.json).not.toHaveProperty('secret');

    const updated = await api(token, 'PUT', `${base}${created.json!.id}/`, { events: ['issue.resolved'], isActive: false });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ events: ['issue.resolved'], status: 'disabled' });

    expect((await api(token, 'DELETE', `${base}${created.json!.id}/`)).status).toBe(204);
    expect((await api(token, 'GET', `${base}${created.json!.id}/`)).status).toBe(404);
  });

  it('refuses bad input with a 400 naming the problem, and checks scopes and organizations', async () => {
    const { owner, organization, project, token } = await buildTenant(server.app);
    const base = `/api/0/projects/${organization.slug}/${project.slug}/hooks/`;
    const badEvent = await api(token, 'POST', base, { url: receiver.url, events: ['event.deleted'] });
    expect(badEvent.status).toBe(400);
    expect(badEvent.json!.detail).toContain('Unknown event "event.deleted"');
    expect((await api(token, 'POST', base, { url: 'ftp://example.com/x', events: ['event.created'] })).status).toBe(400);
    expect((await api(token, 'POST', base, { events: ['event.created'] })).json!.detail).toBe('url is required');

    const readOnly = await tokenFor(server.app, owner, ['project:read']);
    expect((await api(readOnly, 'POST', base, { url: receiver.url, events: ['event.created'] })).status).toBe(403);
    expect((await api(readOnly, 'GET', base)).status).toBe(200);

    const other = await buildTenant(server.app);
    expect((await api(other.token, 'GET', base)).status).toBe(404);
    expect((await api(token, 'GET', `/api/0/projects/${organization.slug}/no-such-project/hooks/`)).status).toBe(404);
    expect((await api(token, 'GET', `${base}not-a-guid/`)).status).toBe(404);
  });
});

describe('deliveries', () => {
  it('signs event.created and issue.created with the secret and carries event_id, short id and URLs', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const created = await api(token, 'POST', `/api/0/projects/${organization.slug}/${project.slug}/hooks/`, { url: receiver.url, events: ['event.created', 'issue.created'] });
    const secret = created.json!.secret as string;
    const { issue, events } = await buildIssue(server.app, project, { events: [{ value: 'hook me' }] });
    const mine = () => receiver.received.filter((r) => r.headers['x-servicehook-guid'] === created.json!.id);
    await waitFor(() => mine().length >= 2, { what: 'two deliveries', timeoutMs: 15_000 });

    const shortId = formatShortId(project.slug, issue.shortIdNumber);
    for (const hook of mine()) {
      expect(hook.headers['x-servicehook-signature']).toBe(sign(secret, hook.body));
      expect(Math.abs(Number(hook.headers['x-servicehook-timestamp']) - Date.now() / 1000)).toBeLessThan(120);
      expect(hook.headers['content-type']).toBe('application/json');
      const group = hook.json.group as Record<string, string>;
      expect(group.shortId).toBe(shortId);
      expect(group.url).toBe(`${server.url}/organizations/${organization.slug}/issues/${shortId}/`);
      const event = hook.json.event as Record<string, string>;
      expect(event.event_id).toBe(events[0]!.eventId);
      expect(event.url).toBe(`${group.url}events/${events[0]!.eventId}/`);
      expect(hook.json.project).toMatchObject({ slug: project.slug });
    }
    expect(mine().map((h) => h.json.action).sort()).toEqual(['event.created', 'issue.created']);

    const log = await api(token, 'GET', `/api/0/projects/${organization.slug}/${project.slug}/hooks/${created.json!.id}/deliveries/`);
    expect(log.json).toHaveLength(2);
    for (const entry of log.json as unknown as Record<string, unknown>[]) {
      expect(entry).toMatchObject({ status: 'delivered', responseCode: 200, attempts: 1, error: null });
      expect(typeof entry.durationMs).toBe('number');
    }
  });

  it('retries a failed delivery with backoff and logs each outcome', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const created = await api(token, 'POST', `/api/0/projects/${organization.slug}/${project.slug}/hooks/`, { url: receiver.url, events: ['issue.created'] });
    await buildIssue(server.app, project, { events: [{ value: 'a flaky receiver' }] });
    const hook = await server.app.db.getRepository(ServiceHook).findOneByOrFail({ guid: created.json!.id as string });
    const delivery = await waitFor(
      async () => {
        const row = await server.app.db.getRepository(ServiceHookDelivery).findOneBy({ hookId: hook.id });
        return row?.status === 'delivered' ? row : null;
      },
      { what: 'the retried delivery', timeoutMs: 30_000 },
    );
    expect(delivery.attempts).toBe(2);
    expect(delivery.responseCode).toBe(200);
    const attempts = receiver.received.filter((r) => r.headers['x-servicehook-guid'] === hook.guid);
    expect(attempts).toHaveLength(2);
    // Both attempts send the very same signed bytes.
    expect(attempts[0]!.body).toBe(attempts[1]!.body);
    expect(attempts[0]!.headers['x-servicehook-signature']).toBe(attempts[1]!.headers['x-servicehook-signature']);
  });

  it('emits issue.resolved and issue.assigned from triage', async () => {
    const { owner, organization, project, token } = await buildTenant(server.app);
    const created = await api(token, 'POST', `/api/0/projects/${organization.slug}/${project.slug}/hooks/`, { url: receiver.url, events: ['issue.resolved', 'issue.assigned'] });
    const { issue } = await buildIssue(server.app, project);
    await triage(server.app, owner, organization, issue, { status: IssueStatusChange.RESOLVED });
    await triage(server.app, owner, organization, issue, { assignee: { userId: String(owner.id) } });
    const mine = () => receiver.received.filter((r) => r.headers['x-servicehook-guid'] === created.json!.id);
    await waitFor(() => mine().length >= 2, { what: 'resolved and assigned deliveries', timeoutMs: 15_000 });
    const byAction = new Map(mine().map((h) => [h.json.action, h.json]));
    expect((byAction.get('issue.resolved')!.activity as { type: string }).type).toBe('set_resolved');
    expect(byAction.get('issue.resolved')!.actor).toMatchObject({ type: 'user', id: String(owner.id) });
    expect((byAction.get('issue.assigned')!.group as { assignedTo: unknown }).assignedTo).toEqual({ type: 'user', id: String(owner.id) });
  });
});

describe('issue.resolved from a release that ships a fix', () => {
  it('emits issue.resolved with the set_resolved_in_release activity', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const created = await api(token, 'POST', `/api/0/projects/${organization.slug}/${project.slug}/hooks/`, { url: receiver.url, events: ['issue.resolved'] });
    const { issue } = await buildIssue(server.app, project);
    const repository = await buildRepository(server.app, organization);
    const commit = await buildCommit(server.app, repository, { message: `Guard empty carts\n\nFixes ${formatShortId(project.slug, issue.shortIdNumber)}` });
    await buildProjectRelease(server.app, [project], { commits: [commit] });
    expect((await processCommits(server.app, [commit.id])).resolved).toBe(1);
    const delivered = await waitFor(() => receiver.received.find((r) => r.headers['x-servicehook-guid'] === created.json!.id), { what: 'the issue.resolved delivery', timeoutMs: 15_000 });
    expect(delivered.json).toMatchObject({ action: 'issue.resolved', group: { id: String(issue.id), status: 'resolved' }, activity: { type: 'set_resolved_in_release' }, actor: { type: 'application' } });
  });
});

describe('private targets', () => {
  it('refuses loopback, private and link-local URLs unless VIGIL_WEBHOOKS_ALLOW_PRIVATE=1, at save and at delivery', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const base = `/api/0/projects/${organization.slug}/${project.slug}/hooks/`;
    const created = await api(token, 'POST', base, { url: receiver.url, events: ['issue.created'] });
    server.app.config.webhooks.allowPrivate = false;
    try {
      for (const url of ['http://127.0.0.1:9/x', 'http://localhost:9/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x']) {
        const refused = await api(token, 'POST', base, { url, events: ['issue.created'] });
        expect(refused.status, url).toBe(400);
        expect(refused.json!.detail, url).toMatch(/loopback, private or link-local/);
      }
      // A hook saved while allowed is refused when delivering, without a retry.
      await buildIssue(server.app, project);
      const hook = await server.app.db.getRepository(ServiceHook).findOneByOrFail({ guid: created.json!.id as string });
      const delivery = await waitFor(
        async () => {
          const row = await server.app.db.getRepository(ServiceHookDelivery).findOneBy({ hookId: hook.id });
          return row?.status === 'failed' ? row : null;
        },
        { what: 'the refused delivery', timeoutMs: 15_000 },
      );
      expect(delivery.error).toMatch(/^Refused: 127\.0\.0\.1 is a loopback/);
      expect(delivery.attempts).toBe(1);
      expect(receiver.received.filter((r) => r.headers['x-servicehook-guid'] === hook.guid)).toHaveLength(0);
    } finally {
      server.app.config.webhooks.allowPrivate = true;
    }
  });
});

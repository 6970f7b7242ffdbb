import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildAttachment, buildIssue, buildRelease } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { formatShortId } from '../issues/short-id.js';
import type { EventRow } from './event.entity.js';
import { parseEventId } from './event-id.js';
import { encodeEventPayload, eventPayload } from './event-payload.js';
import { attachmentUrl } from './event.service.js';

describe('parseEventId', () => {
  it.each([
    ['C809332F2F994E02B1F3E5A9B1088C67', 'c809332f2f994e02b1f3e5a9b1088c67'],
    [' c809332f-2f99-4e02-b1f3-e5a9b1088c67 ', 'c809332f2f994e02b1f3e5a9b1088c67'],
    ['c809332f', null],
    ['g809332f2f994e02b1f3e5a9b1088c67', null],
  ])('%s → %s', (text, expected) => expect(parseEventId(text)).toBe(expected));
});

describe('attachmentUrl', () => {
  it("is Sentry's download route, with each part escaped", () => {
    expect(attachmentUrl('acme', 'web', 'ab'.repeat(16), 7)).toBe(`/api/0/projects/acme/web/events/${'ab'.repeat(16)}/attachments/7/?download=1`);
    expect(attachmentUrl('a/b', 'c d', 'e', 1)).toBe('/api/0/projects/a%2Fb/c%20d/events/e/attachments/1/?download=1');
  });
});

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let owner: GraphQLTestClient;
beforeAll(async () => {
  server = await startTestServer();
  tenant = await buildTenant(server.app);
  owner = server.client({ token: tenant.token });
});
afterAll(async () => server?.close());

const EVENT_FIELDS = `eventId timestamp dateReceived message title culprit level platform environment serverName
  exception { values { type value mechanism { type handled } frames { filename function lineno inApp contextLine preContext } } }
  entries { type data } contexts tags { key value } user { id email } breadcrumbs { timestamp category message level }
  request { method url headers { name value } } release { version } sdk { name version packages { name version } }
  issue { id shortId } attachments { name contentType size url }`;
const EVENT = `query($org: String!, $eventId: String!) { organization(slug: $org) { event(eventId: $eventId) { ${EVENT_FIELDS} } } }`;

type EventData = Record<string, unknown> & { eventId: string; entries: { type: string; data: Record<string, unknown> }[] };

describe('Organization.event', () => {
  let event: EventRow;
  let issueId = 0;
  let shortIdNumber = 0;
  const release = unique('web@3');
  beforeAll(async () => {
    await buildRelease(server.app, tenant.project, release);
    const built = await buildIssue(server.app, tenant.project, {
      events: [{ value: 'boom', release, environment: 'staging', user: { id: 'u-1', email: 'jane@example.com' }, tags: { feature: 'checkout' } }],
    });
    event = built.events[0]!;
    issueId = built.issue.id;
    shortIdNumber = built.issue.shortIdNumber;
    await buildAttachment(server.app, event, 'state.json', '{"a":1}');
  });

  const fetchEvent = async (eventId: string, client = owner, org = tenant.organization.slug) =>
    (await client.data<{ organization: { event: EventData | null } }>(EVENT, { org, eventId })).organization.event;

  it('serves the event with typed interfaces and Sentry-style entries', async () => {
    const data = (await fetchEvent(event.eventId))!;
    expect(data).toMatchObject({
      eventId: event.eventId,
      timestamp: event.timestamp.toISOString(),
      title: 'TypeError: boom',
      culprit: 'cart in addItem',
      level: 'error',
      platform: 'node',
      environment: 'staging',
      serverName: 'web-1',
      message: null,
      release: { version: release },
      user: { id: 'u-1', email: 'jane@example.com' },
      request: { method: 'POST', url: 'https://shop.example.com/cart', headers: [{ name: 'User-Agent', value: 'curl/8.5.0' }] },
      sdk: { name: 'sentry.javascript.node', version: '11.12.0', packages: [{ name: 'npm:@sentry/node', version: '11.12.0' }] },
      contexts: { runtime: { name: 'node', version: 'v20.20.2' } },
      breadcrumbs: [{ category: 'http', message: 'GET /cart', level: 'info', timestamp: expect.any(String) }],
      issue: { id: String(issueId), shortId: formatShortId(tenant.project.slug, shortIdNumber) },
    });
    expect(data.exception).toEqual({
      values: [
        {
          type: 'TypeError',
          value: 'boom',
          mechanism: { type: 'onuncaughtexception', handled: false },
          frames: [
            { filename: 'node:internal/process/task_queues', function: 'processTicksAndRejections', lineno: 95, inApp: false, contextLine: null, preContext: null },
            { filename: '/srv/app/cart.js', function: 'addItem', lineno: 42, inApp: true, contextLine: '  return cart.items.push(item.id);', preContext: ['function addItem(cart, item) {'] },
          ],
        },
      ],
    });
    expect(data.tags).toEqual(expect.arrayContaining([{ key: 'feature', value: 'checkout' }, { key: 'environment', value: 'staging' }]));
    expect(data.entries.map((e) => e.type)).toEqual(['EXCEPTION', 'BREADCRUMBS', 'REQUEST']);
    expect(data.entries[0]!.data).toMatchObject({ values: [{ type: 'TypeError', value: 'boom', frames: expect.any(Array) }] });
    const id = (await server.app.db.query('SELECT id FROM event_attachment WHERE event_id = $1', [event.eventId]))[0].id;
    expect(data.attachments).toEqual([
      { name: 'state.json', contentType: 'text/plain', size: 7, url: attachmentUrl(tenant.organization.slug, tenant.project.slug, event.eventId, id) },
    ]);
  });

  it('a message event has a MESSAGE entry and no exception', async () => {
    const built = await buildIssue(server.app, tenant.project);
    // Rewrite the stored payload into a plain message event (captureMessage without a stack).
    const data = { ...eventPayload(built.events[0]!), exceptions: [], message: 'Disk almost full', logentry: { message: 'Disk %s full', params: ['almost'] } };
    await server.app.db.query('UPDATE event SET payload = $1 WHERE id = $2', [encodeEventPayload(data), built.events[0]!.id]);
    const served = (await fetchEvent(built.events[0]!.eventId))!;
    expect(served).toMatchObject({ exception: null, message: 'Disk almost full' });
    expect(served.entries[0]).toEqual({ type: 'MESSAGE', data: { formatted: 'Disk almost full', message: 'Disk %s full', params: ['almost'] } });
  });

  it('accepts the UUID form and any case', async () => {
    const uuid = event.eventId.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5').toUpperCase();
    expect((await fetchEvent(uuid))?.eventId).toBe(event.eventId);
  });

  it("is null for unknown ids, malformed ids and other organizations' events", async () => {
    expect(await fetchEvent('f'.repeat(32))).toBeNull();
    expect(await fetchEvent('not-an-id')).toBeNull();
    const outsider = await buildTenant(server.app);
    const client = server.client({ token: outsider.token });
    expect(await fetchEvent(event.eventId, client, outsider.organization.slug)).toBeNull();
    expect(await client.errorCode(EVENT, { org: tenant.organization.slug, eventId: event.eventId })).toBe('NOT_FOUND');
  });
});

describe('Subscription.eventReceived', () => {
  const RECEIVED = 'subscription($issueId: ID!) { eventReceived(issueId: $issueId) { eventId issue { id } } }';

  it("delivers the issue's new events (as ingestion publishes them), not other issues'", async () => {
    const mine = await buildIssue(server.app, tenant.project, { events: [{}, {}] });
    const other = await buildIssue(server.app, tenant.project);
    const before = server.app.pubsub.subscriberCount('eventReceived');
    const subscription = owner.subscribe<{ eventReceived: { eventId: string; issue: { id: string } } }>(RECEIVED, { issueId: String(mine.issue.id) });
    try {
      await waitFor(() => server.app.pubsub.subscriberCount('eventReceived') === before + 1, { what: 'the subscription to be live' });
      const publish = (issueId: number, eventId: string) =>
        server.app.pubsub.publish('eventReceived', { organizationId: tenant.organization.id, projectId: tenant.project.id, issueId, eventId });
      await publish(other.issue.id, other.events[0]!.eventId);
      await publish(mine.issue.id, mine.events[1]!.eventId);
      expect(await subscription.next()).toEqual({ data: { eventReceived: { eventId: mine.events[1]!.eventId, issue: { id: String(mine.issue.id) } } } });
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
  });

  it("another organization's issue is NOT_FOUND, like a missing one", async () => {
    const { issue } = await buildIssue(server.app, tenant.project);
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    const toReal = outsider.subscribe(RECEIVED, { issueId: String(issue.id) });
    const toMissing = outsider.subscribe(RECEIVED, { issueId: '2147483000' });
    try {
      const [a, b] = [await toReal.next(), await toMissing.next()];
      expect(a.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(a).toEqual(b);
    } finally {
      await toReal.close();
      await toMissing.close();
    }
  });
});

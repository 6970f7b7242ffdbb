import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { eventCount, publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { buildIssue, buildRelease, rawSentryEvent, type EventSpec } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { startSmtpServer } from '../../../test/support/smtp.js';
import { waitFor } from '../../../test/support/wait.js';
import { startWebhookReceiver } from '../../../test/support/webhook-receiver.js';
import { MemberRole } from '../auth/scopes.js';
import { eventPayload } from '../events/event-payload.js';
import { formatShortId } from '../issues/short-id.js';
import { Project } from '../projects/project.entity.js';
import { createServiceHook } from '../service-hooks/service-hook.service.js';
import { AlertFire } from './alert-fire.entity.js';
import { fireRule } from './alert-evaluation.js';
import { AlertRule } from './alert-rule.entity.js';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = await startWebhookReceiver();
  server = await startTestServer({
    workers: true,
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vigil <vigil@vigil.test>', VIGIL_WEBHOOKS_ALLOW_PRIVATE: '1', VIGIL_QUEUE_POLL_MS: '200' },
  });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await receiver?.close();
});

const RULE_FIELDS = `id name conditionMatch frequencyMinutes isActive
  conditions { type value intervalMinutes }
  filters { environment minLevel tags { key value } latestRelease issueOlderThanMinutes issueNewerThanMinutes }
  actions { type target teamSlug userId channel }`;
const CREATE = `mutation($projectId: ID!, $input: AlertRuleInput!) { createAlertRule(projectId: $projectId, input: $input) { ${RULE_FIELDS} } }`;
const HISTORY = `query($org: String!, $project: String!) { organization(slug: $org) { project(slug: $project) { alertRules {
  id name history(first: 10) { totalCount nodes { id firedAt eventId issue { id title } results { type status detail } } } } } } }`;

interface Rule {
  id: string;
  name: string;
}
interface HistoryRule {
  id: string;
  name: string;
  history: { totalCount: number; nodes: { eventId: string | null; issue: { id: string }; results: { type: string; status: string; detail: string }[] }[] };
}

async function historyOf(token: string, org: string, project: string, ruleId: string): Promise<HistoryRule['history']> {
  const data = await server.client({ token }).data<{ organization: { project: { alertRules: HistoryRule[] } } }>(HISTORY, { org, project });
  return data.organization.project.alertRules.find((r) => r.id === ruleId)!.history;
}

async function settledHistory(token: string, org: string, project: string, ruleId: string, count: number) {
  return waitFor(
    async () => {
      const history = await historyOf(token, org, project, ruleId);
      return history.totalCount >= count && history.nodes.every((n) => n.results.every((r) => r.status !== 'pending')) ? history : null;
    },
    { what: `${count} settled fires`, timeoutMs: 20_000 },
  );
}

/** No fire is pending in the queue for the project (the batch job and its fires ran). */
async function quiet(): Promise<void> {
  await waitFor(async () => (await server.app.queue.pending('events.processed')) + (await server.app.queue.pending('alert.fire')) === 0, { what: 'alert jobs to finish', timeoutMs: 20_000 });
}

describe('alert rules over GraphQL', () => {
  it('creates, lists, updates and deletes rules with their conditions, filters and actions', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const input = {
      name: 'Checkout errors in production',
      conditions: [{ type: 'NEW_ISSUE' }, { type: 'EVENT_FREQUENCY', value: 100, intervalMinutes: 60 }],
      conditionMatch: 'ANY',
      filters: { environment: 'production', minLevel: 'error', tags: [{ key: 'feature', value: 'checkout' }], latestRelease: true, issueNewerThanMinutes: 1440 },
      actions: [{ type: 'EMAIL', target: 'ALL_MEMBERS' }, { type: 'SLACK', channel: '#alerts' }, { type: 'WEBHOOK' }],
      frequencyMinutes: 60,
    };
    const { createAlertRule: created } = await client.data<{ createAlertRule: Rule & Record<string, unknown> }>(CREATE, { projectId: String(project.id), input });
    expect(created).toMatchObject({
      name: input.name,
      conditionMatch: 'ANY',
      frequencyMinutes: 60,
      isActive: true,
      conditions: [{ type: 'NEW_ISSUE', value: null, intervalMinutes: null }, { type: 'EVENT_FREQUENCY', value: 100, intervalMinutes: 60 }],
      filters: { environment: 'production', minLevel: 'error', tags: [{ key: 'feature', value: 'checkout' }], latestRelease: true, issueOlderThanMinutes: null, issueNewerThanMinutes: 1440 },
      actions: [{ type: 'EMAIL', target: 'ALL_MEMBERS' }, { type: 'SLACK', channel: '#alerts' }, { type: 'WEBHOOK' }],
    });

    const updated = await client.data<{ updateAlertRule: Record<string, unknown> }>(
      `mutation($id: ID!, $input: AlertRuleInput!) { updateAlertRule(id: $id, input: $input) { ${RULE_FIELDS} } }`,
      { id: created.id, input: { ...input, name: 'Renamed', frequencyMinutes: 1440, isActive: false, filters: { environment: 'staging' } } },
    );
    expect(updated.updateAlertRule).toMatchObject({ id: created.id, name: 'Renamed', frequencyMinutes: 1440, isActive: false, filters: { environment: 'staging', tags: [], latestRelease: false } });

    const listed = await client.data<{ organization: { project: { alertRules: Rule[] } } }>(HISTORY, { org: organization.slug, project: project.slug });
    expect(listed.organization.project.alertRules.map((r) => r.name)).toEqual(['Renamed']);
    expect(await client.data(`mutation($id: ID!) { deleteAlertRule(id: $id) }`, { id: created.id })).toEqual({ deleteAlertRule: true });
    expect(await client.errorCode(`mutation($id: ID!) { deleteAlertRule(id: $id) }`, { id: created.id })).toBe('NOT_FOUND');
  });

  it('refuses bad rules with BAD_USER_INPUT, and other organizations and read-only tokens', async () => {
    const { owner, project, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const valid = { name: 'r', conditions: [{ type: 'NEW_ISSUE' }], actions: [{ type: 'EMAIL', target: 'ALL_MEMBERS' }] };
    const bad = async (input: Record<string, unknown>) => {
      const result = await client.request(CREATE, { projectId: String(project.id), input: { ...valid, ...input } });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      return result.errors![0]!.message;
    };
    expect(await bad({ frequencyMinutes: 1 })).toMatch(/between 5 and 43200/);
    expect(await bad({ frequencyMinutes: 43201 })).toMatch(/between 5 and 43200/);
    expect(await bad({ conditions: [{ type: 'EVENT_FREQUENCY', value: 10 }] })).toMatch(/intervalMinutes must be one of/);
    expect(await bad({ conditions: [] })).toMatch(/1 to 10 conditions/);
    expect(await bad({ actions: [{ type: 'SLACK' }] })).toMatch(/channel is required/);
    expect(await bad({ actions: [{ type: 'EMAIL', target: 'MEMBER' }] })).toMatch(/name the member/);
    expect(await bad({ filters: { minLevel: 'loud' } })).toMatch(/minLevel must be one of/);
    expect(await client.errorCode(CREATE, { projectId: String(project.id), input: { ...valid, actions: [{ type: 'EMAIL', target: 'TEAM', teamSlug: 'nope' }] } })).toBe('NOT_FOUND');

    const other = await buildTenant(server.app);
    expect(await server.client({ token: other.token }).errorCode(CREATE, { projectId: String(project.id), input: valid })).toBe('NOT_FOUND');
    const readOnly = await tokenFor(server.app, owner, ['project:read']);
    expect(await server.client({ token: readOnly }).errorCode(CREATE, { projectId: String(project.id), input: valid })).toBe('FORBIDDEN');
  });

  it('gives a project created over GraphQL the default rule: a new issue emails the members', async () => {
    const { organization, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const { createProject } = await client.data<{ createProject: { id: string; slug: string } }>(
      'mutation($org: String!) { createProject(organizationSlug: $org, input: { name: "Shop" }) { id slug } }',
      { org: organization.slug },
    );
    const rules = await server.app.db.getRepository(AlertRule).findBy({ projectId: Number(createProject.id) });
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ name: 'Send a notification for new issues', conditions: [{ type: 'NEW_ISSUE' }], actions: [{ type: 'EMAIL', target: 'ALL_MEMBERS' }], frequencyMinutes: 30 });
  });
});

describe('firing', () => {
  it('fires on a new issue only for events passing the environment filter, emails the members over SMTP and keeps the history', async () => {
    const { owner, organization, project, token } = await buildTenant(server.app);
    const { user: member } = await buildMember(server.app, organization, owner, MemberRole.MEMBER);
    const client = server.client({ token });
    const { createAlertRule: rule } = await client.data<{ createAlertRule: Rule }>(CREATE, {
      projectId: String(project.id),
      input: { name: 'New in production', conditions: [{ type: 'NEW_ISSUE' }], filters: { environment: 'production' }, actions: [{ type: 'EMAIL', target: 'ALL_MEMBERS' }, { type: 'SLACK', channel: '#ops' }] },
    });

    await buildIssue(server.app, project, { events: [{ environment: 'staging', value: 'only on staging' }] });
    await quiet();
    expect((await historyOf(token, organization.slug, project.slug, rule.id)).totalCount).toBe(0);

    const before = smtp.received.length;
    const { issue, events } = await buildIssue(server.app, project, { events: [{ environment: 'production', value: 'broken checkout' }] });
    const history = await settledHistory(token, organization.slug, project.slug, rule.id, 1);
    expect(history.nodes[0]).toMatchObject({ eventId: events[0]!.eventId, issue: { id: String(issue.id) } });
    expect(history.nodes[0]!.results[0]).toMatchObject({ type: 'EMAIL', status: 'sent' });
    expect(history.nodes[0]!.results[1]).toEqual({ type: 'SLACK', status: 'skipped', detail: 'Slack is not configured (SLACK_BOT_TOKEN is unset)' });

    await waitFor(() => smtp.received.length >= before + 2, { what: 'two alert emails' });
    const mails = smtp.received.slice(before).filter((m) => m.headers.get('subject')?.includes(formatShortId(project.slug, issue.shortIdNumber)));
    expect(mails.map((m) => m.rcptTo[0]).sort()).toEqual([owner.email, member.email].sort());
    expect(mails[0]!.headers.get('subject')).toBe(`[Vigil] ${formatShortId(project.slug, issue.shortIdNumber)} - TypeError: broken checkout`);
    expect(mails[0]!.text).toContain(`${server.url}/organizations/${organization.slug}/issues/${formatShortId(project.slug, issue.shortIdNumber)}/`);
    expect(mails[0]!.text).toContain('Environment: production');
    expect(mails[0]!.text).toContain(`You get this email because you are a member of ${organization.slug}.`);
  });

  it('fires "seen more than N times in T" once per action interval', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const { createAlertRule: rule } = await client.data<{ createAlertRule: Rule }>(CREATE, {
      projectId: String(project.id),
      input: { name: 'Busy', conditions: [{ type: 'EVENT_FREQUENCY', value: 2, intervalMinutes: 60 }], actions: [{ type: 'SLACK', channel: '#ops' }], frequencyMinutes: 60 },
    });
    const { issue } = await buildIssue(server.app, project, { events: [{ value: 'busy' }, { value: 'busy' }] });
    await quiet();
    expect((await historyOf(token, organization.slug, project.slug, rule.id)).totalCount).toBe(0);
    await sendMoreEvents(project.id, issue.id, 1);
    await settledHistory(token, organization.slug, project.slug, rule.id, 1);
    await sendMoreEvents(project.id, issue.id, 2);
    await quiet();
    expect((await historyOf(token, organization.slug, project.slug, rule.id)).totalCount).toBe(1);
  });

  it('fires "by more than N users in T" and respects level and tag filters', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const { createAlertRule: rule } = await client.data<{ createAlertRule: Rule }>(CREATE, {
      projectId: String(project.id),
      input: {
        name: 'Many users',
        conditions: [{ type: 'USER_FREQUENCY', value: 1, intervalMinutes: 15 }],
        filters: { minLevel: 'error', tags: [{ key: 'feature', value: 'cart' }] },
        actions: [{ type: 'SLACK', channel: '#ops' }],
      },
    });
    await buildIssue(server.app, project, { events: [{ user: { id: 'a' }, tags: { feature: 'cart' }, level: 'warning' }, { user: { id: 'b' }, tags: { feature: 'cart' }, level: 'warning' }] });
    await buildIssue(server.app, project, { events: [{ user: { id: 'a' }, tags: { feature: 'search' } }, { user: { id: 'b' }, tags: { feature: 'search' } }] });
    await buildIssue(server.app, project, { events: [{ user: { id: 'a' }, tags: { feature: 'cart' } }] });
    await quiet();
    expect((await historyOf(token, organization.slug, project.slug, rule.id)).totalCount).toBe(0);
    const { issue } = await buildIssue(server.app, project, { events: [{ user: { id: 'a' }, tags: { feature: 'cart' } }, { user: { id: 'b' }, tags: { feature: 'cart' }, level: 'fatal' }] });
    const history = await settledHistory(token, organization.slug, project.slug, rule.id, 1);
    expect(history.nodes[0]!.issue.id).toBe(String(issue.id));
  });

  it('fires on a regression, and only for the latest release when asked', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const old = await buildRelease(server.app, project, `web@1.${Date.now()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const latest = await buildRelease(server.app, project, `web@2.${Date.now()}`);
    const { createAlertRule: rule } = await client.data<{ createAlertRule: Rule }>(CREATE, {
      projectId: String(project.id),
      input: { name: 'Regressed in latest', conditions: [{ type: 'REGRESSION' }], filters: { latestRelease: true }, actions: [{ type: 'SLACK', channel: '#ops' }], frequencyMinutes: 5 },
    });
    const { issue } = await buildIssue(server.app, project, { events: [{ release: latest.version }] });
    const resolve = () => client.data('mutation($id: ID!) { updateIssue(id: $id, input: { status: RESOLVED }) { id } }', { id: String(issue.id) });
    await resolve();
    await sendMoreEvents(project.id, issue.id, 1, { release: old.version });
    await quiet();
    expect((await historyOf(token, organization.slug, project.slug, rule.id)).totalCount).toBe(0);
    await resolve();
    await sendMoreEvents(project.id, issue.id, 1, { release: latest.version });
    await settledHistory(token, organization.slug, project.slug, rule.id, 1);
  });

  it('queues an event.alert delivery to the service hooks for a WEBHOOK action', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const { hook } = await createServiceHook(server.app.db, server.app.config, project, { url: receiver.url, events: ['event.alert'] });
    const { createAlertRule: rule } = await server.client({ token }).data<{ createAlertRule: Rule }>(CREATE, {
      projectId: String(project.id),
      input: { name: 'To the webhook', conditions: [{ type: 'NEW_ISSUE' }], actions: [{ type: 'WEBHOOK' }] },
    });
    const { issue, events } = await buildIssue(server.app, project);
    await waitFor(() => receiver.received.find((r) => r.headers['x-servicehook-guid'] === hook.guid), { what: 'the event.alert delivery', timeoutMs: 20_000 });
    const delivered = receiver.received.find((r) => r.headers['x-servicehook-guid'] === hook.guid)!;
    expect(delivered.json).toMatchObject({
      action: 'event.alert',
      alert: { rule: { id: rule.id, name: 'To the webhook' } },
      group: { id: String(issue.id), shortId: formatShortId(project.slug, issue.shortIdNumber) },
      event: { event_id: events[0]!.eventId },
    });
    const history = await settledHistory(token, organization.slug, project.slug, rule.id, 1);
    expect(history.nodes[0]!.results[0]).toEqual({ type: 'WEBHOOK', status: 'sent', detail: 'Queued 1 service hook delivery' });
  });

  it('lets exactly one of two racing evaluations fire for an issue', async () => {
    const { project } = await buildTenant(server.app);
    const repo = server.app.db.getRepository(AlertRule);
    const rule = await repo.save(repo.create({ projectId: project.id, name: 'race', conditions: [{ type: 'NEW_ISSUE' }], conditionMatch: 'ANY', filters: {}, actions: [{ type: 'SLACK', channel: '#x' }], frequencyMinutes: 5, isActive: false }));
    const { issue } = await buildIssue(server.app, project);
    const results = await Promise.all(Array.from({ length: 4 }, () => fireRule(server.app, rule, issue.id, null)));
    expect(results.filter((id) => id !== null)).toHaveLength(1);
    expect(await server.app.db.getRepository(AlertFire).countBy({ ruleId: rule.id })).toBe(1);
  });
});

/** More events of an existing issue, through the real ingest edge (same fingerprint as its first event). */
async function sendMoreEvents(projectId: number, issueId: number, count: number, spec: EventSpec = {}): Promise<void> {
  const [row] = (await server.app.db.query('SELECT payload FROM event WHERE issue_id = $1 ORDER BY id LIMIT 1', [issueId])) as { payload: Buffer }[];
  const first = row ? { fingerprint: eventPayload(row).fingerprint![0]! } : undefined;
  const project = await server.app.db.getRepository(Project).findOneByOrFail({ id: projectId });
  const before = await eventCount(server.app, projectId);
  for (let i = 0; i < count; i++) {
    const sent = await postEnvelope(server.url, projectId, await publicKeyOf(server.app, project), eventEnvelope(rawSentryEvent(spec, first!.fingerprint)));
    expect(sent.status).toBe(200);
  }
  await waitForEvents(server.app, projectId, before + count);
}

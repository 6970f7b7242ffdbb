import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import type { User } from '../../api/src/users/user.entity.js';
import { launchBrowser, screenshotFailures, signIn, type TestBrowser } from '../support/browser.js';
import { buildOrganization, buildProject, buildUser, TEST_PASSWORD } from '../support/factories.js';
import { dsnOf, runSdkApp } from '../support/sdk.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { startSmtpServer } from '../support/smtp.js';
import { waitFor } from '../support/wait.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Alert rules and service hooks in a real browser against a real Vigil with workers, real SMTP,
 * a real webhook receiver on 127.0.0.1 and the real @sentry/node SDK sending the events.
 */
let server: TestServer;
let browser: TestBrowser;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let owner: User;
let organization: Organization;
let project: Project;
let dsn: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = await startWebhookReceiver();
  server = await startTestServer({ workers: true, env: { SMTP_URL: smtp.url, VIGIL_WEBHOOKS_ALLOW_PRIVATE: '1', VIGIL_QUEUE_POLL_MS: '200' } });
  owner = await buildUser(server.app, { password: true });
  organization = await buildOrganization(server.app, owner);
  project = await buildProject(server.app, organization, owner);
  dsn = await dsnOf(server.app, project, server.url);
  browser = await launchBrowser();
}, 120_000);

screenshotFailures('alerts', () => ({ browser }));

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
  await receiver?.close();
});

const settingsUrl = (tab: string) => `${server.url}/organizations/${organization.slug}/settings/projects/${project.slug}/${tab}/`;

describe('alert rules and service hooks in the dashboard', () => {
  it('creates a rule with an environment filter and shows it fire in the history after a production event only', async () => {
    const { page } = browser;
    await signIn(page, server.url, owner.email, TEST_PASSWORD);
    await page.goto(settingsUrl('alerts'));
    const form = page.getByRole('form', { name: 'Create rule' });
    await form.getByLabel('Name').fill('Production issues');
    await form.getByLabel('When').selectOption('NEW_ISSUE');
    await form.getByLabel('Environment').fill('production');
    await form.getByLabel('Then').selectOption('EMAIL:ALL_MEMBERS');
    await form.getByRole('button', { name: 'Create rule' }).click();
    const rule = page.getByRole('region', { name: 'Alert rule Production issues' });
    await rule.waitFor();
    await expect(rule.textContent()).resolves.toContain('A new issue is created (in production) → email all members');
    await expect(rule.textContent()).resolves.toContain('Not fired yet.');

    expect((await runSdkApp(dsn, 'message', { env: { SENTRY_ENVIRONMENT: 'staging' } })).code).toBe(0);
    await waitFor(async () => (await server.app.db.query('SELECT 1 FROM event WHERE project_id = $1', [project.id])).length > 0, { what: 'the staging event', timeoutMs: 20_000 });
    await waitFor(async () => (await server.app.queue.pending('events.processed')) === 0, { what: 'the staging batch job' });

    const before = smtp.received.length;
    expect((await runSdkApp(dsn, 'exceptions', { env: { SENTRY_ENVIRONMENT: 'production' } })).code).toBe(0);
    const history = page.getByRole('table', { name: 'History of Production issues' });
    await history.waitFor({ timeout: 30_000 });
    await waitFor(async () => (await history.textContent())?.includes('EMAIL sent'), { what: 'the sent email in the history', timeoutMs: 30_000 });
    const text = (await history.textContent()) ?? '';
    expect(text).toContain(`Emailed ${owner.email}`);
    expect(text).not.toContain('Payment provider timed out');
    await waitFor(() => smtp.received.slice(before).find((m) => m.rcptTo.includes(owner.email)), { what: 'the alert email' });
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('creates a service hook, shows its secret once and its signed delivery in the log', async () => {
    const { page } = browser;
    await page.goto(settingsUrl('hooks'));
    const form = page.getByRole('form', { name: 'New service hook' });
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByLabel('event.created').check();
    await form.getByRole('button', { name: 'Add service hook' }).click();
    const secret = (await page.getByLabel('Signing secret').textContent()) ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);

    expect((await runSdkApp(dsn, 'message', { env: { SENTRY_ENVIRONMENT: 'production', SENTRY_RELEASE: 'web@9.9.9' } })).code).toBe(0);
    const log = page.getByRole('table', { name: `Deliveries to ${receiver.url}` });
    await log.waitFor({ timeout: 30_000 });
    await waitFor(async () => (await log.textContent())?.includes('delivered'), { what: 'a delivered row', timeoutMs: 30_000 });
    expect(await log.textContent()).toContain('200');

    await page.reload();
    await page.getByRole('region', { name: `Service hook ${receiver.url}` }).waitFor();
    expect(await page.getByLabel('Signing secret').count()).toBe(0);

    const delivered = await waitFor(() => receiver.received.find((r) => r.json.action === 'event.created'), { what: 'the event.created delivery' });
    expect(delivered.headers['x-servicehook-signature']).toBe(createHmac('sha256', secret).update(delivered.body).digest('hex'));
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpMailer } from '../../../integrations/src/email/mailer.js';
import { listOutbox } from '../../../integrations/src/email/outbox.js';
import { buildMember, buildTenant, buildUser, tokenFor } from '../../../test/support/factories.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { buildCommit, buildDeploy, buildProjectRelease, buildRepository } from '../../../test/support/release-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { parseMail, startSmtpServer } from '../../../test/support/smtp.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import { processCommits } from '../commits/resolve-fixes.js';
import { formatShortId } from '../issues/short-id.js';
import { User } from '../users/user.entity.js';
import { notifyDeploy } from './deploy-notification.js';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let dataDir: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  dataDir = await mkdtemp(path.join(tmpdir(), 'vigil-deploy-mail-'));
  server = await startTestServer({ workers: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vigil <vigil@vigil.test>', VIGIL_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/**
 * A release of two projects with commits by: an opted-in member (alice), a member who turned deploy
 * emails off (bob), a member whose address the commit spells in capitals (dave), and someone who is
 * not a member. carol is a member without commits. One issue is new in the release, one is fixed.
 */
async function releaseWithCommits(version: string) {
  const tenant = await buildTenant(server.app);
  const member = async () => (await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER)).user;
  const [alice, bob, carol, dave] = [await member(), await member(), await member(), await member()];
  await server.app.db.getRepository(User).update(bob.id, { deployEmails: false });
  await server.app.db.getRepository(User).update(alice.id, { name: 'Alice <Liddell>' });
  const outsider = await buildUser(server.app);
  const { issue: fixed } = await buildIssue(server.app, tenant.project);

  const repository = await buildRepository(server.app, tenant.organization);
  const commits = [
    await buildCommit(server.app, repository, { message: `Guard <empty> carts\n\nFixes ${formatShortId(tenant.project.slug, fixed.shortIdNumber)}`, authorName: 'Alice', authorEmail: alice.email, files: ['src/cart.js', 'A src/cart.test.js'] }),
    await buildCommit(server.app, repository, { message: 'Tune retries', authorName: 'Bob', authorEmail: bob.email, files: ['src/cart.js'] }),
    await buildCommit(server.app, repository, { message: 'Log checkout timing', authorName: 'Dave', authorEmail: dave.email.toUpperCase(), files: ['src/checkout.js'] }),
    await buildCommit(server.app, repository, { message: 'Typo', authorName: 'Outsider', authorEmail: outsider.email }),
  ].reverse();
  const release = await buildProjectRelease(server.app, [tenant.project], { version, commits });
  await buildIssue(server.app, tenant.project, { events: [{ release: version }] });
  await processCommits(server.app, commits.map((c) => c.id));
  // Resolving the fixed issue emails its subscribers (alice, who committed the fix): let that finish first.
  await waitFor(async () => (await server.app.queue.pending('activity.notify')) === 0, { what: 'workflow emails about the fixed issue' });
  return { ...tenant, alice, bob, carol, dave, outsider, release };
}

async function pendingNotifyJobs(): Promise<number> {
  return server.app.queue.pending('deploy.notify');
}

describe('deploy emails over SMTP', () => {
  it('emails each opted-in member whose commits the deploy shipped, once, with the release summary', async () => {
    const version = `web@2.0.${Date.now()}`;
    const { alice, dave, release, organization, project } = await releaseWithCommits(version);
    const deploy = await buildDeploy(server.app, release, 'production');
    const before = smtp.received.length;

    await server.app.queue.add('deploy.notify', { deployId: deploy.id });
    await waitFor(() => smtp.received.length >= before + 2, { what: 'two deploy emails' });
    await waitFor(async () => (await pendingNotifyJobs()) === 0, { what: 'the job to finish' });
    const mails = smtp.received.slice(before);

    expect(mails.map((m) => m.rcptTo).sort()).toEqual([[alice.email], [dave.email]].sort());
    const toAlice = mails.find((m) => m.rcptTo[0] === alice.email)!;
    expect(toAlice.headers.get('subject')).toBe(`Deployed ${version} to production (${project.slug})`);
    expect(toAlice.headers.get('from')).toBe('Vigil <vigil@vigil.test>');
    expect(toAlice.headers.get('to')).toBe(alice.email);

    const releaseUrl = `${server.url}/organizations/${organization.slug}/releases/${encodeURIComponent(version)}/`;
    expect(toAlice.text).toContain('Hi Alice <Liddell>,');
    expect(toAlice.text).toMatch(new RegExp(`Release ${version.replace(/\./g, '\\.')} was deployed to production on \\d{4}-\\d\\d-\\d\\d`));
    expect(toAlice.text).toContain('4 commits, 3 files changed, 1 new issue, 1 resolved issue.');
    expect(toAlice.text).toMatch(/^ {2}[0-9a-f]{7} {2}Guard <empty> carts \(Alice\)$/m);
    expect(toAlice.text).toMatch(/^ {2}[0-9a-f]{7} {2}Typo \(Outsider\)$/m);
    expect(toAlice.text).toContain(`View the release: ${releaseUrl}`);
    expect(toAlice.html).toContain('Hi Alice &lt;Liddell&gt;,');
    expect(toAlice.html).toContain('Guard &lt;empty&gt; carts');
    expect(toAlice.html).toContain(`<a href="${releaseUrl}">View the release</a>`);
    expect(mails.find((m) => m.rcptTo[0] === dave.email)!.text).toMatch(/^Hi,\n/);

    // A retried, duplicated or re-run job sends nothing more.
    await server.app.queue.add('deploy.notify', { deployId: deploy.id });
    await server.app.queue.add('deploy.notify', { deployId: deploy.id });
    expect(await notifyDeploy(server.app, deploy.id, new SmtpMailer(smtp.url, 'Vigil <vigil@vigil.test>'))).toEqual({ claimed: false, recipients: [] });
    await waitFor(async () => (await pendingNotifyJobs()) === 0, { what: 'the duplicate jobs to finish' });
    expect(smtp.received.length).toBe(before + 2);
    const [row] = (await server.app.db.query('SELECT notified_at FROM deploy WHERE id = $1', [deploy.id])) as { notified_at: Date | null }[];
    expect(row?.notified_at).not.toBeNull();
  });

  it('releases the claim when sending fails, so the retry sends', async () => {
    const { alice, dave, release } = await releaseWithCommits(`web@3.0.${Date.now()}`);
    const deploy = await buildDeploy(server.app, release, 'staging');
    // Nothing listens on port 1: the SMTP connection is refused.
    const unreachable = new SmtpMailer('smtp://127.0.0.1:1', 'Vigil <vigil@vigil.test>');
    await expect(notifyDeploy(server.app, deploy.id, unreachable)).rejects.toThrow();
    const [row] = (await server.app.db.query('SELECT notified_at FROM deploy WHERE id = $1', [deploy.id])) as { notified_at: Date | null }[];
    expect(row?.notified_at).toBeNull();

    const before = smtp.received.length;
    const result = await notifyDeploy(server.app, deploy.id, new SmtpMailer(smtp.url, 'Vigil <vigil@vigil.test>'));
    expect(result).toEqual({ claimed: true, recipients: [alice.email, dave.email].sort() });
    expect(smtp.received.slice(before).map((m) => m.headers.get('subject'))).toEqual([
      expect.stringMatching(/ to staging \(/),
      expect.stringMatching(/ to staging \(/),
    ]);
  });

  it('sends nothing (and claims the deploy) when no committer is an opted-in member', async () => {
    const tenant = await buildTenant(server.app);
    const repository = await buildRepository(server.app, tenant.organization);
    const commit = await buildCommit(server.app, repository, { message: 'Anonymous fix', authorEmail: null });
    const release = await buildProjectRelease(server.app, [tenant.project], { commits: [commit] });
    const deploy = await buildDeploy(server.app, release);
    const before = smtp.received.length;
    expect(await notifyDeploy(server.app, deploy.id, new SmtpMailer(smtp.url, 'Vigil <vigil@vigil.test>'))).toEqual({ claimed: true, recipients: [] });
    expect(smtp.received.length).toBe(before);
  });
});

describe('deploy emails without SMTP: the local outbox', () => {
  it('writes .eml files the dashboard lists to the owners and admins of their organization only', async () => {
    const smtpSettings = server.app.config.mail;
    server.app.config.mail = { ...smtpSettings, smtpUrl: undefined };
    try {
      const version = `web@4.0.${Date.now()}`;
      const { alice, dave, release, owner, carol, project } = await releaseWithCommits(version);
      const deploy = await buildDeploy(server.app, release);
      const before = smtp.received.length;
      await server.app.queue.add('deploy.notify', { deployId: deploy.id });
      await waitFor(async () => (await listOutbox(smtpSettings.outboxDir, 10)).filter((m) => m.subject.startsWith(`Deployed ${version}`)).length === 2, {
        what: 'two messages in the outbox',
      });
      expect(smtp.received.length).toBe(before);

      const outbox = (await listOutbox(smtpSettings.outboxDir, 10)).filter((m) => m.subject.startsWith(`Deployed ${version}`));
      expect(outbox.map((m) => m.to).sort()).toEqual([alice.email, dave.email].sort());
      const raw = await readFile(path.join(dataDir, 'mail', outbox[0]!.id), 'utf8');
      const parsed = parseMail(raw);
      expect(parsed.headers.get('subject')).toBe(`Deployed ${version} to production (${project.slug})`);
      expect(parsed.text).toContain('4 commits, 3 files changed, 1 new issue, 1 resolved issue.');
      expect(parsed.html).toContain('View the release</a>');

      const query = 'query($first: Int) { mailOutbox(first: $first) { id to subject date size } }';
      const asOwner = server.client({ token: await tokenFor(server.app, owner) });
      const { mailOutbox } = await asOwner.data<{ mailOutbox: { id: string; to: string; subject: string; date: string; size: number }[] }>(query, { first: 2 });
      expect(mailOutbox).toHaveLength(2);
      expect(mailOutbox.map((m) => m.id).sort()).toEqual(outbox.map((m) => m.id).sort());
      expect(mailOutbox[0]).toMatchObject({ subject: expect.stringContaining(version), size: expect.any(Number), date: expect.stringMatching(/^\d{4}-/) });

      // The outbox directory is shared; the owner of another organization (anyone may create one) sees none of it.
      const stranger = await buildTenant(server.app);
      const asStranger = server.client({ token: stranger.token });
      expect((await asStranger.data<{ mailOutbox: unknown[] }>(query, { first: 200 })).mailOutbox).toEqual([]);

      expect(await asOwner.errorCode(query, { first: 0 })).toBe('BAD_USER_INPUT');
      expect(await server.client({ token: await tokenFor(server.app, carol) }).errorCode(query)).toBe('FORBIDDEN');
      expect(await server.client({ token: await tokenFor(server.app, await buildUser(server.app)) }).errorCode(query)).toBe('FORBIDDEN');
      expect(await server.client().errorCode(query)).toBe('UNAUTHENTICATED');
    } finally {
      server.app.config.mail = smtpSettings;
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpMailer } from '../../../integrations/src/email/mailer.js';
import { postEnvelope } from '../../../test/support/envelopes.js';
import { accessFor, buildMember, buildTenant, tokenFor, unique } from '../../../test/support/factories.js';
import { publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { buildIssue, rawSentryEvent, triage } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { startSmtpServer, type ReceivedMail } from '../../../test/support/smtp.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import { IssueSubscription } from '../issues/issue-subscription.entity.js';
import { IssueStatusChange } from '../issues/issue-triage.types.js';
import { Issue } from '../issues/issue.entity.js';
import { formatShortId } from '../issues/short-id.js';
import { addTeamMember, createTeam } from '../teams/team.service.js';
import { User } from '../users/user.entity.js';
import { notifyActivity } from './activity-notification.js';

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let dataDir: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  dataDir = await mkdtemp(path.join(tmpdir(), 'vigil-collab-mail-'));
  server = await startTestServer({ workers: true, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vigil <vigil@vigil.test>', VIGIL_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const ADD = 'mutation($issueId: ID!, $text: String!) { addComment(issueId: $issueId, text: $text) { id } }';

/** An owner named Olive, members ann, bob, carol, dave (bob and carol in a team), an issue. */
async function workspace() {
  const tenant = await buildTenant(server.app);
  await server.app.db.getRepository(User).update(tenant.owner.id, { name: 'Olive' });
  const member = async () => buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
  const [ann, bob, carol, dave] = [await member(), await member(), await member(), await member()];
  const team = await createTeam(server.app.db, await accessFor(server.app, tenant.owner, tenant.organization), { name: unique('Ops') });
  await addTeamMember(server.app.db, team, bob.member);
  await addTeamMember(server.app.db, team, carol.member);
  const { issue } = await buildIssue(server.app, tenant.project, { events: [{ type: 'TypeError', value: 'cart is <undefined>' }] });
  const client = async (user: User) => server.client({ token: await tokenFor(server.app, user) });
  return { ...tenant, ann: ann.user, bob: bob.user, carol: carol.user, dave: dave.user, team, issue, shortId: formatShortId(tenant.project.slug, issue.shortIdNumber), client };
}

/** The emails about one issue that arrived since `from`, once `count` of them are there. */
async function mailsAbout(shortId: string, count: number, from = 0): Promise<ReceivedMail[]> {
  const about = () => smtp.received.slice(from).filter((m) => m.text.includes(shortId));
  await waitFor(() => about().length >= count, { what: `${count} emails about ${shortId}` });
  await waitFor(async () => (await server.app.queue.pending('activity.notify')) === 0, { what: 'notification jobs to finish' });
  return about();
}

const to = (mails: ReceivedMail[], user: User) => mails.filter((m) => m.rcptTo.includes(user.email));
const unsubscribeLink = (mail: ReceivedMail) => /Unsubscribe from this issue: (\S+)/.exec(mail.text)![1]!;

describe('mentions and comments by email over SMTP', () => {
  it('mentioned members (directly or through their team) get "X mentioned you", other subscribers the comment, the author nothing; once each', async () => {
    const w = await workspace();
    await triage(server.app, w.dave, w.organization, w.issue, { isBookmarked: true });
    const text = `Looks like **checkout** again.\n@${w.ann.email} and #${w.team.slug}, can you check?`;
    const before = smtp.received.length;
    const { addComment } = await (await w.client(w.owner)).data<{ addComment: { id: string } }>(ADD, { issueId: String(w.issue.id), text });
    const mails = await mailsAbout(w.shortId, 4, before);

    expect(mails.map((m) => m.rcptTo[0]).sort()).toEqual([w.ann.email, w.bob.email, w.carol.email, w.dave.email].sort());
    const toAnn = to(mails, w.ann)[0]!;
    expect(toAnn.headers.get('subject')).toBe(`Olive mentioned you on ${w.shortId}`);
    expect(toAnn.text).toContain(`${w.shortId}: TypeError: cart is <undefined>`);
    expect(toAnn.text).toContain(`> Looks like **checkout** again.\n> @${w.ann.email} and #${w.team.slug}, can you check?`);
    expect(toAnn.text).toContain('You receive this because you were mentioned.');
    expect(toAnn.text).toContain(`View the issue: ${server.url}/organizations/${w.organization.slug}/issues/${w.shortId}`);
    expect(toAnn.html).toContain('TypeError: cart is &lt;undefined&gt;');
    expect(to(mails, w.bob)[0]!.text).toContain(`You receive this because your team #${w.team.slug} was mentioned.`);
    const toDave = to(mails, w.dave)[0]!;
    expect(toDave.headers.get('subject')).toBe(`Olive commented on ${w.shortId}`);
    expect(toDave.text).toContain('You receive this because you bookmarked this issue.');

    // Each email carries a one-click unsubscribe link in the List-Unsubscribe headers (RFC 2369, RFC 8058).
    const link = unsubscribeLink(toDave);
    expect(link).toMatch(new RegExp(`^${server.url}/notifications/unsubscribe/${w.dave.id}\\.${w.issue.id}\\.`));
    expect(toDave.headers.get('list-unsubscribe')).toBe(`<${link}>`);
    expect(toDave.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // Re-running the job (a retry, a duplicate) sends nobody a second email.
    await server.app.queue.add('activity.notify', { activityId: Number(addComment.id) });
    expect(await notifyActivity(server.app, Number(addComment.id), new SmtpMailer(smtp.url, 'Vigil <vigil@vigil.test>'))).toEqual({ sent: [] });
    await waitFor(async () => (await server.app.queue.pending('activity.notify')) === 0, { what: 'the duplicate job to finish' });
    expect(smtp.received.slice(before).filter((m) => m.text.includes(w.shortId))).toHaveLength(4);
  });

  it('per-kind settings: a member without mention emails gets none; one who opted into their own activity hears of it', async () => {
    const w = await workspace();
    await (await w.client(w.bob)).data('mutation { updateNotificationSettings(mentionEmails: false) { id } }');
    await (await w.client(w.owner)).data('mutation { updateNotificationSettings(ownActivityEmails: true) { id } }');
    const before = smtp.received.length;
    await (await w.client(w.owner)).data(ADD, { issueId: String(w.issue.id), text: `@${w.bob.email} @${w.ann.email}` });
    const mails = await mailsAbout(w.shortId, 2, before);
    expect(mails.map((m) => [m.rcptTo[0], m.headers.get('subject')]).sort()).toEqual(
      [
        [w.ann.email, `Olive mentioned you on ${w.shortId}`],
        [w.owner.email, `Olive commented on ${w.shortId}`],
      ].sort(),
    );
    expect(to(mails, w.owner)[0]!.text).toContain('You receive this because you commented on this issue.');
  });

  it('the unsubscribe link works without signing in: GET asks, POST (one-click) unsubscribes for good', async () => {
    const w = await workspace();
    await triage(server.app, w.dave, w.organization, w.issue, { isBookmarked: true });
    const before = smtp.received.length;
    await (await w.client(w.owner)).data(ADD, { issueId: String(w.issue.id), text: 'first' });
    const link = unsubscribeLink((await mailsAbout(w.shortId, 1, before))[0]!);

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Unsubscribe from ${w.shortId}?`);
    expect(html).toContain('<form method="post">');
    expect(await server.app.db.getRepository(IssueSubscription).findOneBy({ issueId: w.issue.id, userId: w.dave.id })).toMatchObject({ isActive: true });

    // A forged or truncated token changes nothing.
    for (const bad of [`${link.slice(0, -2)}xx`, link.replace(`/${w.dave.id}.`, `/${w.ann.id}.`), `${server.url}/notifications/unsubscribe/nonsense`]) {
      const refused = await fetch(bad, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(refused.status).toBe(404);
      expect(await refused.text()).toContain('This unsubscribe link is not valid');
    }
    expect(await server.app.db.getRepository(IssueSubscription).findOneBy({ issueId: w.issue.id, userId: w.dave.id })).toMatchObject({ isActive: true });

    const done = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are unsubscribed');
    expect(await server.app.db.getRepository(IssueSubscription).findOneBy({ issueId: w.issue.id, userId: w.dave.id })).toMatchObject({ isActive: false, reason: 'bookmarked' });

    // Later activity neither re-subscribes nor emails them.
    await triage(server.app, w.dave, w.organization, w.issue, { status: IssueStatusChange.IGNORED });
    const later = smtp.received.length;
    await (await w.client(w.ann)).data(ADD, { issueId: String(w.issue.id), text: 'second' });
    const mails = await mailsAbout(w.shortId, 1, later); // the owner, who commented first
    expect(mails.map((m) => m.rcptTo[0])).toEqual([w.owner.email]);
    expect(await server.app.db.getRepository(IssueSubscription).findOneBy({ issueId: w.issue.id, userId: w.dave.id })).toMatchObject({ isActive: false });
  });
});

describe('workflow emails: assignment, resolution, regression', () => {
  it('the assignee hears of the assignment, subscribers of the resolution, and everyone subscribed of the regression', async () => {
    const w = await workspace();
    const fingerprint = unique('fp');
    const key = await publicKeyOf(server.app, w.project);
    const send = async () => {
      const raw = rawSentryEvent({ type: 'RangeError', value: 'too far' }, fingerprint);
      const body = `${JSON.stringify({ event_id: raw.event_id })}\n{"type":"event"}\n${JSON.stringify(raw)}\n`;
      expect((await postEnvelope(server.url, w.project.id, key, body)).status).toBe(200);
    };
    const events = async () => ((await server.app.db.query('SELECT count(*)::int AS n FROM event WHERE project_id = $1', [w.project.id])) as { n: number }[])[0]!.n;
    const start = await events();
    await send();
    await waitForEvents(server.app, w.project.id, start + 1);
    const issue = await server.app.db.getRepository(Issue).findOneOrFail({ where: { projectId: w.project.id }, order: { id: 'DESC' } });
    const shortId = formatShortId(w.project.slug, issue.shortIdNumber);

    let before = smtp.received.length;
    await triage(server.app, w.owner, w.organization, issue, { assignee: { userId: String(w.ann.id) } });
    let mails = await mailsAbout(shortId, 1, before);
    expect(mails.map((m) => [m.rcptTo[0], m.headers.get('subject')])).toEqual([[w.ann.email, `Olive assigned ${shortId} to you`]]);
    expect(mails[0]!.text).toContain('You receive this because this issue was assigned to you or your team.');

    before = smtp.received.length;
    await triage(server.app, w.bob, w.organization, issue, { status: IssueStatusChange.RESOLVED });
    mails = await mailsAbout(shortId, 1, before);
    const bobName = w.bob.email;
    expect(mails.map((m) => [m.rcptTo[0], m.headers.get('subject')])).toEqual([[w.ann.email, `${bobName} resolved ${shortId}`]]);

    // The resolver was subscribed by resolving (STATUS_CHANGE): both hear of the regression, which nobody did.
    before = smtp.received.length;
    await send();
    await waitForEvents(server.app, w.project.id, start + 2);
    mails = await mailsAbout(shortId, 2, before);
    expect(mails.map((m) => [m.rcptTo[0], m.headers.get('subject')]).sort()).toEqual(
      [
        [w.ann.email, `${shortId} regressed`],
        [w.bob.email, `${shortId} regressed`],
      ].sort(),
    );
    expect(to(mails, w.bob)[0]!.text).toContain('You receive this because you changed the status of this issue.');
  });

  it('a failed send releases its claim, so the retry sends', async () => {
    const w = await workspace();
    await triage(server.app, w.carol, w.organization, w.issue, { isSubscribed: true });
    await server.app.db.query("UPDATE users SET comment_emails = false WHERE id = $1", [w.owner.id]);
    const before = smtp.received.length;
    const { addComment } = await (await w.client(w.owner)).data<{ addComment: { id: string } }>(ADD, { issueId: String(w.issue.id), text: 'retry me' });
    await mailsAbout(w.shortId, 1, before);
    // Forget that it was sent, then fail: nothing stays claimed.
    await server.app.db.query('DELETE FROM notification_delivery WHERE activity_id = $1', [Number(addComment.id)]);
    await expect(notifyActivity(server.app, Number(addComment.id), new SmtpMailer('smtp://127.0.0.1:1', 'Vigil <vigil@vigil.test>'))).rejects.toThrow();
    expect(await server.app.db.query('SELECT user_id FROM notification_delivery WHERE activity_id = $1', [Number(addComment.id)])).toEqual([]);
    expect(await notifyActivity(server.app, Number(addComment.id), new SmtpMailer(smtp.url, 'Vigil <vigil@vigil.test>'))).toEqual({ sent: [w.carol.email] });
  });
});

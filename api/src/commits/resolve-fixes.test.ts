import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { accessFor, buildMember, buildTenant, buildUser } from '../../../test/support/factories.js';
import { publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { addReleaseCommits, buildCommit, buildProjectRelease, buildRepository } from '../../../test/support/release-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import { formatShortId } from '../issues/short-id.js';
import { createProject } from '../projects/project.service.js';
import { processCommits } from './resolve-fixes.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(() => server?.close());

const hours = (n: number) => new Date(Date.now() - n * 3_600_000);

async function issueRow(id: number) {
  const [row] = (await server.app.db.query(
    'SELECT status, substatus, resolution, resolved_in_release_id, resolved_at FROM issue WHERE id = $1',
    [id],
  )) as { status: string; substatus: string | null; resolution: string | null; resolved_in_release_id: number | null; resolved_at: Date | null }[];
  return row!;
}

async function activities(issueId: number) {
  return (await server.app.db.query('SELECT type, user_id, data FROM activity WHERE issue_id = $1 ORDER BY id', [issueId])) as {
    type: string;
    user_id: number | null;
    data: Record<string, unknown>;
  }[];
}

/** A tenant with one issue, a repository, and a member who commits (as `dev@…`). */
async function setup() {
  const tenant = await buildTenant(server.app);
  const { user: developer } = await buildMember(server.app, tenant.organization, tenant.owner, MemberRole.MEMBER);
  const { issue } = await buildIssue(server.app, tenant.project);
  const repository = await buildRepository(server.app, tenant.organization);
  const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
  return { ...tenant, developer, issue, repository, shortId };
}

describe('processCommits', () => {
  it('links a commit to the issue it fixes, records the activity and subscribes the committing member', async () => {
    const { developer, issue, repository, shortId } = await setup();
    const commit = await buildCommit(server.app, repository, {
      message: `Guard against an empty cart\n\nFixes ${shortId}\nCo-authored-by: Someone <someone@example.com>`,
      authorEmail: developer.email.toUpperCase(),
    });

    expect(await processCommits(server.app, [commit.id])).toEqual({ linked: 1, resolved: 0 });

    const links = await server.app.db.query('SELECT issue_id FROM issue_commit WHERE commit_id = $1', [commit.id]);
    expect(links).toEqual([{ issue_id: issue.id }]);
    expect((await activities(issue.id)).filter((a) => a.type === 'set_resolved_in_commit')).toEqual([
      { type: 'set_resolved_in_commit', user_id: developer.id, data: { commit: commit.key, repository: repository.name } },
    ]);
    const subscriptions = await server.app.db.query('SELECT user_id, is_active, reason FROM issue_subscription WHERE issue_id = $1', [issue.id]);
    expect(subscriptions).toEqual([{ user_id: developer.id, is_active: true, reason: 'committed' }]);
    // Not in any release yet: the issue stays open.
    expect((await issueRow(issue.id)).status).toBe('unresolved');

    // A retried job changes nothing.
    expect(await processCommits(server.app, [commit.id])).toEqual({ linked: 0, resolved: 0 });
    expect(await activities(issue.id)).toHaveLength(1);
  });

  it('subscribes nobody when the author is not a member, and keeps an opt-out', async () => {
    const { issue, repository, shortId, developer } = await setup();
    const outsider = await buildUser(server.app);
    const first = await buildCommit(server.app, repository, { message: `Fixes ${shortId}`, authorEmail: outsider.email });
    await processCommits(server.app, [first.id]);
    expect((await activities(issue.id))[0]).toMatchObject({ type: 'set_resolved_in_commit', user_id: null });
    expect(await server.app.db.query('SELECT 1 FROM issue_subscription WHERE issue_id = $1', [issue.id])).toEqual([]);

    await server.app.db.query("INSERT INTO issue_subscription (issue_id, user_id, is_active, reason) VALUES ($1, $2, false, 'explicit')", [
      issue.id,
      developer.id,
    ]);
    const second = await buildCommit(server.app, repository, { message: `Also fixes ${shortId}`, authorEmail: developer.email });
    await processCommits(server.app, [second.id]);
    const subscriptions = await server.app.db.query('SELECT is_active, reason FROM issue_subscription WHERE issue_id = $1', [issue.id]);
    expect(subscriptions).toEqual([{ is_active: false, reason: 'explicit' }]);
  });

  it('resolves the issue in the earliest release of its project that ships the commit, and publishes issueUpdated', async () => {
    const { project, organization, owner, issue, repository, shortId } = await setup();
    const commit = await buildCommit(server.app, repository, { message: `Fix: ${shortId}` });
    const otherProject = await createProject(server.app.db, server.app.pubsub, await accessFor(server.app, owner, organization), {
      name: 'API',
      slug: `api-${issue.id}`,
      platform: 'node',
    });
    // Earliest of all, but another project's release: it does not ship this issue's code.
    await buildProjectRelease(server.app, [otherProject], { dateCreated: hours(3), commits: [commit] });
    const r2 = await buildProjectRelease(server.app, [project], { dateCreated: hours(2), commits: [commit] });
    await buildProjectRelease(server.app, [project], { dateCreated: hours(1), commits: [commit] });

    const updates = server.app.pubsub.subscribe('issueUpdated');
    const received = waitForUpdate(updates, issue.id);
    expect(await processCommits(server.app, [commit.id])).toEqual({ linked: 1, resolved: 1 });
    expect(await received).toEqual({ organizationId: organization.id, projectId: project.id, issueId: issue.id });
    await updates.return?.();

    expect(await issueRow(issue.id)).toMatchObject({ status: 'resolved', substatus: null, resolution: 'in_release', resolved_in_release_id: r2.id });
    expect((await issueRow(issue.id)).resolved_at).not.toBeNull();
    expect((await activities(issue.id)).at(-1)).toEqual({ type: 'set_resolved_in_release', user_id: null, data: { version: r2.version, commit: commit.key } });

    expect(await processCommits(server.app, [commit.id])).toEqual({ linked: 0, resolved: 0 });
    expect(await activities(issue.id)).toHaveLength(2);
  });

  it('resolves when a release gains the commit later (the job runs again for commits joining a release), once', async () => {
    const { project, issue, repository, shortId } = await setup();
    const commit = await buildCommit(server.app, repository, { message: `Fixes ${shortId}` });
    await processCommits(server.app, [commit.id]);
    const release = await buildProjectRelease(server.app, [project]);
    await addReleaseCommits(server.app, release, [commit]);

    expect((await processCommits(server.app, [commit.id])).resolved).toBe(1);
    expect(await issueRow(issue.id)).toMatchObject({ status: 'resolved', resolution: 'in_release', resolved_in_release_id: release.id });
    expect((await processCommits(server.app, [commit.id])).resolved).toBe(0);
  });

  it('keeps a resolution in a later release, and moves one from an earlier release when a later fix ships', async () => {
    const { project, issue, repository, shortId } = await setup();
    const firstFix = await buildCommit(server.app, repository, { message: `Fixes ${shortId}` });
    const r3 = await buildProjectRelease(server.app, [project], { dateCreated: hours(1), commits: [firstFix] });
    await processCommits(server.app, [firstFix.id]);
    expect((await issueRow(issue.id)).resolved_in_release_id).toBe(r3.id);

    // An older release turns out to contain the commit too: the later resolution stays.
    const r2 = await buildProjectRelease(server.app, [project], { dateCreated: hours(2) });
    await addReleaseCommits(server.app, r2, [firstFix]);
    expect((await processCommits(server.app, [firstFix.id])).resolved).toBe(0);
    expect((await issueRow(issue.id)).resolved_in_release_id).toBe(r3.id);

    // A second fix ships in a newer release: the issue is fixed only there.
    const secondFix = await buildCommit(server.app, repository, { message: `Really fixes ${shortId}\n\nFixes ${shortId}` });
    const r4 = await buildProjectRelease(server.app, [project], { commits: [secondFix] });
    expect(await processCommits(server.app, [secondFix.id])).toEqual({ linked: 1, resolved: 1 });
    expect((await issueRow(issue.id)).resolved_in_release_id).toBe(r4.id);
  });

  it('ignores short IDs and issue URLs of other organizations', async () => {
    const a = await setup();
    const b = await buildTenant(server.app);
    // Organization B has a project with the same slug, and an issue with the same number.
    const twin = await createProject(server.app.db, server.app.pubsub, await accessFor(server.app, b.owner, b.organization), {
      name: 'Twin',
      slug: a.project.slug,
      platform: 'node',
    });
    const { issue: twinIssue } = await buildIssue(server.app, twin);
    expect(formatShortId(twin.slug, twinIssue.shortIdNumber)).toBe(a.shortId);
    const repositoryB = await buildRepository(server.app, b.organization);
    const url = `${server.app.config.publicUrl}/organizations/${a.organization.slug}/issues/${a.issue.id}/`;
    const commit = await buildCommit(server.app, repositoryB, { message: `Fixes ${a.shortId} and ${url}` });

    expect(await processCommits(server.app, [commit.id])).toEqual({ linked: 1, resolved: 0 });
    expect(await server.app.db.query('SELECT issue_id FROM issue_commit WHERE commit_id = $1', [commit.id])).toEqual([{ issue_id: twinIssue.id }]);
    expect(await activities(a.issue.id)).toEqual([]);
  });

  it('links an issue URL on the own host within the organization', async () => {
    const { organization, issue, repository } = await setup();
    const url = `${server.app.config.publicUrl}/organizations/${organization.slug}/issues/${issue.id}/`;
    const commit = await buildCommit(server.app, repository, { message: `Resolves [the checkout crash](${url})` });
    expect(await processCommits(server.app, [commit.id])).toEqual({ linked: 1, resolved: 0 });
  });
});

describe('regressions after a resolution in a release (through ingestion)', () => {
  it('reopens on an event from a newer release, not from an older one, and a rerun does not resolve again', async () => {
    const { project, organization, owner } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    const send = async (release?: string) => {
      const response = await postEnvelope(server.url, project.id, key, eventEnvelope({ message: 'Checkout failed: cart is empty', ...(release ? { release } : {}) }));
      expect(response.status).toBe(200);
    };
    await send();
    await waitForEvents(server.app, project.id, 1);
    const [issue] = (await server.app.db.query('SELECT id, short_id_number FROM issue WHERE project_id = $1', [project.id])) as { id: number; short_id_number: number }[];

    const repository = await buildRepository(server.app, organization);
    const commit = await buildCommit(server.app, repository, {
      message: `Handle an empty cart\n\nFixes ${formatShortId(project.slug, issue!.short_id_number)}`,
      authorEmail: owner.email,
    });
    const r1 = await buildProjectRelease(server.app, [project], { dateCreated: hours(2) });
    const r2 = await buildProjectRelease(server.app, [project], { dateCreated: hours(1), commits: [commit] });

    // Through the real job, as recordCommits enqueues it.
    await server.app.queue.add('commits.process', { commitIds: [commit.id] });
    await waitFor(async () => (await issueRow(issue!.id)).status === 'resolved', { what: 'resolution by the commits.process job' });
    expect((await issueRow(issue!.id)).resolved_in_release_id).toBe(r2.id);

    await send(r1.version);
    await waitForEvents(server.app, project.id, 2);
    expect((await issueRow(issue!.id)).status).toBe('resolved');

    await send(`${r2.version}-next`);
    await waitForEvents(server.app, project.id, 3);
    expect(await issueRow(issue!.id)).toMatchObject({ status: 'unresolved', substatus: 'regressed', resolution: null });
    expect((await activities(issue!.id)).map((a) => a.type)).toEqual(['set_resolved_in_commit', 'set_resolved_in_release', 'set_regression']);

    expect(await processCommits(server.app, [commit.id])).toEqual({ linked: 0, resolved: 0 });
    expect((await issueRow(issue!.id)).status).toBe('unresolved');
  });
});

async function waitForUpdate(updates: AsyncIterableIterator<{ issueId: number }>, issueId: number): Promise<unknown> {
  for await (const update of updates) if (update.issueId === issueId) return update;
  return undefined;
}

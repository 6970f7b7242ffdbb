import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildProject, buildTenant } from '../../../test/support/factories.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { recordCommits } from '../commits/commit.service.js';
import { connectGithubRepository, findOrCreateRemoteRepository } from '../repositories/repository.service.js';
import { commitChainFromGraph, setReleaseCommits } from '../commits/release-commits.service.js';
import { previousReleaseWithCommits, updateRelease } from '../commits/release-commits.service.js';
import { deleteRelease, findRelease, upsertRelease } from './release.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function ownerAccess() {
  const tenant = await buildTenant(server.app);
  return { ...tenant, access: await accessFor(server.app, tenant.owner, tenant.organization) };
}

const queuedJobs = async (name: string): Promise<unknown[]> =>
  (await server.app.db.query('SELECT data FROM pgboss.job WHERE name = $1 ORDER BY created_on', [name])).map((r: { data: unknown }) => r.data);

describe('release service', () => {
  it('upserts: created once, fields applied, projects only added', async () => {
    const { access, organization, owner, project } = await ownerAccess();
    const second = await buildProject(server.app, organization, owner);
    const first = await upsertRelease(server.app, access, { version: 'v1', projects: [project.slug], url: 'https://ci.example.com/1' });
    expect(first.created).toBe(true);
    const again = await upsertRelease(server.app, access, { version: 'v1', projects: [second.slug], dateReleased: '2026-11-27T10:00:00Z' });
    expect(again).toMatchObject({ created: false, release: { id: first.release.id, url: 'https://ci.example.com/1' } });
    expect(again.release.dateReleased).toEqual(new Date('2026-11-27T10:00:00Z'));
    await updateRelease(server.app, access, 'v1', { projects: [project.slug], url: null, status: 'archived' });
    const linked = await server.app.db.query('SELECT project_id FROM release_project WHERE release_id = $1 ORDER BY project_id', [first.release.id]);
    expect(linked.map((r: { project_id: number }) => r.project_id)).toEqual([project.id, second.id].sort((a, b) => a - b));
    expect(await findRelease(server.app.db, organization.id, 'v1')).toMatchObject({ url: null, status: 'archived' });
  });

  it('previous release with commits: earlier, sharing a project, having commits', async () => {
    const { access, organization, owner, project } = await ownerAccess();
    const elsewhere = await buildProject(server.app, organization, owner);
    const commit = (id: string) => ({ id, repository: 'origin', message: id, authorEmail: 'dev@example.com' });
    const setCommits = (version: string, ids: string[]) =>
      updateRelease(server.app, access, version, { commits: ids.map(commit) });
    await upsertRelease(server.app, access, { version: 'r1', projects: [project.slug] });
    await setCommits('r1', ['a2', 'a1']);
    await upsertRelease(server.app, access, { version: 'r2-other-project', projects: [elsewhere.slug] });
    await setCommits('r2-other-project', ['z1']);
    await upsertRelease(server.app, access, { version: 'r3-no-commits', projects: [project.slug] });
    await upsertRelease(server.app, access, { version: 'r4', projects: [project.slug] });

    const previous = await previousReleaseWithCommits(server.app.db, organization.id, 'r4');
    expect(previous?.release.version).toBe('r1');
    expect(previous?.lastCommit.key).toBe('a2');
    expect(await previousReleaseWithCommits(server.app.db, organization.id, 'r1')).toBeNull();
    await expect(previousReleaseWithCommits(server.app.db, organization.id, 'missing')).rejects.toThrow(/Release not found/);
  });

  it('a commit that joins a release is processed again, so its "Fixes" resolve in that release', async () => {
    const { access, project } = await ownerAccess();
    await upsertRelease(server.app, access, { version: 'j1', projects: [project.slug] });
    await upsertRelease(server.app, access, { version: 'j2', projects: [project.slug] });
    await updateRelease(server.app, access, 'j1', { commits: [{ id: 'f00d', message: 'Fixes WEB-1' }] });
    await updateRelease(server.app, access, 'j2', { commits: [{ id: 'beef' }, { id: 'f00d' }] });
    // Setting the same list again links nothing new.
    await updateRelease(server.app, access, 'j2', { commits: [{ id: 'beef' }, { id: 'f00d' }] });
    const ids: { id: number; key: string }[] = await server.app.db.query('SELECT id, key FROM commit WHERE organization_id = $1', [access.organization.id]);
    const idOf = (key: string) => ids.find((c) => c.key === key)!.id;
    const jobs = (await queuedJobs('commits.process')) as { commitIds: number[] }[];
    const mine = jobs.filter((j) => j.commitIds.some((id) => ids.some((c) => c.id === id))).map((j) => j.commitIds);
    // f00d when created, beef when created, f00d again when it joined j2.
    expect(mine.sort()).toEqual([[idOf('f00d')], [idOf('beef')], [idOf('f00d')]].sort());
  });

  it('refs: unknown repositories are refused; --clear empties the release; a job is enqueued per change', async () => {
    const { access, organization, project } = await ownerAccess();
    const { release } = await upsertRelease(server.app, access, { version: 'refs-1', projects: [project.slug] });
    await connectGithubRepository(server.app.db, access, { name: 'acme/refs' });
    await expect(
      updateRelease(server.app, access, 'refs-1', { refs: [{ repository: 'acme/other', commit: 'abc' }] }),
    ).rejects.toThrow('Unknown repository "acme/other": connect it first');
    await updateRelease(server.app, access, 'refs-1', { refs: [{ repository: 'ACME/refs', commit: 'abc', previousCommit: null }] });
    expect((await findRelease(server.app.db, organization.id, 'refs-1')).refs).toEqual([{ repository: 'acme/refs', commit: 'abc', previousCommit: null }]);
    expect(await queuedJobs('release.fetch-commits')).toContainEqual({ releaseId: release.id });

    await server.app.db.transaction((tx) => setReleaseCommits(tx, server.app.queue, release, [{ id: 'abc', repository: 'origin' }]));
    await updateRelease(server.app, access, 'refs-1', { refs: [] });
    expect(await server.app.db.query('SELECT * FROM release_commit WHERE release_id = $1', [release.id])).toEqual([]);
  });

  it('walks the commit graph from head back to base, within a budget', async () => {
    const { organization } = await ownerAccess();
    const repo = await server.app.db.transaction((tx) => findOrCreateRemoteRepository(tx, organization.id, 'origin'));
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];
    const { commitIds } = await server.app.db.transaction((tx) =>
      recordCommits(tx, server.app.queue, { organizationId: organization.id, repositoryId: repo.id, commits: keys.map((id, i) => ({ id, parent: keys[i - 1] ?? null })) }),
    );
    const [c1, c2, c3, c4, c5] = commitIds as [number, number, number, number, number];
    expect(await commitChainFromGraph(server.app.db, repo.id, 'k5', 'k2')).toEqual({ ids: [c5, c4, c3], complete: true });
    expect(await commitChainFromGraph(server.app.db, repo.id, 'k5', null)).toEqual({ ids: [c5], complete: true });
    expect(await commitChainFromGraph(server.app.db, repo.id, 'k5', 'unknown')).toEqual({ ids: [c5, c4, c3, c2, c1], complete: false });
    expect(await commitChainFromGraph(server.app.db, repo.id, 'k5', 'k1', 2)).toEqual({ ids: [c5, c4], complete: false });
    expect(await commitChainFromGraph(server.app.db, repo.id, 'nope', 'k1')).toEqual({ ids: [], complete: false });
  });

  it('keeps releases that issues point at', async () => {
    const { access, organization, project } = await ownerAccess();
    await buildIssue(server.app, project, { events: [{ release: 'seen@1' }] });
    await expect(deleteRelease(server.app, access, 'seen@1')).rejects.toThrow(/referenced by active issues/);
    await upsertRelease(server.app, access, { version: 'unseen@1', projects: [project.slug] });
    await deleteRelease(server.app, access, 'unseen@1');
    await expect(findRelease(server.app.db, organization.id, 'unseen@1')).rejects.toThrow(/Release not found/);
  });
});

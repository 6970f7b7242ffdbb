import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildTenant, unique } from '../../../test/support/factories.js';
import { startFakeGithub, type FakeGithub, type FakeGithubCommit } from '../../../test/support/fake-github.js';
import { TempGitRepo } from '../../../test/support/git-repo.js';
import { sentryCliOk, type SentryCliTarget } from '../../../test/support/sentry-cli.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { recordCommits } from '../commits/commit.service.js';
import { connectGithubRepository } from '../repositories/repository.service.js';

let server: TestServer;
let github: FakeGithub;
const checkouts: TempGitRepo[] = [];
beforeAll(async () => {
  github = await startFakeGithub();
  server = await startTestServer({ workers: true, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'gh-test-token' } });
});
afterAll(async () => {
  await server?.close();
  await github?.close();
  await Promise.all(checkouts.map((c) => c.remove()));
});

const sha = (label: string): string => createHash('sha1').update(label).digest('hex');

async function tenantWithRepository(repoName: string) {
  const tenant = await buildTenant(server.app);
  const access = await accessFor(server.app, tenant.owner, tenant.organization);
  const { repository } = await connectGithubRepository(server.app.db, access, { name: repoName });
  const checkout = await TempGitRepo.create({ origin: `https://github.com/${repoName}.git` });
  checkouts.push(checkout);
  const cli: SentryCliTarget = { url: server.url, token: tenant.token, org: tenant.organization.slug, project: tenant.project.slug, cwd: checkout.dir };
  return { ...tenant, repository, checkout, cli };
}

/** Waits for the fetch-commits job: the release's commit SHAs, newest first, once there are `count`. */
function releaseCommitKeys(organizationId: number, version: string, count: number): Promise<string[]> {
  return waitFor(
    async () => {
      const rows: { key: string }[] = await server.app.db.query(
        `SELECT c.key FROM release_commit rc JOIN release r ON r.id = rc.release_id JOIN commit c ON c.id = rc.commit_id
         WHERE r.organization_id = $1 AND r.version = $2 ORDER BY rc."order"`,
        [organizationId, version],
      );
      return rows.length === count ? rows.map((r) => r.key) : null;
    },
    { what: `${count} commits in ${version}`, timeoutMs: 15_000 },
  );
}

function fakeChain(prefix: string, count: number, after: string | null = null): FakeGithubCommit[] {
  const commits: FakeGithubCommit[] = [];
  let parent = after;
  for (let i = 1; i <= count; i++) {
    const commit: FakeGithubCommit = {
      sha: sha(`${prefix}-${i}`),
      parent,
      message: `${prefix} change ${i}`,
      author: { name: `Author ${i}`, email: `Author${i}@Example.com`, date: `2026-11-2${i}T08:00:00Z` },
      files: [{ filename: `src/${prefix}-${i}.js`, status: i === 1 ? 'added' : 'modified' }],
    };
    commits.push(commit);
    parent = commit.sha;
  }
  return commits;
}

describe('set-commits with refs', () => {
  it.concurrent('--commit repo@a..b resolves the range from the known commit graph', async () => {
    const repoName = unique('acme/api');
    const { cli, organization, repository } = await tenantWithRepository(repoName);
    const keys = [1, 2, 3, 4].map((i) => sha(`${repoName}-${i}`));
    await server.app.db.transaction((tx) =>
      recordCommits(tx, server.app.queue, {
        organizationId: organization.id,
        repositoryId: repository.id,
        commits: keys.map((id, i) => ({ id, parent: keys[i - 1] ?? null, message: `change ${i}`, authorName: 'Jane', authorEmail: 'jane@example.com' })),
      }),
    );
    await sentryCliOk(cli, ['releases', 'new', 'api@2.0.0']);
    // The repository name is matched case-insensitively, as sentry-cli does.
    await sentryCliOk(cli, ['releases', 'set-commits', 'api@2.0.0', '--commit', `${repoName.toUpperCase()}@${keys[0]}..${keys[3]}`]);
    expect(await releaseCommitKeys(organization.id, 'api@2.0.0', 3)).toEqual([keys[3], keys[2], keys[1]]);
    expect(github.requests.some((r) => r.path.includes(repoName))).toBe(false);
    const [release] = await server.app.db.query('SELECT refs FROM release WHERE organization_id = $1', [organization.id]);
    expect(release.refs).toEqual([{ repository: repoName, commit: keys[3], previousCommit: keys[0] }]);

    await sentryCliOk(cli, ['releases', 'set-commits', 'api@2.0.0', '--clear']);
    expect(await releaseCommitKeys(organization.id, 'api@2.0.0', 0)).toEqual([]);
  });

  it.concurrent('--commit repo@a..b fetches an unknown range from GitHub; the next release starts after it', async () => {
    const repoName = unique('acme/mobile');
    const { cli, organization } = await tenantWithRepository(repoName);
    const chain = fakeChain(repoName, 6);
    github.addCommits(repoName, chain);
    const [m1, m2, m3, m4, m5, m6] = chain.map((c) => c.sha) as [string, string, string, string, string, string];

    await sentryCliOk(cli, ['releases', 'new', 'mobile@1']);
    await sentryCliOk(cli, ['releases', 'set-commits', 'mobile@1', '--commit', `${repoName}@${m1}..${m4}`]);
    expect(await releaseCommitKeys(organization.id, 'mobile@1', 3)).toEqual([m4, m3, m2]);
    const recorded = await server.app.db.query(
      `SELECT c.key, c.author_email, c.parent_key, c.message, f.filename, f.type FROM commit c
       JOIN commit_file_change f ON f.commit_id = c.id WHERE c.key = $1`,
      [m3],
    );
    expect(recorded).toEqual([
      { key: m3, author_email: 'author3@example.com', parent_key: m2, message: `${repoName} change 3`, filename: `src/${repoName}-3.js`, type: 'M' },
    ]);
    const calls = github.requests.filter((r) => r.path.includes(repoName));
    expect(calls[0]).toEqual({ path: `GET /repos/${repoName}/compare/${m1}...${m4}?per_page=100&page=1`, authorization: 'token gh-test-token' });

    // Without a previous commit, the range starts at the previous release's newest commit.
    await sentryCliOk(cli, ['releases', 'new', 'mobile@2']);
    await sentryCliOk(cli, ['releases', 'set-commits', 'mobile@2', '--commit', `${repoName}@${m6}`]);
    expect(await releaseCommitKeys(organization.id, 'mobile@2', 2)).toEqual([m6, m5]);
    expect(github.requests.some((r) => r.path.startsWith(`GET /repos/${repoName}/compare/${m4}...${m6}`))).toBe(true);
  });

  it.concurrent('--auto sends the checkout HEAD for the repository whose URL matches origin', async () => {
    const repoName = unique('acme/web');
    const { cli, organization, checkout } = await tenantWithRepository(repoName);
    const author = { name: 'Dev One', email: 'dev@example.com' };
    const c1 = await checkout.commit({ message: 'Initial import', author, files: { 'index.js': '1\n' } });
    await checkout.commit({ message: 'Fix login\n\nFixes WEB-1', author, files: { 'login.js': 'l\n' } });
    const c3 = await checkout.commit({ message: 'Drop index', author, files: { 'index.js': null } });
    // GitHub knows the same history as the checkout.
    github.addCommits(
      repoName,
      (await checkout.log()).map((c) => ({
        sha: c.sha,
        parent: c.parent,
        message: c.message.trimEnd(),
        author: { ...c.author, date: c.date },
        files: c.files.map((f) => ({ filename: f.path, status: { A: 'added', M: 'modified', D: 'removed' }[f.type] })),
      })),
    );

    await sentryCliOk(cli, ['releases', 'new', 'web@1']);
    await sentryCliOk(cli, ['releases', 'set-commits', 'web@1', '--commit', `${repoName}@${c1}`]);
    expect(await releaseCommitKeys(organization.id, 'web@1', 1)).toEqual([c1]);

    await sentryCliOk(cli, ['releases', 'new', 'web@2']);
    await sentryCliOk(cli, ['releases', 'set-commits', 'web@2', '--auto']);
    const [release] = await server.app.db.query('SELECT refs FROM release WHERE organization_id = $1 AND version = $2', [organization.id, 'web@2']);
    expect(release.refs).toEqual([{ repository: repoName, commit: c3, previousCommit: null }]);
    const keys = await releaseCommitKeys(organization.id, 'web@2', 2);
    expect(keys[0]).toBe(c3);
    const files = await server.app.db.query(
      `SELECT f.type, f.filename FROM commit_file_change f JOIN commit c ON c.id = f.commit_id WHERE c.key = $1 AND c.organization_id = $2`,
      [c3, organization.id],
    );
    expect(files).toEqual([{ type: 'D', filename: 'index.js' }]);
  });
});

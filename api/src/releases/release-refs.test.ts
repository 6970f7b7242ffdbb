import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildTenant, unique } from '../../../test/support/factories.js';
import { startFakeGithub, type FakeGithub, type FakeGithubCommit } from '../../../test/support/fake-github.js';
import { TempGitRepo } from '../../../test/support/git-repo.js';
import { sentryCliOk, type SentryCliTarget } from '../../../test/support/sentry-cli.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { recordCommits } from '../commits/commit.service.js';
import { GithubCredential } from '../repositories/github-credential.entity.js';
import { connectGithubRepository } from '../repositories/repository.service.js';
import { githubWebhookUrl } from '../repositories/repository.service.js';

let server: TestServer;
let github: FakeGithub;
const checkouts: TempGitRepo[] = [];
beforeAll(async () => {
  github = await startFakeGithub();
  server = await startTestServer({ workers: true, env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'gh-test-token', VIGIL_SECRET_KEY: 'release-refs-test-key' } });
});
afterAll(async () => {
  await server?.close();
  await github?.close();
  await Promise.all(checkouts.map((c) => c.remove()));
});

const sha = (label: string): string => createHash('sha1').update(label).digest('hex');

const INSTALLATION_TOKEN = 'gh-test-token';

/**
 * A tenant that connected `repoName`. By default its admin also put the repository's Vigil webhook
 * into the GitHub settings, where the installation token (an admin of the repository) sees it.
 */
async function tenantWithRepository(repoName: string, options: { webhookOnGithub?: boolean } = {}) {
  const tenant = await buildTenant(server.app);
  const access = await accessFor(server.app, tenant.owner, tenant.organization);
  const { repository } = await connectGithubRepository(server.app.db, access, { name: repoName });
  if (options.webhookOnGithub ?? true) {
    github.setAccess(repoName, { admins: [INSTALLATION_TOKEN] });
    github.addWebhook(repoName, githubWebhookUrl(server.url, repository.id));
  }
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
    const calls = github.requests.filter((r) => r.path.includes(`/repos/${repoName}/compare/`));
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

/** The fake GitHub's log of requests about `repoName`, without the query string. */
const callsAbout = (repoName: string) => github.requests.filter((r) => r.path.includes(`/repos/${repoName}/`));

describe('whose GitHub credentials read a repository', () => {
  it.concurrent("the installation token never reads a private repository for an organization that merely typed its name", async () => {
    const repoName = unique('victim/private');
    const chain = fakeChain(repoName, 4);
    github.addCommits(repoName, chain);
    github.setAccess(repoName, { private: true, admins: [INSTALLATION_TOKEN] });
    // The rightful organization set up its webhook; the intruder connects the same name.
    const owner = await tenantWithRepository(repoName);
    const intruder = await tenantWithRepository(repoName, { webhookOnGithub: false });
    const [p1, , , p4] = chain.map((c) => c.sha) as [string, string, string, string];

    await sentryCliOk(intruder.cli, ['releases', 'new', 'steal@1']);
    await sentryCliOk(intruder.cli, ['releases', 'set-commits', 'steal@1', '--commit', `${repoName}@${p1}..${p4}`]);
    const compare = `GET /repos/${repoName}/compare/${p1}...${p4}`;
    const attempt = await waitFor(() => github.requests.find((r) => r.path.startsWith(compare)), { what: "the intruder's fetch" });
    // Asked without any token, GitHub says the private repository does not exist.
    expect(attempt.authorization).toBeUndefined();
    expect(github.requests.filter((r) => r.path.startsWith(compare) && r.authorization !== undefined)).toEqual([]);

    // The organization whose webhook GitHub shows gets the range through the installation token.
    await sentryCliOk(owner.cli, ['releases', 'new', 'own@1']);
    await sentryCliOk(owner.cli, ['releases', 'set-commits', 'own@1', '--commit', `${repoName}@${p1}..${p4}`]);
    expect(await releaseCommitKeys(owner.organization.id, 'own@1', 3)).toHaveLength(3);
    expect(github.requests.filter((r) => r.path.startsWith(compare)).map((r) => r.authorization)).toContain(`token ${INSTALLATION_TOKEN}`);
    const [intruderCommits] = await server.app.db.query('SELECT count(*)::int AS n FROM commit WHERE organization_id = $1', [intruder.organization.id]);
    expect(intruderCommits.n).toBe(0);
  });

  it.concurrent("an organization's own token (setGithubToken) reads its private repository; it is stored sealed and never shown", async () => {
    const repoName = unique('acme/secretive');
    const orgToken = `ghp_${unique('orgtoken')}`;
    const chain = fakeChain(repoName, 3);
    github.addCommits(repoName, chain);
    github.setAccess(repoName, { private: true, readers: [orgToken] });
    const { cli, organization, token } = await tenantWithRepository(repoName, { webhookOnGithub: false });
    const client = server.client({ token });
    const query = 'query($org: String!) { organization(slug: $org) { hasGithubToken } }';
    expect(await client.data(query, { org: organization.slug })).toEqual({ organization: { hasGithubToken: false } });
    const set = await client.request('mutation($org: String!, $token: String) { setGithubToken(organizationSlug: $org, token: $token) }', { org: organization.slug, token: orgToken });
    expect(set).toEqual({ data: { setGithubToken: true } });
    expect(JSON.stringify(await client.data(query, { org: organization.slug }))).not.toContain(orgToken);
    const [stored] = await server.app.db.getRepository(GithubCredential).findBy({ organizationId: organization.id });
    expect(stored!.tokenSealed).toMatch(/^v1:/);
    expect(stored!.tokenSealed).not.toContain(orgToken);
    expect(Buffer.from(stored!.tokenSealed.slice(3), 'base64').toString('latin1')).not.toContain(orgToken);

    const [c1, , c3] = chain.map((c) => c.sha) as [string, string, string];
    await sentryCliOk(cli, ['releases', 'new', 'secret@1']);
    await sentryCliOk(cli, ['releases', 'set-commits', 'secret@1', '--commit', `${repoName}@${c1}..${c3}`]);
    expect(await releaseCommitKeys(organization.id, 'secret@1', 2)).toEqual([c3, chain[1]!.sha]);
    const calls = callsAbout(repoName);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((r) => r.authorization === `token ${orgToken}`)).toBe(true);

    // Removing it: back to no token.
    expect(await client.data('mutation($org: String!) { setGithubToken(organizationSlug: $org, token: null) }', { org: organization.slug })).toEqual({ setGithubToken: false });
    expect(await server.app.db.getRepository(GithubCredential).countBy({ organizationId: organization.id })).toBe(0);
    expect(await client.errorCode('mutation($org: String!) { setGithubToken(organizationSlug: $org, token: "has spaces") }', { org: organization.slug })).toBe('BAD_USER_INPUT');
  });

  it.concurrent('a ref that is a branch name fetches only the commit it names, never a range of history', async () => {
    const repoName = unique('acme/branchy');
    const chain = fakeChain(repoName, 3);
    github.addCommits(repoName, chain);
    const { cli } = await tenantWithRepository(repoName);
    await sentryCliOk(cli, ['releases', 'new', 'branchy@1']);
    await sentryCliOk(cli, ['releases', 'set-commits', 'branchy@1', '--commit', `${repoName}@${chain[0]!.sha}..main`]);
    await waitFor(() => github.requests.some((r) => r.path.startsWith(`GET /repos/${repoName}/commits/main`)), { what: 'the head lookup' });
    expect(callsAbout(repoName).filter((r) => r.path.includes('/compare/'))).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { TempGitRepo } from '../../../test/support/git-repo.js';
import { runSentryCli, sentryCliOk, type SentryCliTarget } from '../../../test/support/sentry-cli.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
const repos: TempGitRepo[] = [];
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => {
  await server?.close();
  await Promise.all(repos.map((r) => r.remove()));
});

async function tenantWithCheckout() {
  const tenant = await buildTenant(server.app);
  const checkout = await TempGitRepo.create({ origin: 'https://github.com/acme/web.git' });
  repos.push(checkout);
  const cli: SentryCliTarget = { url: server.url, token: tenant.token, org: tenant.organization.slug, project: tenant.project.slug, cwd: checkout.dir };
  return { ...tenant, checkout, cli };
}

async function releaseCommits(version: string, organizationId: number) {
  return server.app.db.query(
    `SELECT c.key, c.message, c.author_name, c.author_email, r.name AS repository, r.provider,
            (SELECT string_agg(f.type || ' ' || f.filename, ', ' ORDER BY f.filename) FROM commit_file_change f WHERE f.commit_id = c.id) AS files
     FROM release_commit rc JOIN release rel ON rel.id = rc.release_id JOIN commit c ON c.id = rc.commit_id JOIN repository r ON r.id = c.repository_id
     WHERE rel.version = $1 AND rel.organization_id = $2 ORDER BY rc."order"`,
    [version, organizationId],
  ) as Promise<{ key: string; message: string; author_name: string; author_email: string; repository: string; provider: string; files: string | null }[]>;
}

const devOne = { name: 'Dev One', email: 'Dev.One@Example.com' };
const devTwo = { name: 'Dev Two', email: 'dev2@example.com' };

describe('sentry-cli 3.8 against the release API', () => {
  it.concurrent('info: shows the token owner and scopes', async () => {
    const { cli, owner } = await tenantWithCheckout();
    const out = await sentryCliOk(cli, ['info']);
    expect(out).toContain(owner.email);
    expect(out).toContain('project:releases');
    const status = JSON.parse(await sentryCliOk(cli, ['info', '--config-status-json'])) as { auth: { successful: boolean } };
    expect(status.auth.successful).toBe(true);
  });

  it.concurrent('new, set-commits --local (twice), finalize, deploys, list, info, delete', async () => {
    const { cli, checkout, organization, project } = await tenantWithCheckout();
    const c1 = await checkout.commit({ message: 'Initial import', author: devOne, files: { 'README.md': '# web\n', 'src/a.js': 'a\n' }, date: '2026-11-27T10:00:00+02:00' });
    const c2 = await checkout.commit({ message: 'Fix checkout crash\n\nFixes WEB-1', author: devOne, files: { 'src/a.js': 'a2\n', 'src/b.js': 'b\n' } });
    const c3 = await checkout.commit({ message: 'Remove readme', author: devTwo, files: { 'README.md': null } });

    expect(await sentryCliOk(cli, ['releases', 'new', 'web@1.0.0'])).toContain('web@1.0.0');
    expect(await sentryCliOk(cli, ['releases', 'set-commits', 'web@1.0.0', '--local'])).toContain('Success');
    const first = await releaseCommits('web@1.0.0', organization.id);
    expect(first.map((c) => c.key)).toEqual([c3, c2, c1]);
    expect(first[1]).toMatchObject({
      message: 'Fix checkout crash\n\nFixes WEB-1\n',
      author_name: 'Dev One',
      author_email: 'dev.one@example.com',
      repository: 'origin',
      provider: 'git',
      files: 'M src/a.js, A src/b.js',
    });
    expect(first[0]!.files).toBe('D README.md');

    // The second release gets only what came after the first one's newest commit.
    const c4 = await checkout.commit({ message: 'Speed up cart', author: devTwo, files: { 'src/cart.js': 'c\n' } });
    const c5 = await checkout.commit({ message: 'Tweak cart', author: devOne, files: { 'src/cart.js': 'c2\n' } });
    await sentryCliOk(cli, ['releases', 'new', 'web@1.1.0+build.7']);
    await sentryCliOk(cli, ['releases', 'set-commits', 'web@1.1.0+build.7', '--local']);
    expect((await releaseCommits('web@1.1.0+build.7', organization.id)).map((c) => c.key)).toEqual([c5, c4]);

    await sentryCliOk(cli, ['releases', 'finalize', 'web@1.1.0+build.7']);
    const [finalized] = await server.app.db.query('SELECT date_released FROM release WHERE organization_id = $1 AND version = $2', [
      organization.id,
      'web@1.1.0+build.7',
    ]);
    expect(finalized.date_released).toBeInstanceOf(Date);

    expect(await sentryCliOk(cli, ['deploys', 'new', '-r', 'web@1.1.0+build.7', '-e', 'production', '-n', 'n1'])).toContain("Created new deploy n1 for 'production'");
    const deploys = await sentryCliOk(cli, ['deploys', 'list', '-r', 'web@1.1.0+build.7']);
    expect(deploys).toContain('n1');
    expect(deploys).toContain('production');

    const list = await sentryCliOk(cli, ['releases', 'list']);
    expect(list).toContain('1.0.0');
    expect(list).toContain('1.1.0+build.7');
    const info = await sentryCliOk(cli, ['releases', 'info', 'web@1.1.0+build.7']);
    expect(info).toContain('web@1.1.0+build.7');

    // The REST view agrees with the CLI: counts, newest commit, authors, last deploy, projects.
    const response = await fetch(`${server.url}/api/0/organizations/${organization.slug}/releases/web@1.1.0%2Bbuild.7/`, {
      headers: { authorization: `Bearer ${cli.token}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({
      version: 'web@1.1.0+build.7',
      shortVersion: '1.1.0+build.7',
      commitCount: 2,
      lastCommit: { id: c5, repository: { name: 'origin', provider: { id: 'git' } } },
      authors: [{ email: 'dev.one@example.com' }, { email: 'dev2@example.com' }],
      deployCount: 1,
      lastDeploy: { environment: 'production', name: 'n1' },
      projects: [{ id: String(project.id), slug: project.slug }],
    });

    await sentryCliOk(cli, ['releases', 'delete', 'web@1.0.0']);
    expect(await server.app.db.query('SELECT id FROM release WHERE organization_id = $1 AND version = $2', [organization.id, 'web@1.0.0'])).toEqual([]);
    const missing = await runSentryCli(cli, ['releases', 'info', 'web@1.0.0']);
    expect(missing.code).not.toBe(0);
  });
});

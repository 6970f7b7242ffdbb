import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Webhooks } from '@octokit/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, unique } from '../../../test/support/factories.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { formatShortId } from '../issues/short-id.js';

let server: TestServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-heroku-'));
  // No SMTP_URL: deploy emails land in the data directory's outbox.
  server = await startTestServer({ workers: true, env: { VIGIL_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await server?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const sha = (n: number) => n.toString(16).padStart(40, 'a');

/** A tenant with a GitHub repository whose pushed commits fix an issue, and Heroku connected. */
async function herokuTenant() {
  const tenant = await buildTenant(server.app);
  const client = server.client({ token: tenant.token });
  const { issue } = await buildIssue(server.app, tenant.project);
  const shortId = formatShortId(tenant.project.slug, issue.shortIdNumber);
  const repoName = `acme/${unique('web')}`;
  const { connectRepository } = await client.data<{ connectRepository: { webhookSecret: string; repository: { webhookUrl: string } } }>(
    'mutation($org: String!, $name: String!) { connectRepository(organizationSlug: $org, name: $name) { webhookSecret repository { webhookUrl } } }',
    { org: tenant.organization.slug, name: repoName },
  );
  const push = {
    ref: 'refs/heads/main',
    before: sha(1),
    after: sha(3),
    repository: { full_name: repoName, html_url: `https://github.com/${repoName}` },
    commits: [
      { id: sha(2), message: 'Refactor cart', timestamp: '2026-11-27T10:00:00Z', author: { name: 'Owner', email: tenant.owner.email }, modified: ['src/cart.js'] },
      { id: sha(3), message: `Fix checkout crash\n\nFixes ${shortId}`, timestamp: '2026-11-27T10:05:00Z', author: { name: 'Owner', email: tenant.owner.email }, added: ['src/checkout.js'] },
    ],
  };
  const body = JSON.stringify(push);
  const pushed = await fetch(connectRepository.repository.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': await new Webhooks({ secret: connectRepository.webhookSecret }).sign(body) },
    body,
  });
  expect(pushed.status).toBe(202);
  const { connectHeroku } = await client.data<{ connectHeroku: { secret: string; deployHookUrl: string; integration: { webhookUrl: string } } }>(
    'mutation($id: ID!, $repo: String!) { connectHeroku(projectId: $id, repository: $repo, environment: "production") { secret deployHookUrl integration { webhookUrl } } }',
    { id: String(tenant.project.id), repo: repoName },
  );
  return { ...tenant, client, issue, shortId, heroku: connectHeroku };
}

function herokuRelease(commit: string) {
  return JSON.stringify({ action: 'update', resource: 'release', data: { status: 'succeeded', version: 7, slug: { id: 's', commit }, app: { name: 'acme-web' }, user: { email: 'dev@example.com' } } });
}

async function releaseOf(client: TestServer['client'] extends (...a: never[]) => infer C ? C : never, org: string, version: string) {
  const { organization } = await client.data<{
    organization: { release: { version: string; commits: { sha: string }[]; deploys: { environment: string; name: string | null }[]; resolvedIssues: { id: string }[] } | null };
  }>('query($org: String!, $v: String!) { organization(slug: $org) { release(version: $v) { version commits { sha } deploys { environment name } resolvedIssues { id } } } }', { org, v: version });
  return organization.release;
}

describe('Heroku deploys', () => {
  it('an api:release webhook creates the release, pulls its commits, resolves their "Fixes", records the deploy and emails the committer', async () => {
    const { client, organization, heroku, issue, owner } = await herokuTenant();
    const body = herokuRelease(sha(3));
    const response = await fetch(heroku.integration.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'heroku-webhook-hmac-sha256': createHmac('sha256', heroku.secret).update(body).digest('base64') },
      body,
    });
    expect(response.status).toBe(202);
    const release = await waitFor(async () => {
      const r = await releaseOf(client, organization.slug, sha(3));
      return r && r.commits.length > 0 && r.resolvedIssues.length > 0 ? r : null;
    }, { what: 'the release to get its commits and resolve the issue' });
    expect(release.commits.map((c) => c.sha)).toContain(sha(3));
    expect(release.resolvedIssues.map((i) => i.id)).toEqual([String(issue.id)]);
    expect(release.deploys).toEqual([{ environment: 'production', name: 'acme-web' }]);

    const mail = await waitFor(async () => {
      const { mailOutbox } = await client.data<{ mailOutbox: { to: string; subject: string }[] }>('{ mailOutbox(first: 50) { to subject } }');
      // The committer also gets the "resolved in release" email, in either order.
      return mailOutbox.find((m) => m.to.includes(owner.email) && m.subject.includes('production'));
    }, { what: 'the deploy email' });
    expect(mail.subject).toContain('production');
  });

  it('a replayed Heroku-Webhook-Id is answered 200 with a note: no second deploy, no second email', async () => {
    const { client, organization, heroku, owner } = await herokuTenant();
    const body = herokuRelease(sha(3));
    const send = () =>
      fetch(heroku.integration.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'heroku-webhook-id': '01234567-89ab-cdef-0123-456789abcdef',
          'heroku-webhook-hmac-sha256': createHmac('sha256', heroku.secret).update(body).digest('base64'),
        },
        body,
      });
    const deploys = async () => ((await releaseOf(client, organization.slug, sha(3)))?.deploys ?? []).length;
    // Deploy emails only: the "Fixes" commit also resolves an issue, and its subscribers hear of that.
    const mails = async () =>
      (await client.data<{ mailOutbox: { to: string; subject: string }[] }>('{ mailOutbox(first: 200) { to subject } }')).mailOutbox.filter(
        (m) => m.to.includes(owner.email) && m.subject.startsWith('Deployed'),
      );
    expect((await send()).status).toBe(202);
    await waitFor(async () => (await mails()).length === 1, { what: 'the deploy email' });
    const replay = await send();
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ ok: true, duplicate: true });
    expect(await deploys()).toBe(1);
    // Give a (wrongly) queued second notification time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await mails()).toHaveLength(1);
  });

  it('refuses a bad signature with 401 and creates nothing', async () => {
    const { client, organization, heroku } = await herokuTenant();
    const body = herokuRelease(sha(2));
    const response = await fetch(heroku.integration.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'heroku-webhook-hmac-sha256': createHmac('sha256', 'wrong').update(body).digest('base64') },
      body,
    });
    expect(response.status).toBe(401);
    expect(await releaseOf(client, organization.slug, sha(2))).toBeNull();
  });

  it('accepts the legacy deploy hook form with the secret in its URL, and 401 without it', async () => {
    const { client, organization, heroku } = await herokuTenant();
    const form = new URLSearchParams({ app: 'acme-web', user: 'dev@example.com', url: 'https://acme-web.herokuapp.com', head: sha(3).slice(0, 7), head_long: sha(3), prev_head: sha(1), git_log: '* Fix checkout crash', release: 'v7' });
    const wrong = heroku.deployHookUrl.replace(/secret=[^&]+/, 'secret=nope');
    expect((await fetch(wrong, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).status).toBe(401);
    expect(await releaseOf(client, organization.slug, sha(3))).toBeNull();
    const response = await fetch(heroku.deployHookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(response.status).toBe(202);
    // prev_head..head_long: both pushed commits after sha(1).
    const release = await waitFor(async () => {
      const r = await releaseOf(client, organization.slug, sha(3));
      return r && r.commits.length === 2 ? r : null;
    }, { what: 'the range to resolve from the pushed commits' });
    expect(release.commits.map((c) => c.sha).sort()).toEqual([sha(2), sha(3)]);
    // The same post again (a replay: each Heroku release numbers its own) records no second deploy.
    const replay = await fetch(heroku.deployHookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({ duplicate: true });
    form.set('release', 'v8');
    expect((await fetch(heroku.deployHookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).status).toBe(202);
    expect((await releaseOf(client, organization.slug, sha(3)))!.deploys).toHaveLength(2);
  });
});

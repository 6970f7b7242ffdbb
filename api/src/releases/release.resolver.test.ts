import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildTenant } from '../../../test/support/factories.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { formatShortId } from '../issues/short-id.js';
import { updateRelease } from '../commits/release-commits.service.js';
import { upsertRelease } from './release.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

const OVERVIEW = `query($org: String!, $v: String!) { organization(slug: $org) { release(version: $v) {
  version shortVersion commitCount projects { slug }
  commits { sha shortSha title repository author { email user { email } } }
  authors { email user { email } }
  filesChanged { path type commitCount }
  newIssues { id } resolvedIssues { id }
  deploys(environment: "production") { environment name } lastDeploy { environment }
} } }`;

describe('the release overview', () => {
  it('shows commits, authors, files, new and resolved issues, deploys; issues show their fixing commits and suggested assignees', async () => {
    const { owner, organization, project, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const access = await accessFor(server.app, owner, organization);
    const version = 'web@2.0.0+build.7';
    await upsertRelease(server.app, access, { version, projects: [project.slug] });
    const { issue } = await buildIssue(server.app, project, { events: [{ release: version }] });
    const shortId = formatShortId(project.slug, issue.shortIdNumber);
    const sha = 'c0ffee'.padEnd(40, '0');
    await updateRelease(server.app, access, version, {
      commits: [
        {
          id: sha,
          repository: 'origin',
          message: `Guard against empty carts\n\nFixes ${shortId}\n`,
          authorName: 'Owner',
          authorEmail: owner.email,
          timestamp: '2026-11-27T10:00:00Z',
          files: [{ path: 'app/cart.js', type: 'M' }], // deployed as /srv/app/cart.js
        },
      ],
    });
    await client.data('mutation($org: String!, $v: String!) { createDeploy(organizationSlug: $org, version: $v, input: { environment: "production", name: "deploy-1" }) { id } }', {
      org: organization.slug,
      v: version,
    });

    const release = await waitFor(async () => {
      const { organization: org } = await client.data<{ organization: { release: { resolvedIssues: { id: string }[] } & Record<string, unknown> } }>(OVERVIEW, { org: organization.slug, v: version });
      return org.release.resolvedIssues.length > 0 ? org.release : null;
    }, { what: 'the Fixes commit to resolve the issue in the release' });
    expect(release).toMatchObject({
      version,
      shortVersion: '2.0.0+build.7',
      commitCount: 1,
      projects: [{ slug: project.slug }],
      commits: [{ sha, shortSha: sha.slice(0, 7), title: 'Guard against empty carts', repository: 'origin', author: { email: owner.email, user: { email: owner.email } } }],
      authors: [{ email: owner.email, user: { email: owner.email } }],
      filesChanged: [{ path: 'app/cart.js', type: 'M', commitCount: 1 }],
      newIssues: [{ id: String(issue.id) }],
      resolvedIssues: [{ id: String(issue.id) }],
      deploys: [{ environment: 'production', name: 'deploy-1' }],
      lastDeploy: { environment: 'production' },
    });

    const { organization: withIssue } = await client.data<{ organization: { issue: { status: string; commits: { sha: string }[]; suggestedAssignees: { reason: string; member: { user: { email: string } }; commits: { sha: string }[] }[] } } }>(
      'query($org: String!, $id: String!) { organization(slug: $org) { issue(shortId: $id) { status commits { sha } suggestedAssignees { reason member { user { email } } commits { sha } } } } }',
      { org: organization.slug, id: shortId },
    );
    expect(withIssue.issue.status).toBe('RESOLVED');
    expect(withIssue.issue.commits).toEqual([{ sha }]);
    expect(withIssue.issue.suggestedAssignees).toHaveLength(1);
    expect(withIssue.issue.suggestedAssignees[0]).toMatchObject({ member: { user: { email: owner.email } }, commits: [{ sha }] });
  });

  it('lists releases newest first, filtered by version and project', async () => {
    const { owner, organization, project, token } = await buildTenant(server.app);
    const access = await accessFor(server.app, owner, organization);
    for (const version of ['api@1.0.0', 'web@1.0.0', 'web@1.1.0']) await upsertRelease(server.app, access, { version, projects: [project.slug] });
    const client = server.client({ token });
    const list = async (query: string | null) =>
      (
        await client.data<{ organization: { releases: { totalCount: number; nodes: { version: string }[] } } }>(
          'query($org: String!, $q: String) { organization(slug: $org) { releases(first: 10, query: $q) { totalCount nodes { version } } } }',
          { org: organization.slug, q: query },
        )
      ).organization.releases;
    expect((await list(null)).nodes.map((r) => r.version)).toEqual(['web@1.1.0', 'web@1.0.0', 'api@1.0.0']);
    expect(await list('web@')).toMatchObject({ totalCount: 2 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const SHARE = 'mutation($id: ID!, $on: Boolean!) { updateIssue(id: $id, input: { isPublic: $on }) { isPublic shareUrl } }';
const SHARE_STATE = 'query($org: String!, $shortId: String!) { organization(slug: $org) { issue(shortId: $shortId) { isPublic shareUrl activity { nodes { type } } } } }';

async function sharedIssue() {
  const tenant = await buildTenant(server.app);
  const { issue } = await buildIssue(server.app, tenant.project, {
    events: [
      {
        value: 'Cart <b>exploded</b>',
        functionName: 'addItem',
        user: { id: 'u-42', email: 'shopper@example.com' },
        tags: { customer: 'ACME-secret-tag' },
      },
    ],
  });
  const ownerClient = server.client({ token: tenant.token });
  const { updateIssue } = await ownerClient.data<{ updateIssue: { isPublic: boolean; shareUrl: string } }>(SHARE, { id: String(issue.id), on: true });
  return { ...tenant, issue, ownerClient, shareUrl: updateIssue.shareUrl, isPublic: updateIssue.isPublic };
}

describe('sharing an issue', () => {
  it('gives an unguessable link that shows the issue without signing in, scrubbed of tags, user and request', async () => {
    const { shareUrl, isPublic, project } = await sharedIssue();
    expect(isPublic).toBe(true);
    expect(shareUrl).toMatch(new RegExp(`^${server.url}/share/issue/[0-9a-f]{32}/$`));

    const response = await fetch(shareUrl); // no cookie, no token
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    // The page itself, not the dashboard's SPA fallback.
    expect(html).not.toContain('<div id="root">');
    expect(html).toContain('TypeError: Cart &lt;b&gt;exploded&lt;/b&gt;');
    expect(html).toContain('addItem');
    expect(html).toContain('return cart.items.push(item.id);');
    expect(html).toContain(project.name);
    for (const secret of ['shopper@example.com', 'u-42', 'ACME-secret-tag', 'shop.example.com', 'curl/8.5.0', 'GET /cart', 'Debian']) {
      expect(html, secret).not.toContain(secret);
    }
  });

  it('records who shared and stops working when sharing is turned off; sharing again makes a new link', async () => {
    const { ownerClient: owner, issue, shareUrl, organization, project } = await sharedIssue();
    const { updateIssue } = await owner.data<{ updateIssue: { isPublic: boolean; shareUrl: string | null } }>(SHARE, { id: String(issue.id), on: false });
    expect(updateIssue).toEqual({ isPublic: false, shareUrl: null });
    const gone = await fetch(shareUrl);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('This issue is not shared');

    const again = await owner.data<{ updateIssue: { shareUrl: string } }>(SHARE, { id: String(issue.id), on: true });
    expect(again.updateIssue.shareUrl).not.toBe(shareUrl);
    expect((await fetch(again.updateIssue.shareUrl)).status).toBe(200);
    expect((await fetch(shareUrl)).status).toBe(404);

    const shortId = `${project.slug.toUpperCase()}-1`;
    const state = await owner.data<{ organization: { issue: { activity: { nodes: { type: string }[] } } } }>(SHARE_STATE, { org: organization.slug, shortId });
    expect(state.organization.issue.activity.nodes.map((a) => a.type)).toEqual(expect.arrayContaining(['SET_PUBLIC', 'SET_PRIVATE']));
  });

  it('answers 404 for links that name nothing, whatever their shape', async () => {
    for (const path of ['0'.repeat(32), 'not-hex', `${'a'.repeat(31)}\u0000`, 'x'.repeat(2000), `${'a'.repeat(32)}/extra`]) {
      const response = await fetch(`${server.url}/share/issue/${path.includes('/') ? path : encodeURIComponent(path)}/`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toContain('This issue is not shared');
    }
  });

  it('needs event:write: a read-only member cannot share, and outsiders see no share URL', async () => {
    const { organization, owner, ownerClient, issue, project } = await sharedIssue();
    const { user: reader } = await buildMember(server.app, organization, owner, MemberRole.READONLY);
    const readOnly = server.client({ token: await tokenFor(server.app, reader) });
    expect(await readOnly.errorCode(SHARE, { id: String(issue.id), on: false })).toBe('FORBIDDEN');
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    expect(await outsider.errorCode(SHARE, { id: String(issue.id), on: false })).toBe('NOT_FOUND');
    const shortId = `${project.slug.toUpperCase()}-1`;
    expect(await outsider.errorCode(SHARE_STATE, { org: organization.slug, shortId })).toBe('NOT_FOUND');
    expect((await ownerClient.data<{ organization: { issue: { isPublic: boolean } } }>(SHARE_STATE, { org: organization.slug, shortId })).organization.issue.isPublic).toBe(true);
  });
});


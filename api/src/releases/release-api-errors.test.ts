import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function call(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined || options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe('release REST API: statuses and error bodies', () => {
  it.concurrent('creates with 201, upserts with 208, decodes versions in paths', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const releases = `/api/0/organizations/${organization.slug}/releases/`;
    const created = await call('POST', releases, { token, body: { version: 'web@1.2.3+build.7', projects: [project.slug], dateStarted: '2026-11-27T10:03:50.214246633Z' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ version: 'web@1.2.3+build.7', dateCreated: expect.any(String), commitCount: 0, lastCommit: null, lastDeploy: null });
    const again = await call('POST', releases, { token, body: { version: 'web@1.2.3+build.7', projects: [project.slug] } });
    expect(again.status).toBe(208);
    expect(again.json!.id).toBe(created.json!.id);
    const fetched = await call('GET', `${releases}web@1.2.3%2Bbuild.7/`, { token });
    expect(fetched).toMatchObject({ status: 200, json: { version: 'web@1.2.3+build.7', id: created.json!.id } });
    // No earlier release with commits: exactly {}.
    const previous = await call('GET', `${releases}web@1.2.3%2Bbuild.7/previous-with-commits/`, { token });
    expect(previous).toMatchObject({ status: 200, text: '{}' });
    expect(previous.contentType).toMatch(/^application\/json/);
  });

  it.concurrent('rejects bad input with 400 {"detail"}', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const releases = `/api/0/organizations/${organization.slug}/releases/`;
    for (const version of ['a/b', 'latest', '..', 'line\nbreak', ' padded', 'x'.repeat(201)]) {
      const bad = await call('POST', releases, { token, body: { version, projects: [project.slug] } });
      expect(bad.status, version).toBe(400);
      expect(bad.json!.detail).toMatch(/Invalid release version/);
    }
    expect((await call('POST', releases, { token, body: { version: '1', projects: ['nope'] } })).json).toEqual({ detail: 'Unknown project(s): nope' });
    expect((await call('POST', releases, { token, body: { version: '1', projects: [] } })).status).toBe(400);
    const malformed = await call('POST', releases, { token, rawBody: '{"version":' });
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toMatch(/^application\/json/);
    expect(malformed.json).toEqual({ detail: expect.any(String) });

    expect((await call('POST', releases, { token, body: { version: '1', projects: [project.slug] } })).status).toBe(201);
    const unknownRepo = await call('PUT', `${releases}1/`, { token, body: { refs: [{ repository: 'acme/nope', commit: 'abc123', previousCommit: null }] } });
    expect(unknownRepo).toMatchObject({ status: 400, json: { detail: 'Unknown repository "acme/nope": connect it first' } });
    const badStatus = await call('PUT', `${releases}1/`, { token, body: { status: 'gone' } });
    expect(badStatus.status).toBe(400);
    const noEnvironment = await call('POST', `${releases}1/deploys/`, { token, body: { name: 'n1' } });
    expect(noEnvironment.status).toBe(400);
    expect(noEnvironment.json!.detail).toMatch(/environment is required/);
    expect((await call('GET', `${releases}2/`, { token })).json).toEqual({ detail: 'Release not found' });
    expect((await call('DELETE', `${releases}2/`, { token })).status).toBe(404);
  });

  it.concurrent('authenticates and authorizes: 401, 404 for other organizations, 403 for read-only members', async () => {
    const { organization, owner, project, token } = await buildTenant(server.app);
    const other = await buildTenant(server.app);
    const releases = `/api/0/organizations/${organization.slug}/releases/`;
    const body = { version: 'v1', projects: [project.slug] };

    const anonymous = await call('POST', releases, { body });
    expect(anonymous).toMatchObject({ status: 401, json: { detail: expect.any(String) } });
    expect((await call('GET', releases, { token: 'vgl_not-a-token' })).status).toBe(401);
    const foreign = await call('GET', releases, { token: other.token });
    expect(foreign).toMatchObject({ status: 404, json: { detail: 'Organization not found' } });
    expect((await call('GET', `/api/0/organizations/${organization.slug}/repos/?cursor=`, { token: other.token })).status).toBe(404);

    const { user: reader } = await buildMember(server.app, organization, owner, MemberRole.READONLY);
    const readerToken = await tokenFor(server.app, reader);
    const denied = await call('POST', releases, { token: readerToken, body });
    expect(denied.status).toBe(403);
    expect(denied.json!.detail).toEqual(expect.any(String));
    expect((await call('POST', releases, { token, body })).status).toBe(201);
    expect((await call('GET', releases, { token: readerToken })).json).toEqual([expect.objectContaining({ version: 'v1' })]);
    expect((await call('POST', `${releases}v1/deploys/`, { token: readerToken, body: { environment: 'production' } })).status).toBe(403);
    expect((await call('GET', `/api/0/projects/${organization.slug}/nope/releases/`, { token })).json).toEqual({ detail: 'Project not found' });

    // A token limited to project:releases may write releases but not beyond.
    const releasesOnly = await tokenFor(server.app, owner, ['project:releases']);
    expect((await call('PUT', `${releases}v1/`, { token: releasesOnly, body: { dateReleased: '2026-11-27T10:07:41.914346653Z' } })).status).toBe(200);
  });

  it.concurrent('GET /api/0/ describes the caller, or nobody', async () => {
    const { owner, token } = await buildTenant(server.app);
    expect((await call('GET', '/api/0/')).json).toEqual({ version: '0', auth: null, user: null });
    const me = await call('GET', '/api/0/', { token });
    expect(me.json).toMatchObject({ version: '0', user: { id: String(owner.id), email: owner.email }, auth: { scopes: expect.arrayContaining(['project:releases']) } });
  });

  it.concurrent('lists with Sentry pagination and filters', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const releases = `/api/0/organizations/${organization.slug}/releases/`;
    for (const version of ['app@1', 'app@2', 'app@3', 'other@1']) {
      expect((await call('POST', releases, { token, body: { version, projects: [project.slug] } })).status).toBe(201);
    }
    const response = await fetch(`${server.url}${releases}?per_page=2&query=APP`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await response.json()) as { version: string }[]).map((r) => r.version)).toEqual(['app@3', 'app@2']);
    const link = response.headers.get('link')!;
    const next = link.match(/<([^>]+)>; rel="next"; results="true"; cursor="(\d+)"/);
    expect(next).not.toBeNull();
    const page2 = await fetch(next![1]!, { headers: { authorization: `Bearer ${token}` } });
    expect(((await page2.json()) as { version: string }[]).map((r) => r.version)).toEqual(['app@1']);
    expect(page2.headers.get('link')).toContain('rel="next"; results="false"');
    const byProject = await call('GET', `/api/0/projects/${organization.slug}/${project.slug}/releases/`, { token });
    expect((byProject.json as unknown as unknown[]).length).toBe(4);
  });
});

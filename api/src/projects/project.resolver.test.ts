import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildProject, buildTenant, buildUser, tokenFor, unique } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

const CREATE = 'mutation($org: String!, $input: CreateProjectInput!) { createProject(organizationSlug: $org, input: $input) { id slug name platform dsn keys { id label publicKey isActive dsn } } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id slug name platform } }';
const DELETE = 'mutation($id: ID!) { deleteProject(id: $id) }';
const PROJECT = 'query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { id slug name platform dsn keys { id label isActive rateLimitCount rateLimitWindow dsn } } } }';
const CREATE_KEY = 'mutation($project: ID!, $input: ProjectKeyInput) { createProjectKey(projectId: $project, input: $input) { id label publicKey isActive rateLimitCount rateLimitWindow dsn } }';
const UPDATE_KEY = 'mutation($id: ID!, $input: ProjectKeyInput!) { updateProjectKey(id: $id, input: $input) { id label isActive rateLimitCount rateLimitWindow } }';
const DELETE_KEY = 'mutation($id: ID!) { deleteProjectKey(id: $id) }';
const PAGE = 'query($org: String!, $first: Int, $after: String) { organization(slug: $org) { projects(first: $first, after: $after) { totalCount edges { cursor node { slug } } nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }';

interface Key {
  id: string;
  label: string;
  publicKey: string;
  isActive: boolean;
  rateLimitCount: number | null;
  rateLimitWindow: number | null;
  dsn: string;
}
interface ProjectData {
  id: string;
  slug: string;
  name: string;
  platform: string | null;
  dsn: string | null;
  keys: Key[];
}

/** An organization (without projects) and its owner's client. */
async function ownerOfNewOrganization(): Promise<{ client: GraphQLTestClient; org: string }> {
  const owner = await buildUser(server.app);
  const organization = await buildOrganization(server.app, owner);
  return { client: server.client({ token: await tokenFor(server.app, owner) }), org: organization.slug };
}

function dsnPattern(projectId: string): RegExp {
  const { port } = new URL(server.url);
  return new RegExp(`^http://([0-9a-f]{32})@127\\.0\\.0\\.1:${port}/${projectId}$`);
}

describe('projects', () => {
  it('creates a project with a slug derived from the name and a first DSN key', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'Web Shop!', platform: 'javascript' } });
    expect(createProject).toMatchObject({ slug: 'web-shop', name: 'Web Shop!', platform: 'javascript' });
    expect(createProject.id).toMatch(/^\d+$/);
    expect(createProject.keys).toHaveLength(1);
    const [key] = createProject.keys;
    expect(key).toMatchObject({ label: 'Default', isActive: true });
    expect(key!.publicKey).toMatch(/^[0-9a-f]{32}$/);
    // http://<32 hex>@127.0.0.1:<port>/<numeric project id>
    expect(createProject.dsn).toMatch(dsnPattern(createProject.id));
    expect(dsnPattern(createProject.id).exec(createProject.dsn!)?.[1]).toBe(key!.publicKey);
    expect(key!.dsn).toBe(createProject.dsn);
  });

  it('takes an explicit slug, and the same slug may exist in another organization', async () => {
    const first = await ownerOfNewOrganization();
    const second = await ownerOfNewOrganization();
    const slug = unique('shared');
    const a = await first.client.data<{ createProject: ProjectData }>(CREATE, { org: first.org, input: { name: 'A', slug } });
    const b = await second.client.data<{ createProject: ProjectData }>(CREATE, { org: second.org, input: { name: 'B', slug } });
    expect(a.createProject.slug).toBe(slug);
    expect(b.createProject.slug).toBe(slug);
    expect(a.createProject.id).not.toBe(b.createProject.id);
  });

  it('renames a project and its slug; the old slug no longer resolves', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'Old', platform: 'node' } });
    const slug = unique('renamed');
    const { updateProject } = await client.data<{ updateProject: ProjectData }>(UPDATE, { id: createProject.id, input: { name: 'New Name', slug } });
    expect(updateProject).toEqual({ id: createProject.id, slug, name: 'New Name', platform: 'node' });
    expect(await client.data(PROJECT, { org, slug: createProject.slug })).toEqual({ organization: { project: null } });
    const { organization } = await client.data<{ organization: { project: ProjectData } }>(PROJECT, { org, slug });
    expect(organization.project).toMatchObject({ id: createProject.id, name: 'New Name', platform: 'node' });
    // The DSN names the project by id, so renaming does not change it.
    expect(organization.project.dsn).toBe(createProject.dsn);
  });

  it('clears the platform with null and leaves fields that are not sent alone', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'Keep', platform: 'python' } });
    const kept = await client.data<{ updateProject: ProjectData }>(UPDATE, { id: createProject.id, input: { name: 'Kept' } });
    expect(kept.updateProject).toMatchObject({ name: 'Kept', platform: 'python', slug: createProject.slug });
    const cleared = await client.data<{ updateProject: ProjectData }>(UPDATE, { id: createProject.id, input: { platform: null } });
    expect(cleared.updateProject).toMatchObject({ name: 'Kept', platform: null });
  });

  it('deletes a project: it disappears at once, and a job removes the row and its keys', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: unique('doomed') } });
    const id = Number(createProject.id);

    expect(await client.data(DELETE, { id: createProject.id })).toEqual({ deleteProject: true });
    expect(await client.data(PROJECT, { org, slug: createProject.slug })).toEqual({ organization: { project: null } });
    expect(await client.data(`query($org: String!) { organization(slug: $org) { projects { totalCount } } }`, { org })).toEqual({
      organization: { projects: { totalCount: 0 } },
    });
    expect(await client.errorCode(UPDATE, { id: createProject.id, input: { name: 'x' } })).toBe('NOT_FOUND');
    expect(await client.errorCode(CREATE_KEY, { project: createProject.id })).toBe('NOT_FOUND');
    expect(await client.errorCode(UPDATE_KEY, { id: createProject.keys[0]!.id, input: { label: 'x' } })).toBe('NOT_FOUND');
    expect(await client.errorCode(DELETE, { id: createProject.id })).toBe('NOT_FOUND');

    await waitFor(async () => (await server.app.db.query('SELECT 1 FROM project WHERE id = $1', [id])).length === 0, {
      what: 'the project row to be deleted by the job',
    });
    expect(await server.app.db.query('SELECT 1 FROM project_key WHERE project_id = $1', [id])).toHaveLength(0);
    // The slug is free again.
    const again = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'Again', slug: createProject.slug } });
    expect(again.createProject.id).not.toBe(createProject.id);
  });

  it('tells subscribers when a project is created, updated and deleted', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const before = server.app.pubsub.subscriberCount('projectChanged');
    const subscription = client.subscribe<{ projectChanged: { kind: string; projectId: string; project: { name: string } | null } }>(
      'subscription($org: String!) { projectChanged(organizationSlug: $org) { kind projectId project { name } } }',
      { org },
    );
    try {
      await waitFor(() => server.app.pubsub.subscriberCount('projectChanged') === before + 1, { what: 'the subscription to be live' });
      const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'Watched' } });
      const projectId = createProject.id;
      expect(await subscription.next()).toEqual({ data: { projectChanged: { kind: 'CREATED', projectId, project: { name: 'Watched' } } } });
      await client.data(UPDATE, { id: projectId, input: { name: 'Watched 2' } });
      expect(await subscription.next()).toEqual({ data: { projectChanged: { kind: 'UPDATED', projectId, project: { name: 'Watched 2' } } } });
      await client.data(DELETE, { id: projectId });
      expect(await subscription.next()).toEqual({ data: { projectChanged: { kind: 'DELETED', projectId, project: null } } });
    } finally {
      await subscription.close();
    }
  });
});

describe('project input validation', () => {
  it.each([
    ['an upper-case slug', { name: 'x', slug: 'Not A Slug' }, 'slug'],
    ['a slug of digits only (looks like an id)', { name: 'x', slug: '12345' }, 'slug'],
    ['a slug starting with a dash', { name: 'x', slug: '-web' }, 'slug'],
    ['a slug over 50 characters', { name: 'x', slug: 'a'.repeat(51) }, 'slug'],
    ['a name that slugifies to nothing usable', { name: '   ' }, 'name'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 'name'],
    ['a platform with spaces', { name: 'x', platform: 'Node JS' }, 'platform'],
    ['a platform with a slash', { name: 'x', platform: 'node/../../etc' }, 'platform'],
  ])('refuses %s with BAD_USER_INPUT', async (_what, input, field) => {
    const { client, org } = await ownerOfNewOrganization();
    const result = await client.request(CREATE, { org, input });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await client.data(`query($org: String!) { organization(slug: $org) { projects { totalCount } } }`, { org })).toEqual({
      organization: { projects: { totalCount: 0 } },
    });
  });

  it('refuses a bad slug and a bad platform on update too', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'Valid' } });
    expect(await client.errorCode(UPDATE, { id: createProject.id, input: { slug: 'Bad Slug' } })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(UPDATE, { id: createProject.id, input: { platform: 'Not Valid' } })).toBe('BAD_USER_INPUT');
    expect(await client.errorCode(UPDATE, { id: createProject.id, input: { name: '' } })).toBe('BAD_USER_INPUT');
  });

  it('refuses a duplicate slug with CONFLICT, on create and on rename', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const first = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'First' } });
    const second = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: 'Second' } });
    const duplicate = await client.request(CREATE, { org, input: { name: 'Another', slug: first.createProject.slug } });
    expect(duplicate.errors?.[0]).toMatchObject({ message: expect.stringContaining(first.createProject.slug), extensions: { code: 'CONFLICT', field: 'slug' } });
    const rename = await client.request(UPDATE, { id: second.createProject.id, input: { slug: first.createProject.slug } });
    expect(rename.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'slug' });
  });

  it('an unknown or non-numeric project id is NOT_FOUND', async () => {
    const { client } = await ownerOfNewOrganization();
    for (const id of ['2147483000', '0', '-1', 'abc', '1.5']) {
      expect(await client.errorCode(UPDATE, { id, input: { name: 'x' } }), id).toBe('NOT_FOUND');
    }
  });

  // Names are validated before they reach PostgreSQL (which cannot store NUL).
  it('refuses a name containing a NUL character with BAD_USER_INPUT', async () => {
    const { client, org } = await ownerOfNewOrganization();
    expect(await client.errorCode(CREATE, { org, input: { name: 'bad\u0000name', slug: unique('nul') } })).toBe('BAD_USER_INPUT');
  });
});

describe('project keys', () => {
  it('creates, disables, rate-limits and deletes keys', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: unique('keys') } });
    const [defaultKey] = createProject.keys;

    const { createProjectKey } = await client.data<{ createProjectKey: Key }>(CREATE_KEY, {
      project: createProject.id,
      input: { label: 'Browser', rateLimitCount: 100, rateLimitWindow: 60 },
    });
    expect(createProjectKey).toMatchObject({ label: 'Browser', isActive: true, rateLimitCount: 100, rateLimitWindow: 60 });
    expect(createProjectKey.publicKey).toMatch(/^[0-9a-f]{32}$/);
    expect(createProjectKey.publicKey).not.toBe(defaultKey!.publicKey);
    expect(createProjectKey.dsn).toMatch(dsnPattern(createProject.id));

    // Without input: an active, unlimited "Default" key.
    const bare = await client.data<{ createProjectKey: Key }>(CREATE_KEY, { project: createProject.id });
    expect(bare.createProjectKey).toMatchObject({ label: 'Default', isActive: true, rateLimitCount: null, rateLimitWindow: null });

    // Disabling the first key: the project's DSN moves to the next active key.
    const disabled = await client.data<{ updateProjectKey: Key }>(UPDATE_KEY, { id: defaultKey!.id, input: { isActive: false } });
    expect(disabled.updateProjectKey).toMatchObject({ id: defaultKey!.id, isActive: false, label: 'Default' });
    let project = (await client.data<{ organization: { project: ProjectData } }>(PROJECT, { org, slug: createProject.slug })).organization.project;
    expect(project.dsn).toBe(createProjectKey.dsn);

    // Rate limit set, then removed with a zero count.
    const limited = await client.data<{ updateProjectKey: Key }>(UPDATE_KEY, { id: defaultKey!.id, input: { rateLimitCount: 10, rateLimitWindow: 3600, label: 'Server' } });
    expect(limited.updateProjectKey).toMatchObject({ label: 'Server', isActive: false, rateLimitCount: 10, rateLimitWindow: 3600 });
    const unlimited = await client.data<{ updateProjectKey: Key }>(UPDATE_KEY, { id: defaultKey!.id, input: { rateLimitCount: 0 } });
    expect(unlimited.updateProjectKey).toMatchObject({ rateLimitCount: null, rateLimitWindow: null });

    // Deleting keys.
    expect(await client.data(DELETE_KEY, { id: createProjectKey.id })).toEqual({ deleteProjectKey: true });
    expect(await client.data(DELETE_KEY, { id: bare.createProjectKey.id })).toEqual({ deleteProjectKey: true });
    expect(await client.errorCode(DELETE_KEY, { id: createProjectKey.id })).toBe('NOT_FOUND');
    project = (await client.data<{ organization: { project: ProjectData } }>(PROJECT, { org, slug: createProject.slug })).organization.project;
    expect(project.keys).toEqual([{ id: defaultKey!.id, label: 'Server', isActive: false, rateLimitCount: null, rateLimitWindow: null, dsn: defaultKey!.dsn }]);
    // No active key left: no DSN to show.
    expect(project.dsn).toBeNull();
  });

  it.each([
    ['a window of 0', { rateLimitCount: 10, rateLimitWindow: 0 }],
    ['a count without a window', { rateLimitCount: 10 }],
    ['a window over a day', { rateLimitCount: 10, rateLimitWindow: 86_401 }],
    ['a negative count', { rateLimitCount: -1, rateLimitWindow: 60 }],
    ['a negative window', { rateLimitCount: 1, rateLimitWindow: -60 }],
  ])('refuses a rate limit with %s (BAD_USER_INPUT), on create and on update', async (_what, input) => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: unique('limits') } });
    const create = await client.request(CREATE_KEY, { project: createProject.id, input });
    expect(create.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rateLimitWindow' });
    const update = await client.request(UPDATE_KEY, { id: createProject.keys[0]!.id, input });
    expect(update.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'rateLimitWindow' });
  });

  it('refuses an empty label on update', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: unique('label') } });
    expect(await client.errorCode(UPDATE_KEY, { id: createProject.keys[0]!.id, input: { label: '  ' } })).toBe('BAD_USER_INPUT');
  });

  // A rate limit needs both count and window; only an explicit zero count clears it.
  it('refuses a window without a count instead of silently removing the limit', async () => {
    const { client, org } = await ownerOfNewOrganization();
    const { createProject } = await client.data<{ createProject: ProjectData }>(CREATE, { org, input: { name: unique('window') } });
    const keyId = createProject.keys[0]!.id;
    await client.data(UPDATE_KEY, { id: keyId, input: { rateLimitCount: 5, rateLimitWindow: 60 } });
    const result = await client.request<{ updateProjectKey: Key }>(UPDATE_KEY, { id: keyId, input: { rateLimitWindow: 0 } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('organization.projects pagination', () => {
  it('walks all projects in slug order with pageInfo and totalCount on every page', async () => {
    const owner = await buildUser(server.app);
    const organization = await buildOrganization(server.app, owner);
    const client = server.client({ token: await tokenFor(server.app, owner) });
    const slugs: string[] = [];
    for (let i = 0; i < 7; i++) slugs.push((await buildProject(server.app, organization, owner)).slug);
    // Another organization's projects never show up.
    await buildTenant(server.app);

    type Page = {
      totalCount: number;
      edges: { cursor: string; node: { slug: string } }[];
      nodes: { slug: string }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    };
    const seen: string[] = [];
    const pages: Page[] = [];
    let after: string | null = null;
    do {
      const result: { organization: { projects: Page } } = await client.data(PAGE, { org: organization.slug, first: 3, after });
      const page: Page = result.organization.projects;
      pages.push(page);
      expect(page.totalCount).toBe(7);
      expect(page.nodes).toEqual(page.edges.map((e) => e.node));
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...page.nodes.map((n) => n.slug));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && pages.length < 10);

    expect(pages.map((p) => p.nodes.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
    expect(seen).toEqual([...slugs].sort());
  });

  it('is stable when projects are added between pages', async () => {
    const owner = await buildUser(server.app);
    const organization = await buildOrganization(server.app, owner);
    const client = server.client({ token: await tokenFor(server.app, owner) });
    for (const slug of ['b-proj', 'd-proj', 'f-proj']) {
      await client.data(CREATE, { org: organization.slug, input: { name: slug, slug } });
    }
    type Page = { organization: { projects: { nodes: { slug: string }[]; pageInfo: { endCursor: string } } } };
    const first = await client.data<Page>(PAGE, { org: organization.slug, first: 2 });
    expect(first.organization.projects.nodes.map((n) => n.slug)).toEqual(['b-proj', 'd-proj']);
    await client.data(CREATE, { org: organization.slug, input: { name: 'a', slug: 'a-proj' } });
    await client.data(CREATE, { org: organization.slug, input: { name: 'e', slug: 'e-proj' } });
    const second = await client.data<Page>(PAGE, { org: organization.slug, first: 2, after: first.organization.projects.pageInfo.endCursor });
    expect(second.organization.projects.nodes.map((n) => n.slug)).toEqual(['e-proj', 'f-proj']);
  });

  it('an empty organization has an empty first page', async () => {
    const { client, org } = await ownerOfNewOrganization();
    expect(await client.data(PAGE, { org })).toEqual({
      organization: { projects: { totalCount: 0, edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } } },
    });
  });

  it.each([
    ['first: 1000', { first: 1000 }, 'first'],
    ['first: 101', { first: 101 }, 'first'],
    ['first: 0', { first: 0 }, 'first'],
    ['first: -5', { first: -5 }, 'first'],
    ['a cursor that is not base64 JSON', { after: 'not-a-cursor' }, 'after'],
    ['a cursor of the wrong shape', { after: Buffer.from(JSON.stringify({ id: 1 })).toString('base64url') }, 'after'],
    ['a cursor with a non-integer id', { after: Buffer.from(JSON.stringify(['web', 1.5])).toString('base64url') }, 'after'],
  ])('refuses %s with BAD_USER_INPUT', async (_what, args, field) => {
    const { client, org } = await ownerOfNewOrganization();
    const result = await client.request(PAGE, { org, ...args });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  // Both parts of a cursor are checked against the connection's sort type before any SQL runs.
  it.each([
    ['members: a string sort value where the sort column is an integer', 'members', ['web', 1]],
    ['projects: an id beyond the integer range', 'projects', ['web', 1e12]],
  ])('refuses a well-formed cursor with wrong types (%s) with BAD_USER_INPUT', async (_what, connection, cursor) => {
    const { client, org } = await ownerOfNewOrganization();
    const after = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    const result = await client.request(`query($org: String!, $after: String) { organization(slug: $org) { ${connection}(after: $after) { totalCount } } }`, { org, after });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, buildUser, tokenFor } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

describe('organizations', () => {
  it('creates an organization with the caller as owner and lists it on the viewer', async () => {
    const user = await buildUser(server.app);
    const client = server.client({ token: await tokenFor(server.app, user) });
    const { createOrganization } = await client.data<{ createOrganization: { slug: string; viewerRole: string } }>(
      'mutation { createOrganization(input: { name: "Acme Corp" }) { slug viewerRole } }',
    );
    expect(createOrganization).toEqual({ slug: 'acme-corp', viewerRole: 'OWNER' });
    const { viewer } = await client.data<{ viewer: { organizations: { totalCount: number; nodes: { slug: string }[] } } }>(
      '{ viewer { organizations { totalCount nodes { slug } } } }',
    );
    expect(viewer.organizations).toEqual({ totalCount: 1, nodes: [{ slug: 'acme-corp' }] });
  });

  it('refuses a taken slug with CONFLICT and a bad slug with BAD_USER_INPUT', async () => {
    const { organization, token } = await buildTenant(server.app);
    const client = server.client({ token });
    expect(await client.errorCode('mutation($s: String) { createOrganization(input: { name: "x", slug: $s }) { id } }', { s: organization.slug })).toBe('CONFLICT');
    expect(await client.errorCode('mutation { createOrganization(input: { name: "x", slug: "Not A Slug" }) { id } }')).toBe('BAD_USER_INPUT');
  });

  it('renames an organization and its slug', async () => {
    const { organization, token } = await buildTenant(server.app);
    const client = server.client({ token });
    const newSlug = `${organization.slug}-renamed`;
    const { updateOrganization } = await client.data<{ updateOrganization: { slug: string; name: string } }>(
      'mutation($slug: String!, $newSlug: String) { updateOrganization(slug: $slug, input: { name: "Renamed", slug: $newSlug }) { slug name } }',
      { slug: organization.slug, newSlug },
    );
    expect(updateOrganization).toEqual({ slug: newSlug, name: 'Renamed' });
    expect(await client.errorCode('query($s: String!) { organization(slug: $s) { id } }', { s: organization.slug })).toBe('NOT_FOUND');
  });

  it('deletes an organization in the background; it is gone at once for readers', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const client = server.client({ token });
    await client.data('mutation($s: String!) { deleteOrganization(slug: $s) }', { s: organization.slug });
    expect(await client.errorCode('query($s: String!) { organization(slug: $s) { id } }', { s: organization.slug })).toBe('NOT_FOUND');
    await waitFor(async () => (await server.app.db.query('SELECT 1 FROM organization WHERE id = $1', [organization.id])).length === 0, {
      what: 'the organization row to be deleted by the job',
    });
    expect(await server.app.db.query('SELECT 1 FROM project WHERE id = $1', [project.id])).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../projects/project.entity.js';
import { buildProject, buildTenant } from '../../../test/support/factories.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

const ENVIRONMENTS = 'query($org: String!, $projects: [ID!], $slug: String!) { organization(slug: $org) { environments(projects: $projects) project(slug: $slug) { environments } } }';
type Answer = { organization: { environments: string[]; project: { environments: string[] } } };

let server: TestServer;
afterAll(async () => server?.close());
beforeAll(async () => {
  server = await startTestServer();
});

describe('environments, from stored events', () => {
  it('lists each environment once, per project and for the organization, never another organization\'s', async () => {
    const { app } = server;
    const tenant = await buildTenant(app);
    const other = await buildProject(app, tenant.organization, tenant.owner);
    await buildIssue(app, tenant.project, { events: [{ environment: 'production' }, { environment: 'staging' }, { environment: 'production' }] });
    await buildIssue(app, other, { events: [{ environment: 'qa' }] });
    const elsewhere = await buildTenant(app);
    await buildIssue(app, elsewhere.project, { events: [{ environment: 'secret-env' }] });

    const client = server.client({ token: tenant.token });
    const all = await client.data<Answer>(ENVIRONMENTS, { org: tenant.organization.slug, projects: null, slug: tenant.project.slug });
    expect(all.organization.environments).toEqual(['production', 'qa', 'staging']);
    expect(all.organization.project.environments).toEqual(['production', 'staging']);
    const one = await client.data<Answer>(ENVIRONMENTS, { org: tenant.organization.slug, projects: [String(other.id)], slug: tenant.project.slug });
    expect(one.organization.environments).toEqual(['qa']);
    const foreign = await client.data<Answer>(ENVIRONMENTS, { org: tenant.organization.slug, projects: [String(elsewhere.project.id)], slug: tenant.project.slug });
    expect(foreign.organization.environments).toEqual([]);
  });

  it('gives a project without a platform the platform of its first event, and keeps a chosen one', async () => {
    const { app } = server;
    const tenant = await buildTenant(app);
    const unset = await buildProject(app, tenant.organization, tenant.owner, 'other');
    const python = await buildProject(app, tenant.organization, tenant.owner, 'python');
    await buildIssue(app, unset);
    await buildIssue(app, python);
    const platformOf = async (id: number) => (await app.db.getRepository(Project).findOneByOrFail({ id })).platform;
    expect(await platformOf(unset.id)).toBe('node');
    expect(await platformOf(python.id)).toBe('python');
  });
});

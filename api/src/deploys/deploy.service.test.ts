import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildProject, buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { upsertRelease } from '../releases/release.service.js';
import { createDeploy, listDeploys } from './deploy.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('deploy service', () => {
  it('records deploys, enqueues deploy.notify with each, and lists them newest first', async () => {
    const { owner, organization, project } = await buildTenant(server.app);
    const access = await accessFor(server.app, owner, organization);
    const { release } = await upsertRelease(server.app, access, { version: 'd1', projects: [project.slug] });
    const staging = await createDeploy(server.app, access, release, { environment: 'staging', dateFinished: '2026-11-27T09:00:00Z' });
    const before = Date.now();
    const production = await createDeploy(server.app, access, release, {
      environment: 'production',
      name: 'n1',
      dateStarted: '2026-11-27T09:30:00Z',
      projects: [project.slug],
    });
    expect(production).toMatchObject({ environment: 'production', name: 'n1', url: null, notifiedAt: null });
    expect(production.dateFinished.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const jobs: { data: { deployId: number } }[] = await server.app.db.query("SELECT data FROM pgboss.job WHERE name = 'deploy.notify'");
    expect(jobs.map((j) => j.data.deployId)).toEqual(expect.arrayContaining([staging.id, production.id]));
    expect((await listDeploys(server.app.db, release)).map((d) => d.id)).toEqual([production.id, staging.id]);
    expect((await listDeploys(server.app.db, release, { environment: 'staging' })).map((d) => d.id)).toEqual([staging.id]);
  });

  it('refuses a missing environment, bad dates and projects outside the release', async () => {
    const { owner, organization, project } = await buildTenant(server.app);
    const access = await accessFor(server.app, owner, organization);
    const outside = await buildProject(server.app, organization, owner);
    const { release } = await upsertRelease(server.app, access, { version: 'd2', projects: [project.slug] });
    const deploy = (input: Parameters<typeof createDeploy>[3]) => createDeploy(server.app, access, release, input);
    await expect(deploy({ environment: '' })).rejects.toThrow(/environment is required/);
    await expect(deploy({ environment: 'a/b' })).rejects.toThrow(/environment is required/);
    await expect(deploy({ environment: 'prod', dateFinished: 'soon' })).rejects.toThrow(/not a valid date/);
    await expect(deploy({ environment: 'prod', dateStarted: '2026-11-28T00:00:00Z', dateFinished: '2026-11-27T00:00:00Z' })).rejects.toThrow(/after/);
    await expect(deploy({ environment: 'prod', projects: [outside.slug] })).rejects.toThrow(/not in release d2/);
    expect(await listDeploys(server.app.db, release)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { Repository } from './repository.entity.js';
import {
  connectGithubRepository,
  deleteRepository,
  findOrCreateRemoteRepository,
  findRepositoryByName,
  listRepositories,
  rotateWebhookSecret,
} from './repository.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function ownerAccess() {
  const tenant = await buildTenant(server.app);
  return { ...tenant, access: await accessFor(server.app, tenant.owner, tenant.organization) };
}

describe('repository service', () => {
  it('connects a GitHub repository with a default URL and a secret shown once', async () => {
    const { access, organization } = await ownerAccess();
    const { repository, webhookSecret } = await connectGithubRepository(server.app.db, access, { name: 'Acme/Web.git' });
    expect(repository).toMatchObject({ name: 'Acme/Web', provider: 'integrations:github', url: 'https://github.com/Acme/Web', status: 'active' });
    expect(webhookSecret).toMatch(/^[0-9a-f]{48}$/);
    expect((await findRepositoryByName(server.app.db, organization.id, 'acme/web'))?.id).toBe(repository.id);
    await expect(connectGithubRepository(server.app.db, access, { name: 'ACME/WEB' })).rejects.toThrow(/already connected/);
    await expect(connectGithubRepository(server.app.db, access, { name: 'not a repo' })).rejects.toThrow(/owner\/repo/);
    const custom = await connectGithubRepository(server.app.db, access, { name: 'acme/api', url: 'https://ghe.example.com/acme/api' });
    expect(custom.repository.url).toBe('https://ghe.example.com/acme/api');
  });

  it('rotates the webhook secret and deletes, only within the organization', async () => {
    const { access } = await ownerAccess();
    const other = await ownerAccess();
    const { repository, webhookSecret } = await connectGithubRepository(server.app.db, access, { name: 'acme/rotate' });
    const rotated = await rotateWebhookSecret(server.app.db, access, repository.id);
    expect(rotated).not.toBe(webhookSecret);
    expect((await server.app.db.getRepository(Repository).findOneByOrFail({ id: repository.id })).webhookSecret).toBe(rotated);
    await expect(rotateWebhookSecret(server.app.db, other.access, repository.id)).rejects.toThrow(/Repository not found/);
    await expect(deleteRepository(server.app.db, other.access, repository.id)).rejects.toThrow(/Repository not found/);
    await deleteRepository(server.app.db, access, repository.id);
    expect(await listRepositories(server.app.db, access.organization.id)).toEqual([]);
  });

  it('creates the remote repository of --local commits once, even when asked concurrently', async () => {
    const { organization } = await ownerAccess();
    const created = await Promise.all(
      [1, 2, 3].map(() => server.app.db.transaction((tx) => findOrCreateRemoteRepository(tx, organization.id, 'origin'))),
    );
    expect(new Set(created.map((r) => r.id)).size).toBe(1);
    expect(created[0]).toMatchObject({ name: 'origin', provider: 'git', url: null });
    // Names match case-insensitively, as sentry-cli matches them.
    const upper = await server.app.db.transaction((tx) => findOrCreateRemoteRepository(tx, organization.id, 'ORIGIN'));
    expect(upper.id).toBe(created[0]!.id);
  });
});

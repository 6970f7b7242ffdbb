import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { sha1 } from '../../../api/src/chunks/chunk.service.js';
import { DifAssembly } from '../../../api/src/native/dif-assembly.entity.js';
import { ArtifactBundle } from '../../../api/src/sourcemaps/artifact-bundle.entity.js';
import { StorageUnavailableError, type BlobStore } from '../../../api/src/storage/blob-store.js';
import { assembleArtifactBundleJob } from './assemble-artifact-bundle.job.js';
import { assembleDebugFileJob } from './assemble-debug-file.job.js';

// No workers: the test runs the jobs itself, against a store whose origin is down.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const down = (operation: string) => async (key: string) => {
  throw new StorageUnavailableError(operation, key, new Error('connect ECONNREFUSED 127.0.0.1:9'));
};
const outage: BlobStore = { put: down('put'), get: down('get'), has: down('has'), stat: down('stat'), delete: down('delete') };

/** A tenant with one chunk uploaded (claimed by the organization, stored in the real store). */
async function uploadedChunk() {
  const tenant = await buildTenant(server.app);
  const data = randomBytes(1000);
  const form = new FormData();
  form.append('file', new Blob([data]), sha1(data));
  const response = await fetch(`${server.url}/api/0/organizations/${tenant.organization.slug}/chunk-upload/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.token}` },
    body: form,
  });
  expect(response.status).toBe(200);
  return { ...tenant, checksum: sha1(data) };
}

const context = (finalAttempt: boolean) => ({ jobId: 'test', log: server.app.log, finalAttempt });

describe('assembly jobs during a storage outage', () => {
  it('leave a debug file assembling while retries remain, and end it in error with the reason on the last attempt', async () => {
    const { project, checksum } = await uploadedChunk();
    const assemblies = server.app.db.getRepository(DifAssembly);
    const assembly = await assemblies.save(assemblies.create({ projectId: project.id, checksum, name: 'prog.debug', debugId: null, chunks: [checksum], state: 'created', detail: null }));
    const app = { ...server.app, storage: outage };

    await expect(assembleDebugFileJob(app, { assemblyId: assembly.id }, context(false))).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await assemblies.findOneByOrFail({ id: assembly.id })).toMatchObject({ state: 'assembling', detail: null });

    await expect(assembleDebugFileJob(app, { assemblyId: assembly.id }, context(true))).rejects.toBeInstanceOf(StorageUnavailableError);
    const ended = await assemblies.findOneByOrFail({ id: assembly.id });
    expect(ended.state).toBe('error');
    expect(ended.detail).toMatch(/^The file could not be processed \(Artifact storage is unavailable \(get chunks\/.+ECONNREFUSED.+\); upload it again$/);
  });

  it('end an artifact bundle in error on the last attempt, and never undo one that finished', async () => {
    const { organization, project, checksum } = await uploadedChunk();
    const bundles = server.app.db.getRepository(ArtifactBundle);
    const bundle = await bundles.save(bundles.create({ organizationId: organization.id, checksum, chunks: [checksum], projectIds: [project.id], release: null, state: 'created' }));
    const app = { ...server.app, storage: outage };

    await expect(assembleArtifactBundleJob(app, { bundleId: bundle.id }, context(true))).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await bundles.findOneByOrFail({ id: bundle.id })).toMatchObject({ state: 'error', detail: expect.stringMatching(/^The bundle could not be processed \(Artifact storage is unavailable/) });

    const done = await bundles.save(bundles.create({ organizationId: organization.id, checksum: sha1(Buffer.from('other')), chunks: [checksum], projectIds: [project.id], release: null, state: 'ok' }));
    await assembleArtifactBundleJob(app, { bundleId: done.id }, context(true));
    expect((await bundles.findOneByOrFail({ id: done.id })).state).toBe('ok');
  });
});

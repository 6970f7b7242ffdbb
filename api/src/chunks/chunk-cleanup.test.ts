import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { removeUnreferencedChunks } from './chunk-cleanup.js';
import { chunkKey, sha1 } from './chunk.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => {
  await server?.close();
});

async function upload(org: string, token: string, ...chunks: Buffer[]): Promise<void> {
  const form = new FormData();
  for (const data of chunks) form.append('file_gzip', new Blob([gzipSync(data)]), sha1(data));
  const response = await fetch(`${server.url}/api/0/organizations/${org}/chunk-upload/`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(response.status, await response.text()).toBe(200);
}

const claims = async (organizationId: number): Promise<string[]> =>
  ((await server.app.db.query('SELECT checksum FROM file_chunk WHERE organization_id = $1 ORDER BY checksum', [organizationId])) as { checksum: string }[]).map((r) => r.checksum);

it('removes chunks older than a day that no bundle, debug file assembly or debug file uses, on the queue, idempotently', async () => {
  const one = await buildTenant(server.app);
  const two = await buildTenant(server.app);
  const [orphan, bundled, debugFile, fresh, shared, assembling] = Array.from({ length: 6 }, () => randomBytes(2000));
  await upload(one.organization.slug, one.token, orphan!, bundled!, debugFile!, fresh!, shared!, assembling!);
  await upload(two.organization.slug, two.token, shared!);

  // A bundle announced with one chunk, a debug file stored from another (a single-chunk file is named by its chunk).
  const assemble = await fetch(`${server.url}/api/0/organizations/${one.organization.slug}/artifactbundle/assemble/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${one.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ checksum: sha1(bundled!), chunks: [sha1(bundled!)], projects: [one.project.slug] }),
  });
  expect(assemble.status, await assemble.text()).toBe(200);
  await server.app.db.query(
    `INSERT INTO debug_file (project_id, debug_id, arch, kind, features, object_name, size, checksum, storage_key, symcache_key)
     VALUES ($1, $2, 'x86_64', 'elf', '{}', 'app', 2000, $3, 'k', 'k')`,
    [one.project.id, '0a1b2c3d-0000-0000-0000-000000000000', sha1(debugFile!)],
  );
  // A debug file assembly still waiting for the rest of its chunks.
  await server.app.db.query(`INSERT INTO dif_assembly (project_id, checksum, name, chunks, state) VALUES ($1, $2, 'app.debug', $3, 'created')`, [
    one.project.id,
    sha1(Buffer.from('whole file')),
    [sha1(assembling!), sha1(Buffer.from('not yet uploaded'))],
  ]);
  // Organization one's chunks are two days old, organization two's copy of `shared` is new; `fresh` stays new too.
  await server.app.db.query(`UPDATE file_chunk SET date_created = now() - interval '2 days' WHERE organization_id = $1 AND checksum <> $2`, [one.organization.id, sha1(fresh!)]);

  await server.app.queue.add('chunks.cleanup', {});
  await waitFor(async () => !(await claims(one.organization.id)).includes(sha1(orphan!)), { timeoutMs: 20_000, what: 'the cleanup job' });

  expect(await claims(one.organization.id)).toEqual([sha1(bundled!), sha1(debugFile!), sha1(fresh!), sha1(assembling!)].sort());
  expect(await claims(two.organization.id)).toEqual([sha1(shared!)]);
  expect(await server.app.storage.get(chunkKey(sha1(orphan!)))).toBeNull();
  // Organization two still claims these bytes.
  expect((await server.app.storage.get(chunkKey(sha1(shared!))))?.equals(shared!)).toBe(true);
  for (const kept of [bundled!, debugFile!, fresh!, assembling!]) expect((await server.app.storage.get(chunkKey(sha1(kept))))?.equals(kept)).toBe(true);

  // Again: nothing left to do.
  expect(await removeUnreferencedChunks(server.app)).toEqual({ claims: 0, blobs: 0 });
  // Once nobody claims the shared bytes (two's copy ages too), they go.
  await server.app.db.query(`UPDATE file_chunk SET date_created = now() - interval '2 days' WHERE organization_id = $1`, [two.organization.id]);
  expect(await removeUnreferencedChunks(server.app)).toEqual({ claims: 1, blobs: 1 });
  expect(await server.app.storage.get(chunkKey(sha1(shared!)))).toBeNull();
});

import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { CHUNK_LIMITS } from './chunk-limits.js';
import { assembleFile, chunkKey, MissingChunksError, missingChunks, sha1 } from './chunk.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

function chunkForm(parts: { name: string; data: Buffer; field?: string }[]): FormData {
  const form = new FormData();
  for (const part of parts) form.append(part.field ?? 'file_gzip', new Blob([part.field === 'file' ? part.data : gzipSync(part.data)]), part.name);
  return form;
}

async function postChunks(org: string, token: string, form: FormData): Promise<Response> {
  return fetch(`${server.url}/api/0/organizations/${org}/chunk-upload/`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

describe('chunk-upload protocol', () => {
  it('announces what sentry-cli 3.8 needs', async () => {
    const { organization, token } = await buildTenant(server.app);
    const response = await fetch(`${server.url}/api/0/organizations/${organization.slug}/chunk-upload/`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const options = (await response.json()) as { accept: string[] };
    expect(options).toMatchObject({
      url: `${server.url}/api/0/organizations/${organization.slug}/chunk-upload/`,
      chunkSize: CHUNK_LIMITS.chunkSize,
      chunksPerRequest: 64,
      maxRequestSize: CHUNK_LIMITS.maxRequestSize,
      concurrency: 8,
      hashAlgorithm: 'sha1',
      compression: ['gzip'],
    });
    expect(options.accept).toEqual(expect.arrayContaining(['artifact_bundles', 'debug_files', 'release_files', 'sources', 'pdbs', 'proguard']));
  });

  it('stores gzip and raw chunks by SHA-1, once, and assembles files from them', async () => {
    const { organization, token } = await buildTenant(server.app);
    const a = randomBytes(3000);
    const b = Buffer.from('second chunk '.repeat(100));
    const response = await postChunks(organization.slug, token, chunkForm([{ name: sha1(a), data: a }, { name: sha1(b), data: b, field: 'file' }]));
    expect(response.status).toBe(200);
    expect(await missingChunks(server.app, organization.id, [sha1(a), sha1(b), sha1(Buffer.from('never'))])).toEqual([sha1(Buffer.from('never'))]);

    // Repeated upload: the stored bytes are not written again.
    const before = await server.app.storage.stat(chunkKey(sha1(a)));
    let puts = 0;
    const put = server.app.storage.put.bind(server.app.storage);
    server.app.storage.put = async (key, data) => {
      puts++;
      await put(key, data);
    };
    try {
      expect((await postChunks(organization.slug, token, chunkForm([{ name: sha1(a), data: a }]))).status).toBe(200);
    } finally {
      server.app.storage.put = put;
    }
    expect(puts).toBe(0);
    expect(await server.app.storage.stat(chunkKey(sha1(a)))).toEqual(before);

    const whole = Buffer.concat([a, b]);
    const file = await assembleFile(server.app, organization.id, sha1(whole), [sha1(a), sha1(b)]);
    expect(file.size).toBe(whole.length);
    expect(file.data.equals(whole)).toBe(true);
    await expect(assembleFile(server.app, organization.id, sha1(a), [sha1(a), sha1(b)])).rejects.toThrow(/do not add up/);
    const absent = sha1(Buffer.from('absent'));
    await expect(assembleFile(server.app, organization.id, sha1(whole), [sha1(a), absent])).rejects.toEqual(new MissingChunksError([absent]));
  });

  it('refuses a chunk whose name is not its SHA-1, storing none of the request', async () => {
    const { organization, token } = await buildTenant(server.app);
    const good = randomBytes(100);
    const bad = randomBytes(100);
    const response = await postChunks(organization.slug, token, chunkForm([{ name: sha1(good), data: good }, { name: sha1(good).replace(/./, 'f'), data: bad }]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/does not match its checksum/);
    expect(await missingChunks(server.app, organization.id, [sha1(good)])).toEqual([sha1(good)]);

    const garbage = new FormData();
    garbage.append('file_gzip', new Blob([Buffer.from('not gzip')]), sha1(Buffer.from('x')));
    const notGzip = await postChunks(organization.slug, token, garbage);
    expect(notGzip.status).toBe(400);
    expect(((await notGzip.json()) as { detail: string }).detail).toMatch(/not valid gzip/);
  });

  it('keeps organizations apart: chunks are claimed per organization, other slugs are not found', async () => {
    const one = await buildTenant(server.app);
    const two = await buildTenant(server.app);
    const data = randomBytes(500);
    expect((await postChunks(one.organization.slug, one.token, chunkForm([{ name: sha1(data), data }]))).status).toBe(200);
    expect(await missingChunks(server.app, two.organization.id, [sha1(data)])).toEqual([sha1(data)]);
    await expect(assembleFile(server.app, two.organization.id, sha1(data), [sha1(data)])).rejects.toBeInstanceOf(MissingChunksError);

    const foreign = await postChunks(one.organization.slug, two.token, chunkForm([{ name: sha1(data), data }]));
    expect(foreign.status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/0/organizations/${one.organization.slug}/chunk-upload/`);
    expect(anonymous.status).toBe(401);
  });
});

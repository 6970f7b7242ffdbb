import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function get(path: string, token: string) {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

describe('REST ids PostgreSQL cannot hold: never a 500', () => {
  it.concurrent('release lists ignore out-of-range project ids and cursors', async () => {
    const { organization, token } = await buildTenant(server.app);
    const releases = `/api/0/organizations/${organization.slug}/releases/`;
    expect(await get(`${releases}?project=99999999999`, token)).toMatchObject({ status: 200 });
    expect(await get(`${releases}?cursor=99999999999`, token)).toMatchObject({ status: 200 });
    expect(await get(`${releases}?cursor=-99999999999`, token)).toMatchObject({ status: 200 });
  });

  it.concurrent('a release version with NUL is 404', async () => {
    const { organization, token } = await buildTenant(server.app);
    expect(await get(`/api/0/organizations/${organization.slug}/releases/a%00b/`, token)).toMatchObject({ status: 404 });
    expect(await get(`/api/0/organizations/${organization.slug}/releases/a%00b/deploys/`, token)).toMatchObject({ status: 404 });
  });

  it.concurrent('attachment ids beyond integer, fractional ids, bad event ids and NUL slugs are 404', async () => {
    const { organization, project, token } = await buildTenant(server.app);
    const base = `/api/0/projects/${organization.slug}`;
    const eventId = 'a'.repeat(32);
    for (const path of [
      `${base}/${project.slug}/events/${eventId}/attachments/99999999999/`,
      `${base}/${project.slug}/events/${eventId}/attachments/1.5/`,
      `${base}/${project.slug}/events/a%00b/attachments/1/`,
      `${base}/a%00b/events/${eventId}/attachments/1/`,
    ]) {
      expect({ path, ...(await get(path, token)) }).toMatchObject({ path, status: 404 });
    }
  });
});

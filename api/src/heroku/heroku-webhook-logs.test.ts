import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant, unique } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { createLogger } from '../logger.js';

// Every line the server logs, at the most verbose level.
const lines: string[] = [];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ log: createLogger('debug', { write: (line: string) => void lines.push(line) }) });
});
afterAll(async () => server?.close());

async function legacyDeployHook() {
  const tenant = await buildTenant(server.app);
  const client = server.client({ token: tenant.token });
  const repo = `acme/${unique('logs')}`;
  await client.data('mutation($org: String!, $name: String!) { connectRepository(organizationSlug: $org, name: $name) { webhookSecret } }', { org: tenant.organization.slug, name: repo });
  const { connectHeroku } = await client.data<{ connectHeroku: { secret: string; deployHookUrl: string } }>(
    'mutation($id: ID!, $repo: String!) { connectHeroku(projectId: $id, repository: $repo) { secret deployHookUrl } }',
    { id: String(tenant.project.id), repo },
  );
  return connectHeroku;
}

const form = (head: string) => new URLSearchParams({ app: 'acme-web', user: 'dev@example.com', head_long: head, prev_head: 'a'.repeat(40) });

describe('the legacy Heroku deploy hook secret (in its URL) never reaches a log', () => {
  it('not when the deploy fails inside (the internal-error log names the URL)', async () => {
    const { secret, deployHookUrl } = await legacyDeployHook();
    // A real failure in the database while recording the deploy.
    await server.app.db.query(`CREATE OR REPLACE FUNCTION fail_deploy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`);
    await server.app.db.query('CREATE TRIGGER fail_deploy BEFORE INSERT ON deploy FOR EACH ROW EXECUTE FUNCTION fail_deploy()');
    try {
      const response = await fetch(deployHookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form('b'.repeat(40)) });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ detail: 'Internal error' });
    } finally {
      await server.app.db.query('DROP TRIGGER fail_deploy ON deploy');
    }
    const logged = lines.find((line) => line.includes('http.internal-error'));
    expect(logged).toBeDefined();
    expect(logged).toContain('/deploy-hook/?secret=[redacted]');
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('not when it succeeds or is refused', async () => {
    const { secret, deployHookUrl } = await legacyDeployHook();
    expect((await fetch(deployHookUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form('c'.repeat(40)) })).status).toBe(202);
    expect((await fetch(deployHookUrl.replace(/secret=[^&]+/, `secret=${secret}x`), { method: 'POST', body: form('d'.repeat(40)) })).status).toBe(401);
    expect(lines.join('\n')).not.toContain(secret);
  });
});

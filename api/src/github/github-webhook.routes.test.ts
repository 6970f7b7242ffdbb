import { createRequire } from 'node:module';
import { Webhooks } from '@octokit/webhooks';
import type { WebhookDefinition } from '@octokit/webhooks-examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';

// Real payloads GitHub sent, from the @octokit/webhooks-examples package; signed here, in the test.
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
const push = (examples.find((e) => e.name === 'push') as WebhookDefinition<'push'>).examples.find((e) => e.commits.length > 0)!;
const ping = examples.find((e) => e.name === 'ping')!.examples[0]!;
const issues = examples.find((e) => e.name === 'issues')!.examples[0]!;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

async function connectedRepository() {
  const tenant = await buildTenant(server.app);
  const client = server.client({ token: tenant.token });
  const { connectRepository } = await client.data<{ connectRepository: { webhookSecret: string; repository: { id: string; webhookUrl: string } } }>(
    'mutation($org: String!) { connectRepository(organizationSlug: $org, name: "Codertocat/Hello-World") { webhookSecret repository { id webhookUrl } } }',
    { org: tenant.organization.slug },
  );
  return { ...tenant, client, secret: connectRepository.webhookSecret, url: connectRepository.repository.webhookUrl, repositoryId: Number(connectRepository.repository.id) };
}

async function deliver(url: string, event: string, payload: unknown, signWith: string | null, deliveryId: string = crypto.randomUUID()) {
  const body = JSON.stringify(payload);
  const signature = signWith ? await new Webhooks({ secret: signWith }).sign(body) : undefined;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': deliveryId, ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });
}

async function commitsOf(repositoryId: number) {
  return server.app.db.query(
    `SELECT c.key, c.author_email, c.parent_key, array_agg(f.type || ' ' || f.filename ORDER BY f.filename) FILTER (WHERE f.id IS NOT NULL) AS files
       FROM commit c LEFT JOIN commit_file_change f ON f.commit_id = c.id WHERE c.repository_id = $1 GROUP BY c.id ORDER BY c.id`,
    [repositoryId],
  ) as Promise<{ key: string; author_email: string; parent_key: string | null; files: string[] | null }[]>;
}

describe('GitHub push webhooks', () => {
  it('shows the webhook URL and secret once, and records pushed commits with their files', async () => {
    const { url, secret, repositoryId } = await connectedRepository();
    expect(url).toBe(`${server.url}/hooks/github/${repositoryId}/`);
    const response = await deliver(url, 'push', push, secret);
    expect(response.status).toBe(202);
    const commits = await commitsOf(repositoryId);
    expect(commits.map((c) => c.key)).toEqual(push.commits.map((c) => c.id));
    const first = push.commits[0]!;
    expect(commits[0]!.author_email).toBe(first.author.email?.toLowerCase());
    expect(commits[0]!.files ?? []).toHaveLength(first.added.length + first.modified.length + first.removed.length);
    // A redelivery changes nothing.
    expect((await deliver(url, 'push', push, secret)).status).toBe(202);
    expect(await commitsOf(repositoryId)).toHaveLength(push.commits.length);
  });

  it('answers 401 and stores nothing for a bad or missing signature, or an unknown repository', async () => {
    const { url, repositoryId } = await connectedRepository();
    expect((await deliver(url, 'push', push, 'not-the-secret')).status).toBe(401);
    expect((await deliver(url, 'push', push, null)).status).toBe(401);
    expect((await deliver(`${server.url}/hooks/github/999999/`, 'push', push, 'x')).status).toBe(401);
    expect(await commitsOf(repositoryId)).toEqual([]);
  });

  it('answers ping, and 204 to events it does not use', async () => {
    const { url, secret } = await connectedRepository();
    const pong = await deliver(url, 'ping', ping, secret);
    expect(pong.status).toBe(200);
    expect(await pong.json()).toMatchObject({ ok: true });
    expect((await deliver(url, 'issues', issues, secret)).status).toBe(204);
  });

  it('never exposes the secret again, and a rotated secret replaces the old one', async () => {
    const { client, organization, url, secret, repositoryId } = await connectedRepository();
    const listed = await client.data<{ organization: { repositories: Record<string, unknown>[] } }>(
      'query($org: String!) { organization(slug: $org) { repositories { id name provider url webhookUrl } } }',
      { org: organization.slug },
    );
    expect(JSON.stringify(listed)).not.toContain(secret);
    const { rotateRepositoryWebhookSecret } = await client.data<{ rotateRepositoryWebhookSecret: { webhookSecret: string } }>(
      'mutation($org: String!, $id: ID!) { rotateRepositoryWebhookSecret(organizationSlug: $org, id: $id) { webhookSecret } }',
      { org: organization.slug, id: String(repositoryId) },
    );
    expect((await deliver(url, 'ping', ping, secret)).status).toBe(401);
    expect((await deliver(url, 'ping', ping, rotateRepositoryWebhookSecret.webhookSecret)).status).toBe(200);
  });

  it('a replayed X-GitHub-Delivery is answered 200 with a note and processed once', async () => {
    const { url, secret, repositoryId } = await connectedRepository();
    const deliveryId = crypto.randomUUID();
    const first = await deliver(url, 'push', push, secret, deliveryId);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ commits: push.commits.length });
    const replay = await deliver(url, 'push', push, secret, deliveryId);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true, detail: `Delivery ${deliveryId} was already received; nothing was done again` });
    expect(await commitsOf(repositoryId)).toHaveLength(push.commits.length);
    // A replay with a bad signature is still refused first.
    expect((await deliver(url, 'push', push, 'not-the-secret', deliveryId)).status).toBe(401);
    // The same delivery id for another repository is that repository's own delivery.
    const other = await connectedRepository();
    expect((await deliver(other.url, 'ping', ping, other.secret, deliveryId)).status).toBe(200);
    expect(await (await deliver(other.url, 'ping', ping, other.secret, deliveryId)).json()).toMatchObject({ duplicate: true });
  });

  it('a delivery that was refused (bad payload) is not remembered, so its retry is processed', async () => {
    const { url, secret } = await connectedRepository();
    const deliveryId = crypto.randomUUID();
    const body = '{"not json';
    const send = async (text: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': deliveryId, 'x-hub-signature-256': await new Webhooks({ secret }).sign(text) },
        body: text,
      });
    expect((await send(body)).status).toBe(400);
    expect(await (await send(JSON.stringify(ping))).json()).toMatchObject({ ok: true });
  });
});

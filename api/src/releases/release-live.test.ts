import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import type { GraphQLResponse, GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import type { Topic } from '../../../schema/src/topics.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const RELEASES = 'subscription($org: String!) { releaseChanged(organizationSlug: $org) { kind version release { version dateReleased } } }';
const DEPLOYS = 'subscription($org: String!) { deployCreated(organizationSlug: $org) { environment name release { version } } }';

type ReleaseChanged = { releaseChanged: { kind: string; version: string; release: { version: string; dateReleased: string | null } | null } };

async function subscribe<T>(client: GraphQLTestClient, document: string, variables: Record<string, unknown>, topic: Topic) {
  const before = server.app.pubsub.subscriberCount(topic);
  const subscription = client.subscribe<T>(document, variables);
  await waitFor(() => server.app.pubsub.subscriberCount(topic) === before + 1, { what: 'the subscription to be live' });
  return subscription;
}

/** sentry-cli's calls: `releases new`, `releases finalize`, `deploys new`, `releases delete`. */
function sentryApi(token: string, org: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/0/organizations/${org}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  };
  return {
    create: (version: string, project: string) => call('POST', '/releases/', { version, projects: [project] }),
    finalize: (version: string) => call('PUT', `/releases/${encodeURIComponent(version)}/`, { dateReleased: new Date().toISOString() }),
    deploy: (version: string, environment: string) => call('POST', `/releases/${encodeURIComponent(version)}/deploys/`, { environment, name: 'deploy-1' }),
    remove: (version: string) => call('DELETE', `/releases/${encodeURIComponent(version)}/`),
  };
}

describe('live releases and deploys', () => {
  it('releaseChanged follows a release from sentry-cli and from the first event naming it; other organizations hear nothing', async () => {
    const tenant = await buildTenant(server.app);
    const other = await buildTenant(server.app);
    const org = tenant.organization.slug;
    const mine = await subscribe<ReleaseChanged>(server.client({ token: tenant.token }), RELEASES, { org }, 'releaseChanged');
    const theirs = await subscribe<ReleaseChanged>(server.client({ token: other.token }), RELEASES, { org: other.organization.slug }, 'releaseChanged');
    try {
      const cli = sentryApi(tenant.token, org);
      await cli.create('web@1.0.0', tenant.project.slug);
      expect(await mine.next()).toEqual({ data: { releaseChanged: { kind: 'CREATED', version: 'web@1.0.0', release: { version: 'web@1.0.0', dateReleased: null } } } });
      await cli.finalize('web@1.0.0');
      const finalized = (await mine.next()).data?.releaseChanged;
      expect(finalized).toMatchObject({ kind: 'UPDATED', version: 'web@1.0.0' });
      expect(finalized?.release?.dateReleased).not.toBeNull();

      await buildIssue(server.app, tenant.project, { events: [{ release: 'web@1.1.0' }] });
      expect((await mine.next()).data?.releaseChanged).toMatchObject({ kind: 'CREATED', version: 'web@1.1.0' });

      await cli.create('unused@1', tenant.project.slug);
      expect((await mine.next()).data?.releaseChanged.kind).toBe('CREATED');
      await cli.remove('unused@1');
      expect(await mine.next()).toEqual({ data: { releaseChanged: { kind: 'DELETED', version: 'unused@1', release: null } } });
      expect(theirs.received).toEqual([]);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('deployCreated brings each deploy with its release', async () => {
    const tenant = await buildTenant(server.app);
    const org = tenant.organization.slug;
    const cli = sentryApi(tenant.token, org);
    await cli.create('api@2.0.0', tenant.project.slug);
    const deploys = await subscribe<{ deployCreated: unknown }>(server.client({ token: tenant.token }), DEPLOYS, { org }, 'deployCreated');
    try {
      await cli.deploy('api@2.0.0', 'production');
      expect(await deploys.next()).toEqual({ data: { deployCreated: { environment: 'production', name: 'deploy-1', release: { version: 'api@2.0.0' } } } });
    } finally {
      await deploys.close();
    }
  });

  it('an outsider cannot subscribe to another organization', async () => {
    const tenant = await buildTenant(server.app);
    const outsider = server.client({ token: (await buildTenant(server.app)).token });
    for (const document of [RELEASES, DEPLOYS]) {
      const subscription = outsider.subscribe(document, { org: tenant.organization.slug });
      const first: GraphQLResponse = await subscription.next();
      expect(first.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await subscription.close();
    }
  });
});

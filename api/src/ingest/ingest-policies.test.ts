import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { eventCount, outcomeTotal, publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { dsnOf, runSdkApp } from '../../../test/support/sdk.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { updateProjectKey } from '../projects/project-key.service.js';
import { ProjectKey } from '../projects/project-key.entity.js';
import { Project } from '../projects/project.entity.js';
import type { InboundFilterSettings } from '../projects/project-options.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

const KEY_CACHE_MS = 2100;
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const browserEvent = (overrides: Record<string, unknown> = {}) => ({
  level: 'error',
  request: { url: 'https://shop.example/cart', headers: { 'User-Agent': CHROME } },
  exception: { values: [{ type: 'TypeError', value: 'x is undefined', stacktrace: { frames: [{ abs_path: 'https://shop.example/app.js', function: 'add', lineno: 1, in_app: true }] } }] },
  ...overrides,
});

describe('inbound filters drop matching events before storage and count them', () => {
  const cases: [keyof InboundFilterSettings, unknown, Record<string, unknown>, string][] = [
    ['legacyBrowsers', true, { request: { url: 'https://shop.example/', headers: { 'User-Agent': IE11 } } }, 'legacy-browsers'],
    [
      'browserExtensions',
      true,
      { exception: { values: [{ type: 'Error', value: 'boom', stacktrace: { frames: [{ abs_path: 'chrome-extension://abcdef/content.js', function: 'inject' }] } }] } },
      'browser-extensions',
    ],
    ['webCrawlers', true, { request: { url: 'https://shop.example/', headers: { 'User-Agent': GOOGLEBOT } } }, 'web-crawlers'],
    ['localhost', true, { request: { url: 'http://localhost:3000/cart', headers: { 'User-Agent': CHROME } } }, 'localhost'],
    ['errorMessages', ['*ResizeObserver loop*'], { exception: { values: [{ type: 'Error', value: 'ResizeObserver loop limit exceeded' }] } }, 'error-message'],
    ['releases', ['beta-*'], { release: 'beta-7' }, 'release-version'],
  ];

  it.concurrent.each(cases)('%s', async (setting, value, matching, reason) => {
    const { project } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    await server.app.db.getRepository(Project).update(project.id, { inboundFilters: { [setting]: value } });
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS));

    expect((await postEnvelope(server.url, project.id, key, eventEnvelope(browserEvent(matching)))).status).toBe(200);
    expect((await postEnvelope(server.url, project.id, key, eventEnvelope(browserEvent()))).status).toBe(200);
    await waitForEvents(server.app, project.id, 1);
    await waitFor(async () => (await outcomeTotal(server.app, project.id, 'filtered', reason)) === 1, { what: `a ${reason} outcome` });
    expect(await eventCount(server.app, project.id)).toBe(1);
  });
});

describe('rate limits', () => {
  it('answers 429 with Sentry rate-limit headers, and the real SDK stops sending', async () => {
    const { project } = await buildTenant(server.app);
    const key = await server.app.db.getRepository(ProjectKey).findOneByOrFail({ projectId: project.id });
    await updateProjectKey(server.app.db, key, { rateLimitCount: 5, rateLimitWindow: 60 });
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS));

    const run = await runSdkApp(await dsnOf(server.app, project, server.url), 'burst', { args: ['20'] });
    expect(run.code).toBe(0);
    await waitForEvents(server.app, project.id, 5);
    // The SDK reports what it dropped itself because of our limit (client report → outcomes).
    // It reports on every flush, so the last reports may still be in the edge's one-second outcome buffer.
    const counts = async () => ({
      refused: await outcomeTotal(server.app, project.id, 'rate_limited', 'key_quota'),
      heldBack: await outcomeTotal(server.app, project.id, 'client_discard', 'ratelimit_backoff'),
    });
    await waitFor(async () => ((c) => c.heldBack > 0 && c.refused + c.heldBack >= 15)(await counts()), {
      what: 'the SDK to report events it held back',
    });
    const { refused, heldBack } = await counts();
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(refused + heldBack).toBe(15);
    expect(await eventCount(server.app, project.id)).toBe(5);

    const response = await postEnvelope(server.url, project.id, key.publicKey, eventEnvelope({ message: 'one more' }));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('x-sentry-rate-limits')).toMatch(/^\d+:error;default;attachment:key:key_quota$/);
  });

  it('applies the project-wide quota across keys', async () => {
    const { project } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    await server.app.db.getRepository(Project).update(project.id, { rateLimitCount: 2, rateLimitWindow: 3600 });
    await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await postEnvelope(server.url, project.id, key, eventEnvelope({ message: `m${i}` }))).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildTenant, tokenFor } from '../../../test/support/factories.js';
import type { GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { MemberRole } from '../auth/scopes.js';
import { DEFAULT_INBOUND_FILTERS, DEFAULT_SCRUB_OPTIONS } from './project-options.js';

let server: TestServer;
beforeAll(async () => {
  // Workers on, so accepted events really become stored events (and filtered ones do not).
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

const SETTINGS_SELECTION = `settings {
  scrubbing { enabled scrubDefaults sensitiveFields safeFields scrubIpAddresses }
  inboundFilters { legacyBrowsers browserExtensions webCrawlers localhost errorMessages releases }
  rateLimit { count window } }`;
const READ = `query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { ${SETTINGS_SELECTION} } } }`;
const SCRUBBING = `mutation($id: ID!, $input: DataScrubbingInput!) { updateProjectDataScrubbing(projectId: $id, input: $input) { id ${SETTINGS_SELECTION} } }`;
const FILTERS = `mutation($id: ID!, $input: InboundFiltersInput!) { updateProjectInboundFilters(projectId: $id, input: $input) { id ${SETTINGS_SELECTION} } }`;
const RATE_LIMIT = `mutation($id: ID!, $count: Int, $window: Int) { updateProjectRateLimit(projectId: $id, count: $count, window: $window) { id ${SETTINGS_SELECTION} } }`;
const OUTCOMES = 'query($org: String!, $slug: String!) { organization(slug: $org) { project(slug: $slug) { outcomes(groupBy: [OUTCOME, REASON]) { outcome reason quantity } } } }';

interface Settings {
  scrubbing: typeof DEFAULT_SCRUB_OPTIONS;
  inboundFilters: typeof DEFAULT_INBOUND_FILTERS;
  rateLimit: { count: number; window: number } | null;
}
type Tenant = Awaited<ReturnType<typeof buildTenant>> & { client: GraphQLTestClient };

async function tenant(): Promise<Tenant> {
  const built = await buildTenant(server.app);
  return { ...built, client: server.client({ token: built.token }) };
}

async function read(t: Tenant, client = t.client): Promise<Settings> {
  const data = await client.data<{ organization: { project: { settings: Settings } } }>(READ, { org: t.organization.slug, slug: t.project.slug });
  return data.organization.project.settings;
}

interface StoredSettings { scrubbing: unknown; inbound_filters: unknown; rate_limit_count: number | null; rate_limit_window: number | null }
async function stored(projectId: number): Promise<StoredSettings | undefined> {
  const [row]: StoredSettings[] = await server.app.db.query('SELECT scrubbing, inbound_filters, rate_limit_count, rate_limit_window FROM project WHERE id = $1', [projectId]);
  return row;
}

describe('project settings', () => {
  it('a new project has the defaults and no quota', async () => {
    const t = await tenant();
    expect(await read(t)).toEqual({ scrubbing: DEFAULT_SCRUB_OPTIONS, inboundFilters: DEFAULT_INBOUND_FILTERS, rateLimit: null });
  });

  it('updates data scrubbing field by field and stores the whole object', async () => {
    const t = await tenant();
    const first = await t.client.data<{ updateProjectDataScrubbing: { settings: Settings } }>(SCRUBBING, {
      id: String(t.project.id),
      input: { sensitiveFields: [' card_cvv ', 'card_cvv', 'ssn'], scrubIpAddresses: true },
    });
    const expected = { ...DEFAULT_SCRUB_OPTIONS, sensitiveFields: ['card_cvv', 'ssn'], scrubIpAddresses: true };
    expect(first.updateProjectDataScrubbing.settings.scrubbing).toEqual(expected);
    // A later partial update leaves what it does not name alone; null means "keep".
    await t.client.data(SCRUBBING, { id: String(t.project.id), input: { safeFields: ['order_id'], enabled: null } });
    const after = { ...expected, safeFields: ['order_id'] };
    expect((await read(t)).scrubbing).toEqual(after);
    expect((await stored(t.project.id))?.scrubbing).toEqual(after);
    await t.client.data(SCRUBBING, { id: String(t.project.id), input: { enabled: false, sensitiveFields: [] } });
    expect((await read(t)).scrubbing).toEqual({ ...after, enabled: false, sensitiveFields: [] });
  });

  it('updates inbound filters field by field and stores the whole object', async () => {
    const t = await tenant();
    await t.client.data(FILTERS, { id: String(t.project.id), input: { legacyBrowsers: true, errorMessages: ['*ResizeObserver loop*'] } });
    await t.client.data(FILTERS, { id: String(t.project.id), input: { releases: ['*-beta', 'old-?.*'], localhost: true } });
    const expected = { ...DEFAULT_INBOUND_FILTERS, legacyBrowsers: true, localhost: true, errorMessages: ['*ResizeObserver loop*'], releases: ['*-beta', 'old-?.*'] };
    expect((await read(t)).inboundFilters).toEqual(expected);
    expect((await stored(t.project.id))?.inbound_filters).toEqual(expected);
    // Settings stored before a filter existed still read with that filter's default.
    await server.app.db.query(`UPDATE project SET inbound_filters = '{"localhost": true}' WHERE id = $1`, [t.project.id]);
    expect((await read(t)).inboundFilters).toEqual({ ...DEFAULT_INBOUND_FILTERS, localhost: true });
  });

  it('sets, changes and clears the project-wide rate limit', async () => {
    const t = await tenant();
    const set = await t.client.data<{ updateProjectRateLimit: { settings: Settings } }>(RATE_LIMIT, { id: String(t.project.id), count: 500, window: 60 });
    expect(set.updateProjectRateLimit.settings.rateLimit).toEqual({ count: 500, window: 60 });
    await t.client.data(RATE_LIMIT, { id: String(t.project.id), count: 10, window: 86_400 });
    expect((await read(t)).rateLimit).toEqual({ count: 10, window: 86_400 });
    expect(await stored(t.project.id)).toMatchObject({ rate_limit_count: 10, rate_limit_window: 86_400 });
    await t.client.data(RATE_LIMIT, { id: String(t.project.id), count: 0, window: 60 });
    expect((await read(t)).rateLimit).toBeNull();
    await t.client.data(RATE_LIMIT, { id: String(t.project.id), count: 5, window: 1 });
    await t.client.data(RATE_LIMIT, { id: String(t.project.id), count: null });
    expect(await stored(t.project.id)).toMatchObject({ rate_limit_count: null, rate_limit_window: null });
  });

  it('accepts 100 patterns of 200 characters', async () => {
    const t = await tenant();
    const patterns = Array.from({ length: 100 }, (_, i) => `${i}`.padEnd(200, '*'));
    await t.client.data(FILTERS, { id: String(t.project.id), input: { errorMessages: patterns } });
    expect((await read(t)).inboundFilters.errorMessages).toEqual(patterns);
  });

  const long = 'x'.repeat(201);
  const many = Array.from({ length: 101 }, (_, i) => `p${i}`);
  it.each([
    ['an empty glob', FILTERS, { input: { errorMessages: ['ok', '  '] } }, 'errorMessages'],
    ['a glob of 201 characters', FILTERS, { input: { releases: [long] } }, 'releases'],
    ['101 globs', FILTERS, { input: { releases: many } }, 'releases'],
    ['an empty field name', SCRUBBING, { input: { sensitiveFields: [''] } }, 'sensitiveFields'],
    ['a field name of 201 characters', SCRUBBING, { input: { safeFields: [long] } }, 'safeFields'],
    ['101 field names', SCRUBBING, { input: { sensitiveFields: many } }, 'sensitiveFields'],
    ['a count without a window', RATE_LIMIT, { count: 10 }, 'window'],
    ['a window of 0 seconds', RATE_LIMIT, { count: 10, window: 0 }, 'window'],
    ['a window over a day', RATE_LIMIT, { count: 10, window: 86_401 }, 'window'],
    ['a negative count', RATE_LIMIT, { count: -1, window: 60 }, 'count'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_what, document, variables, field) => {
    const t = await tenant();
    const result = await t.client.request(document, { id: String(t.project.id), ...variables });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await stored(t.project.id)).toEqual({ scrubbing: null, inbound_filters: null, rate_limit_count: null, rate_limit_window: null });
  });

  it('a READONLY member can read the settings but not change them', async () => {
    const t = await tenant();
    await t.client.data(FILTERS, { id: String(t.project.id), input: { webCrawlers: true } });
    const { user } = await buildMember(server.app, t.organization, t.owner, MemberRole.READONLY);
    const readonly = server.client({ token: await tokenFor(server.app, user) });
    expect((await read(t, readonly)).inboundFilters.webCrawlers).toBe(true);
    const id = String(t.project.id);
    expect(await readonly.errorCode(SCRUBBING, { id, input: { enabled: false } })).toBe('FORBIDDEN');
    expect(await readonly.errorCode(FILTERS, { id, input: { webCrawlers: false } })).toBe('FORBIDDEN');
    expect(await readonly.errorCode(RATE_LIMIT, { id, count: 1, window: 1 })).toBe('FORBIDDEN');
    expect(await read(t)).toMatchObject({ scrubbing: DEFAULT_SCRUB_OPTIONS, inboundFilters: { webCrawlers: true }, rateLimit: null });
  });

  it("another organization's project is NOT_FOUND, like one that does not exist", async () => {
    const a = await tenant();
    const b = await tenant();
    for (const [document, variables] of [
      [SCRUBBING, { input: { enabled: false } }],
      [FILTERS, { input: { localhost: true } }],
      [RATE_LIMIT, { count: 1, window: 1 }],
    ] as const) {
      const aimedAtA = await b.client.request(document, { id: String(a.project.id), ...variables });
      const aimedAtNothing = await b.client.request(document, { id: '2147483000', ...variables });
      expect(aimedAtA.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(aimedAtA).toEqual(aimedAtNothing);
    }
    expect(await b.client.errorCode(READ, { org: a.organization.slug, slug: a.project.slug })).toBe('NOT_FOUND');
    expect(await stored(a.project.id)).toEqual({ scrubbing: null, inbound_filters: null, rate_limit_count: null, rate_limit_window: null });
  });
});

describe('inbound filters at ingestion', () => {
  const eventId = () => randomBytes(16).toString('hex');
  async function send(t: Tenant, publicKey: string, id: string, release: string): Promise<Response> {
    const event = { event_id: id, platform: 'node', release, exception: { values: [{ type: 'Error', value: 'boom' }] } };
    const body = `${JSON.stringify({ event_id: id })}\n${JSON.stringify({ type: 'event' })}\n${JSON.stringify(event)}\n`;
    return fetch(`${server.url}/api/${t.project.id}/envelope/?sentry_key=${publicKey}`, { method: 'POST', body });
  }
  async function queued(projectId: number): Promise<string[]> {
    const rows: { envelope: Buffer }[] = await server.app.db.query('SELECT envelope FROM ingest_queue WHERE project_id = $1 ORDER BY id', [projectId]);
    return rows.map((row) => row.envelope.toString('utf8'));
  }

  it('a release filter set over GraphQL drops matching events within seconds and counts them as filtered', async () => {
    const t = await tenant();
    const keys: { public_key: string }[] = await server.app.db.query('SELECT public_key FROM project_key WHERE project_id = $1', [t.project.id]);
    const publicKey = keys[0]!.public_key;
    // Before the filter: accepted (and the edge now caches the old settings).
    const before = eventId();
    expect((await send(t, publicKey, before, 'bad-1.0')).status).toBe(200);

    await t.client.data(FILTERS, { id: String(t.project.id), input: { releases: ['bad-*'] } });
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the edge caches settings for 2 s
    const dropped = eventId();
    const kept = eventId();
    expect((await send(t, publicKey, dropped, 'bad-1.0')).status).toBe(200);
    expect((await send(t, publicKey, kept, 'good-2.0')).status).toBe(200);

    type Outcomes = { organization: { project: { outcomes: { outcome: string; reason: string; quantity: number }[] } } };
    const outcomes = await waitFor(async () => {
      const data = await t.client.data<Outcomes>(OUTCOMES, { org: t.organization.slug, slug: t.project.slug });
      const rows = data.organization.project.outcomes;
      return rows.some((row) => row.outcome === 'FILTERED') && rows.some((row) => row.outcome === 'ACCEPTED' && row.quantity === 2) ? rows : null;
    }, { what: 'the outcomes to be written' });
    expect(outcomes).toEqual([
      { outcome: 'ACCEPTED', reason: '', quantity: 2 },
      { outcome: 'FILTERED', reason: 'release-version', quantity: 1 },
    ]);

    const stored = await waitFor(async () => {
      const rows: { event_id: string }[] = await server.app.db.query('SELECT event_id FROM event WHERE project_id = $1', [t.project.id]);
      return rows.length === 2 ? rows.map((row) => row.event_id).sort() : null;
    }, { what: 'the accepted events to be stored' });
    expect(stored).toEqual([before, kept].sort());
    expect((await queued(t.project.id)).some((envelope) => envelope.includes(dropped))).toBe(false);
  });
});

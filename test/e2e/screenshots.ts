import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import type { App } from '../../api/src/server/app.js';
import { Issue } from '../../api/src/issues/issue.entity.js';
import { mergeIssues } from '../../api/src/issues/issue-merge.service.js';
import { addMember } from '../../api/src/organizations/member.service.js';
import type { Organization } from '../../api/src/organizations/organization.entity.js';
import { createOrganization } from '../../api/src/organizations/organization.service.js';
import { ProjectKey } from '../../api/src/projects/project-key.entity.js';
import type { Project } from '../../api/src/projects/project.entity.js';
import { createProject } from '../../api/src/projects/project.service.js';
import { addTeamMember, createTeam } from '../../api/src/teams/team.service.js';
import { User } from '../../api/src/users/user.entity.js';
import { launchBrowser, signIn } from '../support/browser.js';
import { postEnvelope } from '../support/envelopes.js';
import { accessFor, buildUser, TEST_PASSWORD } from '../support/factories.js';
import { waitForEvents } from '../support/ingest.js';
import { buildIssue, triage, type EventSpec } from '../support/issue-factories.js';
import { REPO_ROOT } from '../support/processes.js';
import { buildCommit, buildDeploy, buildProjectRelease, buildRepository } from '../support/release-factories.js';
import { dsnOf, runSdkApp } from '../support/sdk.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Regenerates docs/screenshots/*.png (`npm run screenshots`): a Vigil with workers, seeded with a
 * small but lifelike organization, photographed by the same headless Chromium as the e2e tests.
 */
const OUT = path.join(REPO_ROOT, 'docs/screenshots');
const RELEASE = 'web@2.4.0';
const HOUR = 3_600_000;

let server: TestServer;
let organization: Organization;
let web: Project;

async function person(app: App, name: string, email: string, password = false): Promise<User> {
  const user = await buildUser(app, { password });
  await app.db.getRepository(User).update({ id: user.id }, { name, email });
  return app.db.getRepository(User).findOneByOrFail({ id: user.id });
}

/** `count` events spread over the last `hours` hours, more of them recently. */
function spread(count: number, hours: number, spec: EventSpec): EventSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    ...spec,
    timestamp: new Date(Date.now() - Math.floor(hours * HOUR * Math.pow(i / count, 1.6)) - 60_000),
    user: { id: `user-${i % Math.max(1, Math.floor(count / 3))}` },
  }));
}

async function seed(app: App): Promise<{ email: string }> {
  const owner = await person(app, 'Ada Lovelace', 'ada@acme.example', true);
  organization = await createOrganization(app.db, { user: owner, tokenScopes: null, sessionId: null, tokenId: null }, { name: 'Acme', slug: 'acme' });
  const access = await accessFor(app, owner, organization);
  web = await createProject(app.db, app.pubsub, access, { name: 'web', slug: 'web', platform: 'node' });
  const api = await createProject(app.db, app.pubsub, access, { name: 'api', slug: 'api', platform: 'node' });
  const grace = await person(app, 'Grace Hopper', 'grace@acme.example');
  const linus = await person(app, 'Linus Torvalds', 'linus@acme.example');
  const { MemberRole } = await import('../../api/src/auth/scopes.js');
  const graceMember = await addMember(app.db, access, grace.email, MemberRole.ADMIN);
  await addMember(app.db, access, linus.email, MemberRole.MEMBER);
  const team = await createTeam(app.db, access, { name: 'Backend', slug: 'backend' });
  await addTeamMember(app.db, team, graceMember);

  // A release with commits, files and deploys.
  const repository = await buildRepository(app, organization, 'acme/web');
  const commits = [
    await buildCommit(app, repository, { message: 'Guard checkout totals against empty cart items', authorName: 'Ada Lovelace', authorEmail: 'ada@acme.example', files: ['src/cart.js', 'src/cart.test.js'] }),
    await buildCommit(app, repository, { message: 'Show profile names in the header', authorName: 'Grace Hopper', authorEmail: 'grace@acme.example', files: ['A src/header.js', 'src/profile.js'] }),
    await buildCommit(app, repository, { message: 'Retry payment provider timeouts once', authorName: 'Linus Torvalds', authorEmail: 'linus@acme.example', files: ['src/payments.js'] }),
    await buildCommit(app, repository, { message: 'Remove the legacy coupon endpoint', authorName: 'Ada Lovelace', authorEmail: 'ada@acme.example', files: ['D src/coupons.js', 'src/routes.js'] }),
  ];
  const release = await buildProjectRelease(app, [web], { version: RELEASE, commits });
  await buildDeploy(app, release, 'staging');
  await buildDeploy(app, release, 'production');
  await buildProjectRelease(app, [web, api], { version: 'web@2.3.1', dateCreated: new Date(Date.now() - 3 * 86_400_000) });

  // Issues from the real SDK, in that release, and older ones with a day of history.
  const dsn = await dsnOf(app, web, server.url);
  for (const scenario of ['exceptions', 'message', 'exceptions']) {
    await runSdkApp(dsn, scenario, { env: { SENTRY_RELEASE: RELEASE, SENTRY_ENVIRONMENT: 'production' } });
  }
  await waitForEvents(app, web.id, 12);
  const price = await app.db.getRepository(Issue).createQueryBuilder('i').where('i.project_id = :id', { id: web.id }).andWhere(`i.title LIKE '%''price''%'`).getOneOrFail();
  await triage(app, owner, organization, price, { assignee: { userId: String(linus.id) } });
  await triage(app, grace, organization, price, { isBookmarked: true });
  const history: [Project, number, EventSpec][] = [
    [web, 140, { type: 'RangeError', value: 'Invalid array length', functionName: 'renderInvoice', release: 'web@2.3.1', tags: { browser: 'Chrome 131' } }],
    [web, 64, { type: 'Error', value: 'Payment provider timed out after 30 s', functionName: 'chargeCard', release: 'web@2.3.1', tags: { browser: 'Firefox 133' } }],
    [api, 38, { type: 'ConnectionError', value: 'connect ECONNREFUSED 10.0.0.5:5432', functionName: 'connectDatabase', release: 'web@2.3.1', environment: 'production' }],
    [web, 12, { type: 'SyntaxError', value: 'Unexpected token < in JSON at position 0', functionName: 'parseResponse', release: RELEASE, environment: 'staging' }],
  ];
  const built = [];
  for (const [project, count, spec] of history) built.push(await buildIssue(app, project, { events: spread(count, 20, spec) }));
  // The same timeout grouped apart (another message), merged by hand: the Merged issues tab lists both hashes.
  const apart = await buildIssue(app, web, { events: spread(9, 20, { type: 'Error', value: 'Payment provider timed out after 60 s', functionName: 'chargeCard', release: 'web@2.3.1', tags: { browser: 'Safari 18' } }) });
  await mergeIssues(app.db, app, access, [built[1]!.issue.id, apart.issue.id]);
  await triage(app, owner, organization, built[0]!.issue, { assignee: { userId: String(grace.id) } });
  await triage(app, owner, organization, built[1]!.issue, { assignee: { teamSlug: 'backend' }, isBookmarked: true });

  // Release health from SDK session aggregates.
  const key = await app.db.getRepository(ProjectKey).findOneByOrFail({ projectId: web.id });
  const sessions = `{}\n{"type":"sessions"}\n${JSON.stringify({ attrs: { release: RELEASE, environment: 'production' }, aggregates: [{ started: new Date().toISOString(), exited: 1480, errored: 31, crashed: 6 }] })}\n`;
  await postEnvelope(server.url, web.id, key.publicKey, sessions);
  return { email: owner.email };
}

beforeAll(async () => {
  server = await startTestServer({ workers: true });
}, 120_000);
afterAll(async () => server?.close());

it('photographs the main screens', async () => {
  const { email } = await seed(server.app);
  await fs.mkdir(OUT, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchBrowser({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
    const { page } = browser;
    const shoot = async (name: string, url: string, ready: string, options: { height?: number; width?: number } = {}) => {
      await page.setViewportSize({ width: options.width ?? 1440, height: options.height ?? 900 });
      await page.goto(`${server.url}${url}`);
      await page.getByText(ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: path.join(OUT, `${name}${scheme === 'dark' ? '-dark' : ''}.png`) });
    };
    try {
      await signIn(page, server.url, email, TEST_PASSWORD);
      await shoot('stream', '/organizations/acme/issues/', 'Invalid array length');
      if (scheme === 'dark') continue;
      await page.getByLabel('Search issues').click();
      await page.getByLabel('Search issues').fill('is:unresolved assigned:');
      await page.getByRole('listbox').getByRole('option').first().waitFor();
      await page.screenshot({ path: path.join(OUT, 'search.png'), clip: { x: 0, y: 0, width: 1440, height: 520 } });
      const priceIssue = await server.app.db.query(`SELECT short_id_number FROM issue WHERE project_id = $1 AND title LIKE '%''price''%'`, [web.id]);
      await shoot('issue', `/organizations/acme/issues/WEB-${(priceIssue as { short_id_number: number }[])[0]!.short_id_number}/`, 'checkoutTotal', { height: 1300 });
      await shoot('release', `/organizations/acme/releases/${encodeURIComponent(RELEASE)}/`, 'Guard checkout totals');
      await shoot('releases', '/organizations/acme/releases/', 'web@2.3.1');
      await shoot('getting-started', '/organizations/acme/projects/web/getting-started/', 'Send a test event');
      await shoot('settings-keys', '/organizations/acme/settings/projects/web/keys/', 'Default');
      await shoot('settings-members', '/organizations/acme/settings/members/', 'Grace Hopper');
      // The same screens on a phone (390×844).
      const phone = { width: 390, height: 844 };
      await shoot('phone-stream', '/organizations/acme/issues/', 'Invalid array length', phone);
      await shoot('phone-issue', `/organizations/acme/issues/WEB-${(priceIssue as { short_id_number: number }[])[0]!.short_id_number}/`, 'checkoutTotal', phone);
      await shoot('phone-release', `/organizations/acme/releases/${encodeURIComponent(RELEASE)}/`, 'Guard checkout totals', phone);
      await shoot('phone-settings-members', '/organizations/acme/settings/members/', 'Grace Hopper', phone);
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      // The drawer slides in (0.15 s): photograph it once it is in place.
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(OUT, 'phone-menu.png') });
      // The issue page's views (Events, Tags, Merged issues, raw JSON), at both widths.
      const payment = await server.app.db.query(`SELECT short_id_number FROM issue WHERE project_id = $1 AND title = 'Error: Payment provider timed out after 30 s'`, [web.id]);
      const paymentUrl = `/organizations/acme/issues/WEB-${(payment as { short_id_number: number }[])[0]!.short_id_number}/`;
      for (const [prefix, size] of [['', {}], ['phone-', phone]] as const) {
        await shoot(`${prefix}issue-events`, `${paymentUrl}?tab=events`, '73 events', size);
        await shoot(`${prefix}issue-tags`, `${paymentUrl}?tab=tags`, 'Safari 18', size);
        await shoot(`${prefix}issue-merged`, `${paymentUrl}?tab=merged`, 'after 60 s', size);
        await page.goto(`${server.url}${paymentUrl}`);
        await page.getByRole('button', { name: 'View JSON' }).click();
        await page.getByTestId('raw-json').waitFor();
        await page.getByRole('region', { name: 'Raw event JSON' }).scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(OUT, `${prefix}issue-json.png`) });
      }
    } finally {
      await browser.close();
    }
  }
}, 180_000);

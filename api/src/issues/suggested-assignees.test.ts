import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, postEnvelope } from '../../../test/support/envelopes.js';
import { buildMember, buildTenant, buildUser } from '../../../test/support/factories.js';
import { publicKeyOf, waitForEvents } from '../../../test/support/ingest.js';
import { buildCommit, buildProjectRelease, buildRepository } from '../../../test/support/release-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { MemberRole } from '../auth/scopes.js';
import { Issue } from './issue.entity.js';
import { inAppFramePaths, pathSegments, pathsMatch, suggestAssignees } from './suggested-assignees.js';

describe('path matching', () => {
  it.each([
    ['/srv/app/src/cart.js', ['srv', 'app', 'src', 'cart.js']],
    ['https://shop.example.com/static/src/cart.js?v=3#L2', ['static', 'src', 'cart.js']],
    ['app:///src/cart.js', ['src', 'cart.js']],
    ['webpack://shop/./src/../src/cart.js', ['src', 'cart.js']],
    ['~/src/cart.js', ['src', 'cart.js']],
    ['./src/Cart.js', ['src', 'cart.js']],
    ['C:\\app\\src\\cart.js', ['app', 'src', 'cart.js']],
  ])('normalizes %s', (raw, segments) => {
    expect(pathSegments(raw)).toEqual(segments);
  });

  it('matches whole trailing segments only', () => {
    const frame = pathSegments('/srv/app/src/cart.js');
    expect(pathsMatch(frame, pathSegments('src/cart.js'))).toBe(true);
    expect(pathsMatch(frame, pathSegments('cart.js'))).toBe(true);
    expect(pathsMatch(pathSegments('cart.js'), pathSegments('src/cart.js'))).toBe(true);
    expect(pathsMatch(frame, pathSegments('lib/cart.js'))).toBe(false);
    expect(pathsMatch(frame, pathSegments('src/mycart.js'))).toBe(false);
    expect(pathsMatch(frame, [])).toBe(false);
  });

  it('reads only in-app frames, once each', () => {
    const frames = inAppFramePaths({
      exceptions: [
        { frames: [{ filename: 'node_modules/express/lib/router.js', inApp: false }, { absPath: '/srv/app/src/cart.js', filename: 'src/cart.js', inApp: true }] },
        { frames: [{ filename: '/srv/app/src/cart.js', inApp: true }, { inApp: true }] },
      ],
    });
    expect(frames).toEqual([['srv', 'app', 'src', 'cart.js']]);
  });
});

describe('suggestAssignees', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ workers: true });
  });
  afterAll(() => server?.close());

  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

  it('ranks members whose recent commits touched the crashing files', async () => {
    const { organization, owner, project } = await buildTenant(server.app);
    const member = async () => (await buildMember(server.app, organization, owner, MemberRole.MEMBER)).user;
    const [alice, bob, carol, dave, erin] = [await member(), await member(), await member(), await member(), await member()];
    const outsider = await buildUser(server.app);
    const repository = await buildRepository(server.app, organization);
    const commit = (author: { email: string }, files: string[], minutes: number, message = 'Change things') =>
      buildCommit(server.app, repository, { message, authorEmail: author.email, files, dateAdded: minutesAgo(minutes) });

    // Twelve older releases; only the ten right before the issue's release count.
    const old: Awaited<ReturnType<typeof buildProjectRelease>>[] = [];
    for (let i = 12; i >= 1; i--) old.push(await buildProjectRelease(server.app, [project], { dateCreated: minutesAgo(1000 + i * 10) }));
    const tooOld = old[0]!;
    const previous = old.at(-1)!;
    const release = await buildProjectRelease(server.app, [project], { dateCreated: minutesAgo(500) });
    const later = await buildProjectRelease(server.app, [project], { dateCreated: minutesAgo(100) });

    const aliceCart = await commit(alice, ['src/cart.js', 'src/checkout/payment.js', 'README.md'], 600, 'Rework cart and payment');
    const bobCart = await commit(bob, ['src/cart.js'], 1100, 'Fix rounding in cart');
    const carolMoney = await commit(carol, ['M src/utils/money.js'], 700, 'Money helpers');
    const daveOther = await commit(dave, ['lib/cart.js', 'src/other.js'], 650);
    const outsiderCart = await commit(outsider, ['src/cart.js', 'src/checkout/payment.js', 'src/utils/money.js'], 610);
    const erinOld = await commit(erin, ['src/cart.js', 'src/checkout/payment.js'], 1200);
    const erinLater = await commit(erin, ['src/cart.js', 'src/checkout/payment.js'], 120);
    const bobLibrary = await commit(bob, ['node_modules/express/lib/router.js'], 630);
    await server.app.db.query('INSERT INTO release_commit (release_id, commit_id, "order") SELECT $1, unnest($2::int[]), generate_series(0, $3)', [
      release.id,
      [aliceCart.id, carolMoney.id, daveOther.id, outsiderCart.id, bobLibrary.id],
      4,
    ]);
    await server.app.db.query('INSERT INTO release_commit (release_id, commit_id, "order") VALUES ($1, $2, 0), ($3, $4, 0), ($5, $6, 0)', [
      previous.id,
      bobCart.id,
      tooOld.id,
      erinOld.id,
      later.id,
      erinLater.id,
    ]);

    // The crash, through ingestion, as a browser SDK would send it.
    const key = await publicKeyOf(server.app, project);
    const exception = {
      type: 'TypeError',
      value: "Cannot read properties of undefined (reading 'total')",
      stacktrace: {
        frames: [
          { filename: 'node_modules/express/lib/router.js', abs_path: '/srv/app/node_modules/express/lib/router.js', in_app: false, lineno: 1 },
          { filename: '~/src/utils/money.js', in_app: true, lineno: 3 },
          { abs_path: 'https://shop.example.com/static/src/checkout/payment.js?v=3', in_app: true, lineno: 20 },
          { filename: '/srv/app/src/cart.js', in_app: true, lineno: 42 },
        ],
      },
    };
    const response = await postEnvelope(server.url, project.id, key, eventEnvelope({ platform: 'javascript', release: release.version, exception: { values: [exception] } }));
    expect(response.status).toBe(200);
    await waitForEvents(server.app, project.id, 1);
    const issue = await server.app.db.getRepository(Issue).findOneByOrFail({ projectId: project.id });
    expect(issue.lastReleaseId).toBe(release.id);

    const suggestions = await suggestAssignees(server.app.db, issue);
    expect(suggestions.map((s) => [s.email, s.score])).toEqual([
      [alice.email, 2],
      [carol.email, 1],
      [bob.email, 1],
    ]);
    expect(suggestions[0]).toEqual({
      userId: alice.id,
      email: alice.email,
      reason: 'Committed to src/cart.js, src/checkout/payment.js, in 2 frames of the latest event',
      commits: [{ id: aliceCart.id, key: aliceCart.key, message: 'Rework cart and payment', dateAdded: aliceCart.dateAdded }],
      score: 2,
    });
    expect(suggestions[2]!.commits.map((c) => c.id)).toEqual([bobCart.id]);
  });

  it('suggests nobody for an issue without in-app frames or without commits', async () => {
    const { project } = await buildTenant(server.app);
    const key = await publicKeyOf(server.app, project);
    await postEnvelope(server.url, project.id, key, eventEnvelope({ message: 'Plain message, no stack' }));
    await waitForEvents(server.app, project.id, 1);
    const issue = await server.app.db.getRepository(Issue).findOneByOrFail({ projectId: project.id });
    expect(await suggestAssignees(server.app.db, issue)).toEqual([]);
  });
});

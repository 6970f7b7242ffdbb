import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessFor, buildMember, buildTenant, unique } from '../../../../test/support/factories.js';
import { buildIssue, buildRelease, triage } from '../../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { MemberRole } from '../../auth/scopes.js';
import { removeMember } from '../../organizations/member.service.js';
import { addTeamMember, createTeam } from '../../teams/team.service.js';
import { IssueStatusChange } from '../issue-triage.types.js';
import type { Issue } from '../issue.entity.js';
import { listIssues } from '../issue.service.js';
import { IssueSort } from '../issue.types.js';
import { likePattern, parsePeriod } from './issue-search.js';

describe('likePattern', () => {
  it.each([
    ['plain', false, 'plain'],
    ['100%', false, '100\\%'],
    ['a_b', false, 'a\\_b'],
    ['back\\slash', false, 'back\\\\slash'],
    ['star*', false, 'star*'],
    ['check*', true, 'check%'],
    ['*_out*', true, '%\\_out%'],
  ])('%s (wildcard %s) → %s', (value, wildcard, expected) => {
    expect(likePattern(value, { wildcard })).toBe(expected);
  });
});

describe('parsePeriod', () => {
  it.each([
    ['24h', 86_400_000],
    ['30m', 1_800_000],
    ['14d', 14 * 86_400_000],
    ['2w', 14 * 86_400_000],
  ])('%s', (text, ms) => expect(parsePeriod(text)).toBe(ms));

  it.each(['', '0h', '24', 'h', '1y', '-1d', '1.5h'])('rejects "%s"', (text) => {
    expect(() => parsePeriod(text)).toThrow(/not a period/);
  });
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

let server: TestServer;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let issues: Record<'A' | 'B' | 'C' | 'D', Issue>;
let eventOfD = '';
let otherEmail = '';
let teamSlug = '';
let r1 = '';
let r2 = '';

/**
 * Four issues that differ in every searchable property:
 *   A unresolved, error, production, r1, alice@ (2 users), feature=checkout, 3 events, assigned to me, bookmarked
 *   B resolved, warning, staging, r2 (latest), bob@, feature=search, assigned to a team
 *   C ignored, fatal, production, no release, feature=check_out, "100% broken_thing", assigned to another member
 *   D unresolved+regressed, error, production, r1, no user, no feature tag, "brokenXthing", unassigned, subscribed
 */
beforeAll(async () => {
  server = await startTestServer();
  const app = server.app;
  tenant = await buildTenant(app);
  const { owner, organization, project } = tenant;
  r1 = unique('web@1');
  r2 = unique('web@2');
  await buildRelease(app, project, r1);
  await buildRelease(app, project, r2);
  const other = await buildMember(app, organization, owner, MemberRole.MEMBER);
  otherEmail = other.user.email;
  const team = await createTeam(app.db, await accessFor(app, owner, organization), { name: unique('team') });
  await addTeamMember(app.db, team, other.member);
  teamSlug = team.slug;

  const A = await buildIssue(app, project, {
    events: [
      { value: 'Cannot read cart', release: r1, user: { id: '1', email: 'alice@example.com' }, tags: { feature: 'checkout' }, functionName: 'addItem', timestamp: ago(3 * DAY) },
      { value: 'Cannot read cart', release: r1, user: { id: '2' }, tags: { feature: 'checkout' }, functionName: 'addItem', timestamp: ago(2 * DAY) },
      { value: 'Cannot read cart', release: r1, user: { id: '1', email: 'alice@example.com' }, tags: { feature: 'checkout' }, functionName: 'addItem', timestamp: ago(HOUR) },
    ],
  });
  const B = await buildIssue(app, project, {
    events: [{ type: 'RangeError', value: 'Invalid array length', level: 'warning', environment: 'staging', release: r2, user: { email: 'bob@example.com' }, tags: { feature: 'search' }, functionName: 'runSearch', timestamp: ago(5 * DAY) }],
    overrides: { firstSeen: ago(10 * DAY) },
  });
  const C = await buildIssue(app, project, {
    events: [{ type: 'Error', value: '100% broken_thing', level: 'fatal', user: { id: 'carol' }, tags: { feature: 'check_out' }, functionName: 'renderPage', timestamp: ago(DAY) }],
  });
  const D = await buildIssue(app, project, {
    events: [{ type: 'Error', value: 'brokenXthing', release: r1, functionName: 'renderPage', timestamp: ago(3 * DAY) }],
    overrides: { substatus: 'regressed', firstSeen: ago(20 * DAY) },
  });
  eventOfD = D.events[0]!.eventId;

  await triage(app, owner, organization, A.issue, { assignee: { userId: String(owner.id) }, isBookmarked: true });
  await triage(app, owner, organization, B.issue, { status: IssueStatusChange.RESOLVED, assignee: { teamSlug } });
  await triage(app, owner, organization, C.issue, { status: IssueStatusChange.IGNORED, assignee: { userId: String(other.user.id) } });
  await triage(app, owner, organization, D.issue, { isSubscribed: true });
  // Changing a status subscribes the one who did it (STATUS_CHANGE); the owner opts out of B and C again.
  for (const issue of [B.issue, C.issue]) await triage(app, owner, organization, issue, { isSubscribed: false });
  issues = { A: A.issue, B: B.issue, C: C.issue, D: D.issue };
});
afterAll(async () => server?.close());

async function search(query: string, options: { environment?: string; statsPeriod?: string } = {}): Promise<string> {
  const scope = { organizationId: tenant.organization.id, projectIds: [tenant.project.id], viewerId: tenant.owner.id };
  const page = await listIssues(server.app.db, scope, { query, sort: IssueSort.LAST_SEEN, ...options }, { first: 100 });
  const label = (id: number) => Object.entries(issues).find(([, issue]) => issue.id === id)?.[0] ?? `?${id}`;
  return page.nodes.map((issue) => label(issue.id)).sort().join(' ');
}

describe('issue search: each filter, matching and not matching', () => {
  // Expected: the labels of the issues found, sorted. Every issue is either in or out.
  const cases: [string, () => string, string][] = [
    ['(empty)', () => '', 'A B C D'],
    ['is:unresolved', () => 'is:unresolved', 'A D'],
    ['!is:unresolved', () => '!is:unresolved', 'B C'],
    ['is:resolved', () => 'is:resolved', 'B'],
    ['is:ignored / is:archived', () => 'is:archived', 'C'],
    ['is:assigned', () => 'is:assigned', 'A B C'],
    ['is:unassigned', () => 'is:unassigned', 'D'],
    ['!is:unassigned', () => '!is:unassigned', 'A B C'],
    ['is:regressed', () => 'is:regressed', 'D'],
    ['!is:regressed (NULL substatus counts as not regressed)', () => '!is:regressed', 'A B C'],
    ['assigned:me', () => 'assigned:me', 'A'],
    ['!assigned:me (includes unassigned)', () => '!assigned:me', 'B C D'],
    ['assigned:email', () => `assigned:${otherEmail}`, 'C'],
    ['assigned:EMAIL in upper case', () => `assigned:${otherEmail.toUpperCase()}`, 'C'],
    ['assigned:#team', () => `assigned:#${teamSlug}`, 'B'],
    ['!assigned:#team', () => `!assigned:#${teamSlug}`, 'A C D'],
    ['assigned:none', () => 'assigned:none', 'D'],
    ['!assigned:none', () => '!assigned:none', 'A B C'],
    ['bookmarks:me', () => 'bookmarks:me', 'A'],
    ['!bookmarks:me', () => '!bookmarks:me', 'B C D'],
    ['bookmarked:email', () => `bookmarked:${tenant.owner.email}`, 'A'],
    ['bookmarks of someone who bookmarked nothing', () => `bookmarks:${otherEmail}`, ''],
    ['subscribed:me (assignment subscribes too)', () => 'subscribed:me', 'A D'],
    ['!subscribed:me', () => '!subscribed:me', 'B C'],
    ['subscribed:email (assigned directly and through the team)', () => `subscribed:${otherEmail}`, 'B C'],
    ['release:version', () => `release:${r1}`, 'A D'],
    ['!release:version', () => `!release:${r1}`, 'B C'],
    ['release:[list]', () => `release:[${r1}, ${r2}]`, 'A B D'],
    ['release:latest', () => 'release:latest', 'B'],
    ['!release:latest', () => '!release:latest', 'A C D'],
    ['environment:', () => 'environment:staging', 'B'],
    ['!environment:', () => '!environment:production', 'B'],
    ['level:', () => 'level:error', 'A D'],
    ['level:[list]', () => 'level:[fatal, warning]', 'B C'],
    ['!level:', () => '!level:error', 'B C'],
    ['user.email:', () => 'user.email:alice@example.com', 'A'],
    ['!user.email:', () => '!user.email:alice@example.com', 'B C D'],
    ['first-seen:-5d (newer)', () => 'first-seen:-5d', 'A C'],
    ['first-seen:+5d (older)', () => 'first-seen:+5d', 'B D'],
    ['!first-seen:-5d', () => '!first-seen:-5d', 'B D'],
    ['last-seen:-2h', () => 'last-seen:-2h', 'A'],
    ['last-seen:<-2d', () => 'last-seen:<-2d', 'B D'],
    ['first-seen:>date', () => `first-seen:>${ago(15 * DAY).toISOString()}`, 'A B C'],
    ['times-seen:>2', () => 'times-seen:>2', 'A'],
    ['times-seen:1', () => 'times-seen:1', 'B C D'],
    ['times-seen:!=1', () => 'times-seen:!=1', 'A'],
    ['!times-seen:>2', () => '!times-seen:>2', 'B C D'],
    ['user-count:2', () => 'user-count:2', 'A'],
    ['user-count:0', () => 'user-count:0', 'D'],
    ['user-count:<=1', () => 'user-count:<=1', 'B C D'],
    ['tag exact', () => 'feature:checkout', 'A'],
    ['tag exact with LIKE characters', () => 'feature:check_out', 'C'],
    ['tag wildcard suffix', () => 'feature:check*', 'A C'],
    ['tag wildcard with an escaped _', () => 'feature:check_*', 'C'],
    ['tag wildcard prefix', () => 'feature:*out', 'A C'],
    ['tag list', () => 'feature:[checkout, search]', 'A B'],
    ['tags[key]:value', () => 'tags[feature]:search', 'B'],
    ['!tag (issues without the tag included)', () => '!feature:checkout', 'B C D'],
    ['has:key', () => 'has:feature', 'A B C'],
    ['!has:key', () => '!has:feature', 'D'],
    ['derived tag', () => 'server_name:web-1', 'A B C D'],
    ['unknown tag value', () => 'feature:nope', ''],
    ['message:"…" matches the message', () => 'message:"read cart"', 'A'],
    ['message: matches the title (type and value)', () => 'message:RangeError', 'B'],
    ['message:[list]', () => 'message:["read cart", "array length"]', 'A B'],
    ['!message:', () => '!message:broken', 'A B'],
    ['message: is not the culprit', () => 'message:addItem', ''],
    ['free text in the culprit', () => 'addItem', 'A'],
    ['free text, case-insensitive', () => 'RENDERPAGE', 'C D'],
    ['free text with %', () => '100%', 'C'],
    ['free text with _ (not a wildcard)', () => 'broken_thing', 'C'],
    ['free text: every word must match', () => 'renderPage 100%', 'C'],
    ['quoted phrase', () => '"Invalid array"', 'B'],
    ['free text * is literal', () => 'Cannot*', ''],
    ['a bare event id finds its issue', () => eventOfD, 'D'],
    ['an event id as a UUID', () => eventOfD.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5').toUpperCase(), 'D'],
    ['an unknown event id', () => 'f'.repeat(32), ''],
    ['several filters combine with AND', () => 'is:unresolved level:error environment:production', 'A D'],
  ];
  it.each(cases)('%s', async (_name, query, expected) => {
    expect(await search(query())).toBe(expected);
  });

  it('environment and statsPeriod arguments narrow like filters', async () => {
    expect(await search('', { environment: 'staging' })).toBe('B');
    expect(await search('', { environment: 'nowhere' })).toBe('');
    expect(await search('', { statsPeriod: '30h' })).toBe('A C');
    expect(await search('is:unresolved', { statsPeriod: '4d' })).toBe('A D');
  });

  it("the search never leaves the scope's projects", async () => {
    const elsewhere = await buildTenant(server.app);
    await buildIssue(server.app, elsewhere.project, { events: [{ functionName: 'addItem', release: r1 }] });
    expect(await search('addItem')).toBe('A');
  });

  it('bookmarks:/subscribed: about someone else only see current members of the organization', async () => {
    const { owner, organization } = tenant;
    const leaver = await buildMember(server.app, organization, owner, MemberRole.MEMBER);
    await triage(server.app, leaver.user, organization, issues.C, { isBookmarked: true, isSubscribed: true });
    expect(await search(`bookmarks:${leaver.user.email}`)).toBe('C');
    expect(await search(`subscribed:${leaver.user.email}`)).toBe('C');
    // Once they left, their bookmarks and subscriptions are theirs alone (the rows stay, for a return).
    await removeMember(server.app.db, await accessFor(server.app, owner, organization), leaver.member);
    expect(await search(`bookmarks:${leaver.user.email}`)).toBe('');
    expect(await search(`subscribed:${leaver.user.email}`)).toBe('');
    expect(await search(`!bookmarks:${leaver.user.email}`)).toBe('A B C D');
  });

  it('a malformed query is BAD_USER_INPUT with the position of the problem', async () => {
    await expect(search('is:sleeping')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { field: 'query', position: 3, reason: expect.stringContaining('Unknown value "sleeping"') },
    });
  });
});

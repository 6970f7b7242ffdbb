/**
 * The search bar and the server must judge every query alike: what the dashboard accepts the
 * server runs, and what it marks as wrong the server rejects with the same message and spot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkQuery } from '../web/src/lib/search-language.js';
import { buildTenant } from './support/factories.js';
import type { GraphQLTestClient } from './support/graphql-client.js';
import { startTestServer, type TestServer } from './support/server.js';

const ISSUES = `query($org: String!, $query: String) { organization(slug: $org) { issues(query: $query, first: 1) { totalCount } } }`;

const VALID = [
  '',
  'plain words "a phrase" !bang',
  'is:unresolved IS:Archived !is:regressed',
  'is:unresolved is:for_review !is:for_review',
  'assigned:#backend assigned:jo@example.com !assigned:me assigned:none',
  'bookmarks:me subscribed:jo@example.com',
  'release:[1.0, "2.0 beta"] release:latest !environment:prod',
  'level:[error, fatal] level:warn',
  'first-seen:-24h last-seen:>2026-11-01 age:+7d lastSeen:<=2026-11-01T10:30:00+02:00',
  'times-seen:>=10 user_count:!=3',
  'browser:"Chrome 1*" has:user tags[sentry:user]:"id:1" TAGS[level]:custom',
  'url:http://x:8080/a?b=c',
  'message:"Cart is empty" !message:[a, b]',
  '0123456789abcdef0123456789abcdef',
];

/** [query, the position both must point at] */
const INVALID: [string, number][] = [
  ['is:open', 3],
  ['is:', 3],
  ['release: 1.0', 8],
  ['release:""', 8],
  ['"unterminated', 0],
  ['level:[error, "warn', 14],
  ['"quoted"word', 8],
  ['level:[error]x', 13],
  ['release:[1.0, 2.0', 8],
  ['level:[]', 7],
  ['level:[error,,info]', 13],
  ['level:[error warning]', 13],
  ['is:[resolved]', 3],
  ['level:loud', 6],
  ['level:>error', 6],
  ['browser:>=5', 8],
  ['tags[level]:>x', 12],
  ['first-seen:=2026-11-01', 11],
  ['first-seen:yesterday', 11],
  ['first-seen:>2026-02-30', 12],
  ['first-seen:2026-11-01', 11],
  ['last-seen:>+7d', 11],
  ['times-seen:1.5', 11],
  ['times-seen:99999999999999999999', 11],
  ['assigned:bob', 9],
  ['bookmarks:none', 10],
  ['environment:prod*', 12],
  ['tags[', 5],
  ['tags[]:x', 5],
  ['tags[foo', 8],
  ['tags[foo]bar', 9],
];

let server: TestServer;
let client: GraphQLTestClient;
let org: string;
beforeAll(async () => {
  server = await startTestServer();
  const tenant = await buildTenant(server.app);
  client = server.client({ token: tenant.token });
  org = tenant.organization.slug;
});
afterAll(async () => server?.close());

describe('the search bar and the server agree', () => {
  it.each(VALID)('both accept %j', async (query) => {
    expect(checkQuery(query)).toBeNull();
    const result = await client.request(ISSUES, { org, query });
    expect(result.errors).toBeUndefined();
  });

  it.each(INVALID)('both reject %j at offset %i', async (query, position) => {
    const local = checkQuery(query);
    const result = await client.request(ISSUES, { org, query });
    const [error] = result.errors ?? [];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query', position });
    expect({ message: local?.message, reason: local?.reason, position: local?.position }).toEqual({
      message: error?.message,
      reason: error?.extensions?.reason,
      position,
    });
  });
});

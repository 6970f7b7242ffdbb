// Flat cost as data grows: the 5 KB end-to-end rate on an empty database, then again after
// seeding 100,000 issues and 1 M events (bench/seed.js), and the dashboard's two heaviest reads
// at that size: the issue stream (IssueStream) and an issue page (issue, latest event, tags,
// frequency), p95 over repeated requests.
import pg from 'pg';
import { throughput } from './ingest.js';
import { met, percentile, startVigil } from './lib.js';
import { seed } from './seed.js';

const ISSUES = Number(process.env.BENCH_SEED_ISSUES ?? 100_000);
const EVENTS = Number(process.env.BENCH_SEED_EVENTS ?? 1_000_000);
const REQUESTS = 40;

const STREAM = `query($org: String!) { organization(slug: $org) { issues(query: "is:unresolved", sort: LAST_SEEN, first: 25) {
  totalCount totalCountIsLowerBound nodes { id shortId title culprit count userCount firstSeen lastSeen metadata { type value } assignee { __typename } frequency(period: "24h") { count } } } } }`;
const PAGE = `query($org: String!, $shortId: String!) { organization(slug: $org) { issue(shortId: $shortId) {
  id title count userCount firstSeen lastSeen frequency(period: "24h") { count } tags(limit: 5) { key topValues { value count } }
  latestEvent { eventId message entries { type } tags { key value } breadcrumbs { message } } } } }`;

async function graphql(url, token, query, variables) {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (!response.ok || body.errors) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors ?? body)}`);
  return { ms: performance.now() - started, data: body.data };
}

// Sentry's short-id alphabet (api/src/issues/short-id.ts).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function shortId(number) {
  let out = '';
  for (let rest = number; rest > 0; rest = Math.floor(rest / 32)) out = ALPHABET[rest % 32] + out;
  return `WEB-${out}`;
}

async function p95Of(run) {
  const times = [];
  for (let i = 0; i < REQUESTS; i++) times.push((await run(i)).ms);
  return percentile(times, 95);
}

export async function benchScale() {
  const vigil = await startVigil();
  const db = new pg.Client({ connectionString: vigil.databaseUrl });
  await db.connect();
  try {
    const { projectId, dsn, token } = await vigil.bootstrap('bench', 'web');
    const endpoint = `${vigil.url}/api/${projectId}/envelope/?sentry_key=${new URL(dsn).username}&sentry_version=7`;
    await throughput(vigil, db, endpoint, 5_000, 500, 16); // warm-up, and the payload the seed copies
    const empty = await throughput(vigil, db, endpoint, 5_000, 5_000, 32);
    const seeded = await seed(db, projectId, { issues: ISSUES, events: EVENTS });
    process.stderr.write(`scale: seeded in ${seeded.seconds.toFixed(1)} s; empty ${empty.processedPerSecond.toFixed(0)}/s\n`);
    const full = await throughput(vigil, db, endpoint, 5_000, 5_000, 32);
    await graphql(vigil.url, token, STREAM, { org: 'bench' });
    const stream = await p95Of(() => graphql(vigil.url, token, STREAM, { org: 'bench' }));
    const [{ n: lastNumber }] = (await db.query('SELECT max(short_id_number) AS n FROM issue WHERE project_id = $1', [projectId])).rows;
    const page = await p95Of((i) => graphql(vigil.url, token, PAGE, { org: 'bench', shortId: shortId(lastNumber - ((i * 2_477) % (ISSUES - 1))) }));
    const f = (n) => n.toFixed(0);
    const ratio = full.processedPerSecond / empty.processedPerSecond;
    return [
      { metric: `seeded ${ISSUES.toLocaleString('en')} issues + ${EVENTS.toLocaleString('en')} events (SQL generate_series)`, value: `${seeded.seconds.toFixed(1)} s` },
      { metric: '5 KB end-to-end/s, empty database', value: f(empty.processedPerSecond) },
      { metric: '5 KB end-to-end/s, seeded database (target: within 10 % of empty)', value: `${f(full.processedPerSecond)} (${(100 * ratio).toFixed(0)} % of empty)${met(ratio >= 0.9)}` },
      { metric: 'issue stream query p95 at that size (target < 50 ms)', value: `${stream.toFixed(1)} ms${met(stream < 50)}` },
      { metric: 'issue page p95 at that size (target < 100 ms)', value: `${page.toFixed(1)} ms${met(page < 100)}` },
    ];
  } finally {
    await db.end();
    await vigil.stop();
  }
}

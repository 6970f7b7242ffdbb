// Ingestion throughput and latency, end to end: SDK-shaped envelopes over keep-alive HTTP into a
// running `vigil start` (web + workers, embedded PostgreSQL), until the queue is drained.
import http from 'node:http';
import pg from 'pg';
import { makeEnvelope, makeEvent } from './events.js';
import { met, percentile, rssMiB, startVigil } from './lib.js';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url, { body, headers }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function queueLength(db) {
  return Number((await db.query('SELECT count(*) AS n FROM ingest_queue')).rows[0].n);
}

async function drained(db) {
  while ((await queueLength(db)) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Sends `count` events of ~`bytes` at `concurrency` (to `endpoint`, or round-robin over several);
 * measures accept rate and end-to-end rate.
 */
export async function throughput(vigil, db, endpoint, bytes, count, concurrency) {
  const endpoints = [endpoint].flat();
  const envelopes = Array.from({ length: count }, (_, i) => makeEnvelope(makeEvent(i % 200, bytes)));
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < envelopes.length) {
        const i = next++;
        const result = await post(endpoints[i % endpoints.length], envelopes[i]);
        if (result.status !== 200) throw new Error(`ingest answered ${result.status}`);
        latencies.push(result.ms);
      }
    }),
  );
  const acceptedAt = performance.now();
  await drained(db);
  const doneAt = performance.now();
  return {
    acceptedPerSecond: count / ((acceptedAt - started) / 1000),
    processedPerSecond: count / ((doneAt - started) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/**
 * Open-loop load at a fixed rate for `seconds`: each request is sent when it is due, whether or not
 * earlier ones were answered (the envelopes are built beforehand, so building them never delays a send).
 * Measures send → 200 for every event and send → stored (its row, and so its issue, queryable) for
 * every fifth one.
 */
async function fixedRate(db, projectId, endpoint, bytes, perSecond, seconds) {
  const total = perSecond * seconds;
  const events = Array.from({ length: total }, (_, i) => makeEvent(i % 200, bytes));
  const envelopes = events.map(makeEnvelope);
  const latencies = [];
  const visible = [];
  const pending = new Map();
  let sending = true;
  const poller = (async () => {
    while (sending || pending.size > 0) {
      if (pending.size > 0) {
        const ids = [...pending.keys()];
        const rows = (await db.query('SELECT event_id FROM event WHERE project_id = $1 AND event_id = ANY($2::char(32)[])', [projectId, ids])).rows;
        const now = performance.now();
        for (const { event_id: id } of rows) {
          visible.push(now - pending.get(id));
          pending.delete(id);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const started = performance.now();
  const sends = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (i % 5 === 0) pending.set(events[i].event_id, performance.now());
    sends.push(
      post(endpoint, envelopes[i]).then((result) => {
        if (result.status !== 200) throw new Error(`ingest answered ${result.status}`);
        latencies.push(result.ms);
      }),
    );
  }
  await Promise.all(sends);
  const sentFor = (performance.now() - started) / 1000;
  sending = false;
  await poller;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), visibleP50: percentile(visible, 50), visibleP99: percentile(visible, 99), achieved: total / sentFor };
}

/** The ceiling: the same event rows inserted straight into PostgreSQL, batched like the workers do. */
async function rawInsert(db, bytes, count) {
  await db.query('CREATE TABLE IF NOT EXISTS bench_raw_event (id bigserial PRIMARY KEY, event_id char(32) UNIQUE, data jsonb)');
  const events = Array.from({ length: count }, (_, i) => makeEvent(i % 200, bytes));
  const started = performance.now();
  for (let i = 0; i < events.length; i += 100) {
    const batch = events.slice(i, i + 100);
    await db.query('INSERT INTO bench_raw_event (event_id, data) SELECT * FROM unnest($1::text[], $2::jsonb[])', [
      batch.map((e) => e.event_id),
      batch.map((e) => JSON.stringify(e)),
    ]);
  }
  const perSecond = count / ((performance.now() - started) / 1000);
  await db.query('DROP TABLE bench_raw_event');
  return perSecond;
}

const RATE = 1_000;

export async function benchIngest() {
  const vigil = await startVigil();
  const db = new pg.Client({ connectionString: vigil.databaseUrl });
  await db.connect();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const idleRss = await rssMiB(vigil.pid);
  let peakRss = 0;
  const sampler = setInterval(async () => {
    peakRss = Math.max(peakRss, await rssMiB(vigil.pid).catch(() => 0));
  }, 100);
  try {
    const { projectId, dsn } = await vigil.bootstrap('bench', 'web');
    const key = new URL(dsn).username;
    const endpoint = `${vigil.url}/api/${projectId}/envelope/?sentry_key=${key}&sentry_version=7`;
    await throughput(vigil, db, endpoint, 5_000, 500, 16); // warm-up
    const small = await throughput(vigil, db, endpoint, 5_000, 10_000, 32);
    const large = await throughput(vigil, db, endpoint, 50_000, 2_000, 16);
    const steady = await fixedRate(db, projectId, endpoint, 5_000, RATE, 10);
    const ceilingSmall = await rawInsert(db, 5_000, 10_000);
    const ceilingLarge = await rawInsert(db, 50_000, 2_000);
    const f = (n) => n.toFixed(0);
    const ms = (n) => `${n.toFixed(1)} ms`;
    const share = (n, ceiling, target) => `${f(n)} (${((100 * n) / ceiling).toFixed(0)} % of ceiling)${met(n >= target * ceiling)}`;
    return [
      { metric: '5 KB events: raw PostgreSQL insert of the same rows/s (ceiling, jsonb)', value: f(ceilingSmall) },
      { metric: '5 KB events: accepted/s (32 connections)', value: f(small.acceptedPerSecond) },
      { metric: '5 KB events: processed end-to-end/s (target ≥ 40 % of ceiling)', value: share(small.processedPerSecond, ceilingSmall, 0.4) },
      { metric: '5 KB events: accept p99 at saturation (32 connections)', value: ms(small.p99) },
      { metric: '50 KB events: raw PostgreSQL insert of the same rows/s (ceiling, jsonb)', value: f(ceilingLarge) },
      { metric: '50 KB events (gzip): accepted/s (16 connections)', value: f(large.acceptedPerSecond) },
      { metric: '50 KB events: processed end-to-end/s (target ≥ 100 % of ceiling)', value: share(large.processedPerSecond, ceilingLarge, 1) },
      { metric: `accept latency (send → 200) p50 / p99, open loop at ${RATE} events/s (achieved ${f(steady.achieved)}/s; target p99 < 25 ms)`, value: `${ms(steady.p50)} / ${ms(steady.p99)}${met(steady.p99 < 25)}` },
      { metric: `accept → queryable (send → row visible) p50 / p99 at ${RATE} events/s (target p99 < 250 ms)`, value: `${ms(steady.visibleP50)} / ${ms(steady.visibleP99)}${met(steady.visibleP99 < 250)}` },
      { metric: 'peak RSS of the Vigil process under the load above (target < 512 MiB)', value: `${f(peakRss)} MiB${met(peakRss < 512)}` },
      { metric: 'RSS of the Vigil process idle, 5 s after start (target < 200 MiB)', value: `${f(idleRss)} MiB${met(idleRss < 200)}` },
    ];
  } finally {
    clearInterval(sampler);
    await db.end();
    await vigil.stop();
  }
}

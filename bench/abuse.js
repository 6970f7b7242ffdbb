// Legitimate SDK traffic while an anonymous client abuses the edge: oversized bodies, decompression
// bombs, garbage and keyless envelopes. Reports the legitimate traffic's latency and the process RSS,
// beside the same legitimate traffic alone (the ceiling), in one run on one `vigil start`.
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { makeEnvelope, makeEvent } from './events.js';
import { percentile, rssMiB, startVigil } from './lib.js';

const SECONDS = 10;
const LEGIT_PER_SECOND = 50;
const ABUSE_CONNECTIONS = 8;

const legitAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const abuseAgent = new http.Agent({ keepAlive: true, maxSockets: ABUSE_CONNECTIONS });

/** Resolves with the status (0 when the server cut the connection, as it may for a refused body). */
function post(url, body, headers, agent) {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode, ms: performance.now() - started }));
      response.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    });
    request.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    // A request the server never answers counts as cut: the run stays bounded either way.
    request.setTimeout(30_000, () => request.destroy());
    request.end(body);
  });
}

/** What the abusive client sends, in turn; none carries a DSN key. */
function abusiveBodies(projectUrl) {
  const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024)); // 200 MiB of zeros in ~200 KiB
  const oversized = Buffer.alloc(21 * 1024 * 1024, 0x61); // past the 20 MiB body limit
  const garbage = Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256));
  const keyless = Buffer.from(makeEnvelope(makeEvent(1, 5_000)).body);
  return [
    { name: 'oversized body (21 MiB)', url: projectUrl, body: oversized, headers: {} },
    { name: 'gzip bomb (200 MiB inflated)', url: projectUrl, body: bomb, headers: { 'content-encoding': 'gzip' } },
    { name: 'garbage bytes (64 KiB)', url: projectUrl, body: garbage, headers: {} },
    { name: 'envelope without a key', url: projectUrl, body: keyless, headers: {} },
    { name: 'bomb with a wrong key', url: `${projectUrl}?sentry_key=${'f'.repeat(32)}`, body: bomb, headers: { 'content-encoding': 'gzip' } },
  ];
}

/** Legitimate events at a fixed rate for `SECONDS`; returns their latencies and non-200 answers. */
async function legitimate(endpoint) {
  const latencies = [];
  let failed = 0;
  const sends = [];
  const started = performance.now();
  for (let i = 0; i < LEGIT_PER_SECOND * SECONDS; i++) {
    const wait = started + (i * 1000) / LEGIT_PER_SECOND - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, headers } = makeEnvelope(makeEvent(i % 200, 5_000));
    sends.push(
      post(endpoint, body, headers, legitAgent).then((result) => {
        if (result.status === 200) latencies.push(result.ms);
        else failed++;
      }),
    );
  }
  await Promise.all(sends);
  return { latencies, failed, achieved: (LEGIT_PER_SECOND * SECONDS) / ((performance.now() - started) / 1000) };
}

/** The abusive client: `ABUSE_CONNECTIONS` loops sending the bodies in turn until `stop()`. */
function abuse(bodies) {
  const statuses = new Map();
  let sent = 0;
  let running = true;
  const loops = Array.from({ length: ABUSE_CONNECTIONS }, async (_, n) => {
    for (let i = n; running; i++) {
      const { url, body, headers } = bodies[i % bodies.length];
      const { status } = await post(url, body, headers, abuseAgent);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      sent++;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return { sent, statuses };
    },
  };
}

/** Peak RSS of the process while `work` runs. */
async function withPeakRss(pid, work) {
  let peak = 0;
  const sampler = setInterval(async () => {
    peak = Math.max(peak, await rssMiB(pid).catch(() => 0));
  }, 100);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(sampler);
  }
}

export async function benchAbuse() {
  const vigil = await startVigil();
  let crashed = null;
  void vigil.exited.then((code) => (crashed = code));
  try {
    const { projectId, dsn } = await vigil.bootstrap('bench', 'web');
    const key = new URL(dsn).username;
    const projectUrl = `${vigil.url}/api/${projectId}/envelope/`;
    const endpoint = `${projectUrl}?sentry_key=${key}&sentry_version=7`;
    await legitimate(endpoint); // warm-up

    const alone = await withPeakRss(vigil.pid, () => legitimate(endpoint));
    const abuser = abuse(abusiveBodies(projectUrl));
    const attacked = await withPeakRss(vigil.pid, async () => {
      const legit = await legitimate(endpoint);
      return { legit, abuse: await abuser.stop() };
    });

    if (crashed !== null) throw new Error(`Vigil exited during the run (${crashed}); BENCH_LOG=<file> keeps its output`);
    const ms = (n) => `${n.toFixed(1)} ms`;
    const { legit, abuse: abused } = attacked.result;
    const statuses = [...abused.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s === 0 ? 'cut' : s}: ${n}`).join(', ');
    return [
      { metric: `legit ${LEGIT_PER_SECOND} events/s alone: p50 / p99 accept latency (ceiling)`, value: `${ms(percentile(alone.result.latencies, 50))} / ${ms(percentile(alone.result.latencies, 99))}` },
      { metric: `legit alone: achieved/s, non-200 answers`, value: `${alone.result.achieved.toFixed(0)}, ${alone.result.failed}` },
      { metric: 'legit alone: peak RSS', value: `${alone.peak.toFixed(0)} MiB` },
      { metric: `legit under abuse (${ABUSE_CONNECTIONS} anonymous connections): p50 / p99`, value: `${ms(percentile(legit.latencies, 50))} / ${ms(percentile(legit.latencies, 99))}` },
      { metric: 'legit under abuse: achieved/s, non-200 answers', value: `${legit.achieved.toFixed(0)}, ${legit.failed}` },
      { metric: 'under abuse: peak RSS', value: `${attacked.peak.toFixed(0)} MiB` },
      { metric: `abusive requests answered in ${SECONDS} s (status: count)`, value: `${abused.sent} (${statuses})` },
    ];
  } finally {
    await vigil.stop();
  }
}

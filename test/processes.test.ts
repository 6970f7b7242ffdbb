import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database.js';
import { eventEnvelope, postEnvelope } from './support/envelopes.js';
import { GraphQLTestClient } from './support/graphql-client.js';
import {
  CRASH_OUTPUT,
  freePort,
  postmasterPid,
  processGroupOf,
  REPO_ROOT,
  startProcess,
  stopCluster,
  waitForGraphQL,
  type RunningProcess,
} from './support/processes.js';
import { waitFor } from './support/wait.js';

const run = promisify(execFile);
const running: RunningProcess[] = [];
const dataDirs: string[] = [];

afterEach(async () => {
  for (const process of running.splice(0)) {
    process.signal('SIGKILL');
    await process.exited;
  }
  for (const dir of dataDirs.splice(0)) await stopCluster(dir);
});

function track(process: RunningProcess): RunningProcess {
  running.push(process);
  return process;
}

/** Accepts `count` events (the workers then store them), all answered before this returns. */
async function sendEvents(url: string, projectId: number, dsn: string, count: number): Promise<void> {
  const key = new URL(dsn).username;
  const statuses = await Promise.all(
    Array.from({ length: count }, (_, i) => postEnvelope(url, projectId, key, eventEnvelope({ message: `Shutdown ${i % 7}`, level: 'error' })).then((r) => r.status)),
  );
  expect(statuses.every((status) => status === 200)).toBe(true);
}

const PROJECT_CHANGED = 'subscription($org: String!) { projectChanged(organizationSlug: $org) { kind projectId project { slug } } }';

// These tests run the real CLI processes; they live in one file so they run one after another.
describe('the README commands: npm start on an embedded PostgreSQL', () => {
  it('boots, bootstraps, answers GraphQL and subscriptions, and shuts down cleanly', async () => {
    // mkdtemp makes it 0700: as root, the postgres user cannot enter it, like a checkout under /root.
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-smoke-'));
    dataDirs.push(dataDir);
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', VIGIL_DATA_DIR: dataDir, DATABASE_URL: undefined };
    // `npm start` without its prestart build: the global setup ran that same `npm run build`, and
    // building again would empty dist/ and web/dist/ under the files running beside this one.
    const server = track(startProcess('npm', ['start', '--ignore-scripts'], env));
    const url = `http://127.0.0.1:${port}`;
    await waitForGraphQL(url, server, 180_000);
    await waitFor(() => server.output().includes(`Vigil is running at ${url}`), { what: 'the welcome message' });

    // The README's `npx vigil bootstrap`, run as `node bin/vigil.js`: npx installs the checkout as a
    // package, which runs its prepare build and empties dist/ and web/dist/ under the files beside this one.
    const { stdout } = await run('node', ['bin/vigil.js', 'bootstrap', '--org', 'acme', '--project', 'web', '--email', 'admin@example.com', '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, DATABASE_URL: '' },
    });
    const result = JSON.parse(stdout) as Record<string, string | number>;
    expect(Object.keys(result).sort()).toEqual(['dsn', 'email', 'organization', 'password', 'project', 'projectId', 'token']);
    expect(result).toMatchObject({ organization: 'acme', project: 'web', email: 'admin@example.com' });
    expect(result.dsn).toMatch(new RegExp(`^http://[0-9a-f]{32}@127\\.0\\.0\\.1:${port}/${result.projectId}$`));

    const client = new GraphQLTestClient(url, { token: String(result.token) });
    const { viewer } = await client.data<{ viewer: { email: string } }>('{ viewer { email } }');
    expect(viewer.email).toBe('admin@example.com');

    const subscription = client.subscribe<{ projectChanged: { kind: string; project: { slug: string } } }>(PROJECT_CHANGED, { org: 'acme' });
    await subscription.connected;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.data('mutation { createProject(organizationSlug: "acme", input: { name: "API", platform: "node" }) { id } }');
    const event = await subscription.next();
    expect(event.data?.projectChanged).toMatchObject({ kind: 'CREATED', project: { slug: 'api' } });
    await subscription.close();

    // The printed password signs in to the dashboard session.
    const login = await new GraphQLTestClient(url).post('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { email } }', {
      e: 'admin@example.com',
      p: String(result.password),
    });
    expect(login.headers.get('set-cookie')).toMatch(/vigil_session=.+HttpOnly/i);

    // The cluster is out of the terminal's reach: a process group of its own.
    const postmaster = await postmasterPid(path.join(dataDir, 'postgres'));
    expect(postmaster).toBeDefined();
    expect(await processGroupOf(postmaster!)).not.toBe(server.child.pid);

    // Ctrl-C while the workers store a backlog: Vigil drains and stops its database last; npm then re-raises the signal on itself.
    await sendEvents(url, Number(result.projectId), String(result.dsn), 200);
    server.signal('SIGINT');
    expect([0, 'SIGINT'], server.output()).toContain(await server.exited);
    expect(server.output()).toContain('shutdown.complete');
    expect(server.output()).toContain('postgres.stopped');
    expect(server.output()).not.toMatch(CRASH_OUTPUT);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    // A second start reuses the data: the account is still there. Ctrl-C on Vigil itself exits 0.
    const again = track(startProcess('node', ['bin/vigil.js', 'start'], env));
    await waitForGraphQL(url, again);
    expect((await client.data<{ viewer: { email: string } }>('{ viewer { email } }')).viewer.email).toBe('admin@example.com');
    await sendEvents(url, Number(result.projectId), String(result.dsn), 200);
    again.signal('SIGINT');
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toContain('postgres.stopped');
    expect(again.output()).not.toMatch(CRASH_OUTPUT);
    // `npm start` initialises a cluster, then starts twice: most of this test's time, twice as much
    // on a loaded machine.
  }, 300_000);

  it('stops cleanly on a Ctrl-C during startup, before the workers are ready', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-early-'));
    dataDirs.push(dataDir);
    const env = { PORT: String(await freePort()), HOST: '127.0.0.1', VIGIL_DATA_DIR: dataDir, DATABASE_URL: undefined };
    const server = track(startProcess('node', ['bin/vigil.js', 'start'], env));
    await waitFor(() => server.output().includes('"http.listening"'), { timeoutMs: 60_000, what: 'the web server' });
    server.signal('SIGINT');
    expect(await server.exited, server.output()).toBe(0);
    expect(server.output()).toContain('postgres.stopped');
    expect(server.output()).not.toMatch(/^vigil: /m);
    expect(server.output()).not.toMatch(CRASH_OUTPUT);
  }, 90_000);

  it('explains a database that cannot start in one line, without a stack trace', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'vigil-broken-'));
    dataDirs.push(dataDir);
    await fs.chmod(dataDir, 0o755);
    await fs.mkdir(path.join(dataDir, 'postgres'));
    await fs.writeFile(path.join(dataDir, 'postgres', 'notes.txt'), 'not a cluster');
    const migrate = startProcess('node', ['bin/vigil.js', 'migrate'], { VIGIL_DATA_DIR: dataDir, DATABASE_URL: undefined, LOG_LEVEL: 'warn' });
    expect(await migrate.exited).toBe(1);
    expect(migrate.output()).toMatch(/^vigil: initdb could not create the embedded PostgreSQL cluster in \S+: directory "\S+" exists but is not empty\.\n$/);
  }, 60_000);
});

describe('scale-out: a web process and separate worker processes on one database', () => {
  async function startWebAndToken(databaseUrl: string, env: Record<string, string>) {
    const port = await freePort();
    const web = track(startProcess('node', ['bin/vigil.js', 'start', '--no-workers'], { ...env, PORT: String(port), DATABASE_URL: databaseUrl }));
    const url = `http://127.0.0.1:${port}`;
    await waitForGraphQL(url, web);
    const { stdout } = await run('node', ['bin/vigil.js', 'bootstrap', '--org', 'acme', '--project', 'web', '--email', 'ops@example.com', '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    });
    const { token, projectId } = JSON.parse(stdout) as { token: string; projectId: number };
    return { web, client: new GraphQLTestClient(url, { token }), projectId };
  }

  it('delivers an event published by a worker process to a subscriber of the web process', async () => {
    const database = await createTestDatabase();
    const env = { LOG_LEVEL: 'info', VIGIL_QUEUE_POLL_MS: '500' };
    const { client, projectId } = await startWebAndToken(database.url, env);
    track(startProcess('node', ['bin/vigil.js', 'worker'], { ...env, DATABASE_URL: database.url }));

    const subscription = client.subscribe<{ projectChanged: { kind: string; projectId: string } }>(PROJECT_CHANGED, { org: 'acme' });
    await subscription.connected;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.data('mutation($id: ID!) { deleteProject(id: $id) }', { id: String(projectId) });
    const event = await subscription.next(20_000);
    expect(event.data?.projectChanged).toEqual({ kind: 'DELETED', projectId: String(projectId), project: null });
    await subscription.close();
    await database.drop();
  }, 60_000);

  it('finishes a job exactly once after its worker is killed mid-job', async () => {
    const database = await createTestDatabase();
    // Short timeouts so the lost job is noticed within seconds instead of minutes.
    const env = { LOG_LEVEL: 'info', VIGIL_JOB_TIMEOUT_SECONDS: '3', VIGIL_QUEUE_MAINTENANCE_SECONDS: '1', VIGIL_QUEUE_POLL_MS: '500' };
    const { client, projectId } = await startWebAndToken(database.url, env);
    const subscription = client.subscribe<{ projectChanged: { kind: string } }>(PROJECT_CHANGED, { org: 'acme' });
    await subscription.connected;

    // No worker runs yet: the job waits in the queue.
    await client.data('mutation($id: ID!) { deleteProject(id: $id) }', { id: String(projectId) });

    // Hold a row lock on the project so the deletion job blocks halfway, like a slow job would.
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM project WHERE id = $1 FOR UPDATE', [projectId]);

    const doomed = track(startProcess('node', ['bin/vigil.js', 'worker'], { ...env, DATABASE_URL: database.url }));
    // (Polled from outside the blocker's transaction: activity stats are frozen inside one.)
    const observer = new pg.Client({ connectionString: database.url });
    await observer.connect();
    await waitFor(
      async () =>
        (await observer.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'vigil' AND wait_event_type = 'Lock'")).rowCount,
      { what: 'the job to block on the row lock' },
    );
    await observer.end();
    doomed.signal('SIGKILL');
    await doomed.exited;
    await blocker.query('ROLLBACK');
    await blocker.end();

    track(startProcess('node', ['bin/vigil.js', 'worker'], { ...env, DATABASE_URL: database.url }));
    const event = await subscription.next(30_000);
    expect(event.data?.projectChanged.kind).toBe('DELETED');

    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    expect((await check.query('SELECT 1 FROM project WHERE id = $1', [projectId])).rowCount).toBe(0);
    const jobs = await check.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'project.delete'");
    expect(jobs.rows).toHaveLength(1);
    expect(jobs.rows[0]).toMatchObject({ state: 'completed' });
    expect(jobs.rows[0].retry_count).toBeGreaterThanOrEqual(1);
    await check.end();
    // Exactly once: no second DELETED announcement follows.
    await expect(subscription.next(2_000)).rejects.toThrow(/No subscription message/);
    await subscription.close();
    await database.drop();
  }, 90_000);

  it('stores every accepted event exactly once when a worker is killed -9 mid-batch', async () => {
    const database = await createTestDatabase();
    const env = { LOG_LEVEL: 'warn' };
    const { client } = await startWebAndToken(database.url, env);
    const port = new URL(client.url).port;
    const { organization } = await client.data<{ organization: { projects: { nodes: { id: string; keys: { publicKey: string }[] }[] } } }>(
      '{ organization(slug: "acme") { projects { nodes { id keys { publicKey } } } } }',
    );
    const project = organization.projects.nodes[0]!;
    const key = project.keys[0]!.publicKey;

    // Accept a backlog while no worker runs.
    const total = 1500;
    let accepted = 0;
    for (let start = 0; start < total; start += 50) {
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          postEnvelope(`http://127.0.0.1:${port}`, Number(project.id), key, eventEnvelope({ message: `Job ${(start + i) % 40} failed`, level: 'error' })).then((r) => r.status),
        ),
      );
      accepted += statuses.filter((status) => status === 200).length;
    }
    expect(accepted).toBe(total);

    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const stored = async () => Number((await check.query('SELECT count(*) AS n FROM event')).rows[0].n);
    const doomed = track(startProcess('node', ['bin/vigil.js', 'worker'], { ...env, DATABASE_URL: database.url }));
    await waitFor(async () => (await stored()) > 0, { intervalMs: 5, what: 'the worker to store some events' });
    doomed.signal('SIGKILL');
    await doomed.exited;
    const partial = await stored();
    expect(partial).toBeLessThan(total);

    track(startProcess('node', ['bin/vigil.js', 'worker'], { ...env, DATABASE_URL: database.url }));
    await waitFor(async () => Number((await check.query('SELECT count(*) AS n FROM ingest_queue')).rows[0].n) === 0, {
      timeoutMs: 60_000,
      what: 'the queue to drain',
    });
    expect(await stored()).toBe(total);
    const counted = await check.query('SELECT sum(times_seen)::int AS n, count(*)::int AS issues FROM issue');
    expect(counted.rows[0]).toEqual({ n: total, issues: 1 });
    await check.end();
    await database.drop();
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { eventCount, waitForEvents } from '../../../test/support/ingest.js';
import { dsnOf, runSdkApp } from '../../../test/support/sdk.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import { eventPayload } from '../events/event-payload.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ workers: true });
});
afterAll(async () => server?.close());

interface IssueRow {
  id: number;
  short_id_number: number;
  title: string;
  culprit: string;
  level: string;
  times_seen: number;
  user_count: number;
  status: string;
}

async function issuesOf(projectId: number): Promise<IssueRow[]> {
  return server.app.db.query(
    'SELECT id, short_id_number, title, culprit, level, times_seen, user_count, status FROM issue WHERE project_id = $1 ORDER BY short_id_number',
    [projectId],
  );
}

async function tenantWithDsn() {
  const tenant = await buildTenant(server.app);
  return { ...tenant, dsn: await dsnOf(server.app, tenant.project, server.url) };
}

describe('ingestion with the real @sentry/node SDK', () => {
  it('groups exceptions by call site into issues with short ids, counting users', async () => {
    const { project, dsn } = await tenantWithDsn();
    expect((await runSdkApp(dsn, 'exceptions')).code).toBe(0);
    await waitForEvents(server.app, project.id, 5);
    const issues = await issuesOf(project.id);
    expect(issues).toHaveLength(2);
    expect(issues.map((i) => i.short_id_number).sort()).toEqual([1, 2]);
    const checkout = issues.find((i) => i.title.includes("reading 'price'"));
    const profile = issues.find((i) => i.culprit.includes('loadProfile'));
    expect(checkout).toMatchObject({ times_seen: 3, level: 'error', user_count: 1, status: 'unresolved' });
    expect(profile).toMatchObject({ times_seen: 2, user_count: 1 });
    // Release and environment from Sentry.init are recorded and become tags.
    const tags: { key: string; value: string }[] = await server.app.db.query(
      "SELECT key, value FROM issue_tag_value WHERE issue_id = $1 AND key IN ('release', 'environment') ORDER BY key",
      [checkout!.id],
    );
    expect(tags).toEqual([
      { key: 'environment', value: 'staging' },
      { key: 'release', value: 'web@1.2.3' },
    ]);
    const releases: { version: string }[] = await server.app.db.query(
      'SELECT r.version FROM release r JOIN release_project rp ON rp.release_id = r.id WHERE rp.project_id = $1',
      [project.id],
    );
    expect(releases).toEqual([{ version: 'web@1.2.3' }]);
  });

  it('groups messages that differ only in numbers, with the message as title and its level', async () => {
    const { project, dsn } = await tenantWithDsn();
    expect((await runSdkApp(dsn, 'message')).code).toBe(0);
    await waitForEvents(server.app, project.id, 2);
    const issues = await issuesOf(project.id);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ times_seen: 2, level: 'warning' });
    expect(issues[0]!.title).toMatch(/^Payment provider timed out after \d+ s$/);
  });

  it('records an uncaught exception as fatal and its session as crashed', async () => {
    const { project, dsn } = await tenantWithDsn();
    const run = await runSdkApp(dsn, 'uncaught');
    expect(run.code).not.toBe(0);
    await waitForEvents(server.app, project.id, 1);
    const [issue] = await issuesOf(project.id);
    expect(issue).toMatchObject({ level: 'fatal', title: 'Error: Unhandled crash in worker loop' });
    const sessions = await waitFor(async () => {
      const rows: { status: string; release: string }[] = await server.app.db.query(
        'SELECT status, release FROM release_session WHERE project_id = $1',
        [project.id],
      );
      return rows.length ? rows : null;
    }, { what: 'the session' });
    expect(sessions).toEqual([{ status: 'crashed', release: 'web@1.2.3' }]);
  });

  it('stores attachments with their event and serves them to members', async () => {
    const { project, organization, dsn, token } = await tenantWithDsn();
    expect((await runSdkApp(dsn, 'attachment')).code).toBe(0);
    await waitForEvents(server.app, project.id, 1);
    const [attachment]: { id: number; event_id: string; name: string; size: number }[] = await server.app.db.query(
      'SELECT id, event_id, name, size FROM event_attachment WHERE project_id = $1',
      [project.id],
    );
    expect(attachment).toMatchObject({ name: 'log.txt', size: 18 });
    const url = `${server.url}/api/0/projects/${organization.slug}/${project.slug}/events/${attachment!.event_id}/attachments/${attachment!.id}/?download=1`;
    const download = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe("attachment; filename=\"log.txt\"; filename*=UTF-8''log.txt");
    expect(await download.text()).toBe('line one\nline two\n');
    expect((await fetch(url)).status).toBe(401);
    const stranger = await buildTenant(server.app);
    expect((await fetch(url, { headers: { authorization: `Bearer ${stranger.token}` } })).status).toBe(404);
  });

  it('scrubs secrets before anything is stored: they are nowhere in the database', async () => {
    const { project, dsn } = await tenantWithDsn();
    const secrets = ['hunter2-secret-password', 'sk_live_1234567890abcdef', '4111 1111 1111 1111'];
    const env = { SECRET_PASSWORD: secrets[0]!, SECRET_API_KEY: secrets[1]!, SECRET_CARD: secrets[2]! };
    expect((await runSdkApp(dsn, 'secrets', { env })).code).toBe(0);
    await waitForEvents(server.app, project.id, 1);
    const tables: { schema: string; name: string }[] = await server.app.db.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`,
    );
    for (const table of tables) {
      const rows: { row: string }[] = await server.app.db.query(`SELECT t::text AS row FROM "${table.schema}"."${table.name}" t`);
      for (const { row } of rows) {
        for (const secret of secrets) {
          expect(row, `${table.name} holds a secret`).not.toContain(secret);
          expect(row, `${table.name} holds a secret as bytes`).not.toContain(Buffer.from(secret).toString('hex'));
        }
      }
    }
    // Payloads are stored deflated, so the table scan above cannot see into them: read them whole.
    const [event]: { payload: Buffer }[] = await server.app.db.query('SELECT payload FROM event WHERE project_id = $1', [project.id]);
    for (const secret of secrets) expect(JSON.stringify(eventPayload(event!)), 'the event payload holds a secret').not.toContain(secret);
    expect((eventPayload(event!).contexts as { login: { password: string } }).login.password).toBe('[Filtered]');
  });

  it('re-opens a resolved issue as a regression when it happens again', async () => {
    const { project, dsn } = await tenantWithDsn();
    await runSdkApp(dsn, 'message');
    await waitForEvents(server.app, project.id, 2);
    const [issue] = await issuesOf(project.id);
    // Resolve it the way the product does (mutation tests cover the GraphQL path).
    await server.app.db.query("UPDATE issue SET status = 'resolved', resolution = 'now', resolved_at = now() WHERE id = $1", [issue!.id]);
    await runSdkApp(dsn, 'message');
    await waitForEvents(server.app, project.id, 4);
    const [after] = await issuesOf(project.id);
    expect(after).toMatchObject({ status: 'unresolved', times_seen: 4 });
    const activity: { type: string }[] = await server.app.db.query('SELECT type FROM activity WHERE issue_id = $1', [issue!.id]);
    expect(activity.map((a) => a.type)).toContain('set_regression');
    const rows: { substatus: string }[] = await server.app.db.query('SELECT substatus FROM issue WHERE id = $1', [issue!.id]);
    expect(rows[0]?.substatus).toBe('regressed');
  });

  it('drops a resent event (same event_id) instead of storing it twice', async () => {
    const { project, dsn } = await tenantWithDsn();
    await runSdkApp(dsn, 'message');
    await waitForEvents(server.app, project.id, 2);
    const [stored]: { event_id: string }[] = await server.app.db.query('SELECT event_id FROM event WHERE project_id = $1 LIMIT 1', [project.id]);
    const key = new URL(dsn).username;
    const body = `{"event_id":"${stored!.event_id}"}\n{"type":"event"}\n${JSON.stringify({ event_id: stored!.event_id, message: 'again' })}\n`;
    const response = await fetch(`${server.url}/api/${project.id}/envelope/?sentry_key=${key}`, { method: 'POST', body });
    expect(response.status).toBe(200);
    await waitFor(async () => (await server.app.db.query('SELECT 1 FROM ingest_queue')).length === 0, { what: 'queue drained' });
    expect(await eventCount(server.app, project.id)).toBe(2);
  });
});

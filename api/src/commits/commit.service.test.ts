import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTenant } from '../../../test/support/factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { findOrCreateRemoteRepository } from '../repositories/repository.service.js';
import { recordCommits, type CommitInput } from './commit.service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

async function setup() {
  const { organization } = await buildTenant(server.app);
  const repository = await server.app.db.transaction((tx) => findOrCreateRemoteRepository(tx, organization.id, 'origin'));
  const record = (commits: CommitInput[]) =>
    server.app.db.transaction((tx) => recordCommits(tx, server.app.queue, { organizationId: organization.id, repositoryId: repository.id, commits }));
  return { organization, repository, record };
}

async function queuedCommitIds(): Promise<number[][]> {
  const rows: { data: { commitIds: number[] } }[] = await server.app.db.query("SELECT data FROM pgboss.job WHERE name = 'commits.process'");
  return rows.map((r) => r.data.commitIds);
}

describe('recordCommits', () => {
  it('creates commits with files and lower-cased emails, and enqueues commits.process for them', async () => {
    const { record } = await setup();
    const result = await record([
      { id: 'b2', parent: 'a1', message: 'Second\n', authorName: 'Dev', authorEmail: ' Dev@Example.COM ', timestamp: '2026-11-27T10:03:48+02:00', files: [{ path: 'src/b.js', type: 'A' }] },
      { id: 'a1', message: 'First', authorName: 'Dev', authorEmail: 'dev@example.com', files: [{ path: 'README.md', type: 'M' }, { path: 'old.txt', type: 'D' }] },
    ]);
    expect(result.commitIds).toHaveLength(2);
    expect([...result.createdIds].sort()).toEqual([...result.commitIds].sort());
    const [b2] = await server.app.db.query('SELECT key, parent_key, message, author_email, date_added FROM commit WHERE id = $1', [result.commitIds[0]]);
    expect(b2).toEqual({ key: 'b2', parent_key: 'a1', message: 'Second\n', author_email: 'dev@example.com', date_added: new Date('2026-11-27T08:03:48Z') });
    const files = await server.app.db.query('SELECT filename, type FROM commit_file_change WHERE commit_id = $1 ORDER BY filename', [result.commitIds[1]]);
    expect(files).toEqual([{ filename: 'README.md', type: 'M' }, { filename: 'old.txt', type: 'D' }]);
    expect(await queuedCommitIds()).toContainEqual([...result.createdIds].sort((a, b) => a - b));
  });

  it('keeps what a known commit has, fills what it lacks, and enqueues only new commits', async () => {
    const { record } = await setup();
    const first = await record([{ id: 'c3', message: 'Third', authorName: null, authorEmail: null }]);
    const queuedBefore = (await queuedCommitIds()).length;
    const second = await record([
      { id: 'c3', message: 'Rewritten', authorName: 'Late Name', authorEmail: 'late@example.com', parent: 'c2', files: [{ path: 'x.js', type: 'M' }] },
      { id: 'c3', message: 'Duplicate in one call' },
    ]);
    expect(second).toEqual({ commitIds: [first.commitIds[0], first.commitIds[0]], createdIds: [] });
    const [row] = await server.app.db.query('SELECT message, author_name, author_email, parent_key FROM commit WHERE id = $1', [first.commitIds[0]]);
    expect(row).toEqual({ message: 'Third', author_name: 'Late Name', author_email: 'late@example.com', parent_key: 'c2' });
    expect(await server.app.db.query('SELECT filename FROM commit_file_change WHERE commit_id = $1', [first.commitIds[0]])).toEqual([{ filename: 'x.js' }]);
    expect((await queuedCommitIds()).length).toBe(queuedBefore);
  });

  it('rejects invalid SHAs and file changes', async () => {
    const { record } = await setup();
    await expect(record([{ id: 'not a sha' }])).rejects.toThrow(/not a valid commit id/);
    await expect(record([{ id: 'abc', files: [{ path: 'x', type: 'R' as 'A' }] }])).rejects.toThrow(/Invalid file change/);
    await expect(record([{ id: 'abc', timestamp: 'yesterday' }])).rejects.toThrow(/timestamp/);
  });
});

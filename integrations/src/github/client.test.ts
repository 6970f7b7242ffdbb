import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub, type FakeGithubCommit } from '../../../test/support/fake-github.js';
import { GithubClient } from './client.js';

let github: FakeGithub;
let client: GithubClient;
const sha = (n: number) => n.toString(16).padStart(40, '0');

beforeAll(async () => {
  github = await startFakeGithub();
  client = new GithubClient({ apiUrl: `${github.url}/`, token: 'secret-token' });
  const commits: FakeGithubCommit[] = [];
  for (let i = 1; i <= 250; i++) {
    commits.push({
      sha: sha(i),
      parent: i > 1 ? sha(i - 1) : null,
      message: `change ${i}`,
      author: { name: `Dev ${i}`, email: `dev${i}@example.com`, date: '2026-11-27T10:00:00Z' },
      files: i === 3 ? [{ filename: 'new.js', status: 'renamed', previous_filename: 'old.js' }, { filename: 'gone.js', status: 'removed' }, { filename: 'x.js', status: 'modified' }] : [],
    });
  }
  github.addCommits('acme/web', commits);
});
afterAll(async () => github?.close());

describe('GithubClient', () => {
  it('compares a range newest first, following pages, with the token', async () => {
    const range = await client.compareCommits('acme/web', sha(1), sha(250));
    expect(range).toHaveLength(249);
    expect(range![0]).toEqual({ id: sha(250), message: 'change 250', authorName: 'Dev 250', authorEmail: 'dev250@example.com', timestamp: '2026-11-27T10:00:00Z', parent: sha(249), files: null });
    expect(range!.at(-1)!.id).toBe(sha(2));
    expect(github.requests.filter((r) => r.path.includes('/compare/')).map((r) => r.path.split('?')[1])).toEqual(['per_page=100&page=1', 'per_page=100&page=2', 'per_page=100&page=3']);
    expect(github.requests.every((r) => r.authorization === 'token secret-token')).toBe(true);
  });

  it('keeps the newest commits of a range longer than the cap', async () => {
    const range = await client.compareCommits('acme/web', sha(1), sha(250), 120);
    expect(range).toHaveLength(120);
    expect(range![0]!.id).toBe(sha(250));
    expect(range!.at(-1)!.id).toBe(sha(131));
  });

  it('gets one commit with git name-status file changes (a rename is a delete and an add)', async () => {
    const commit = await client.getCommit('acme/web', sha(3));
    expect(commit?.files).toEqual([
      { path: 'old.js', type: 'D' },
      { path: 'new.js', type: 'A' },
      { path: 'gone.js', type: 'D' },
      { path: 'x.js', type: 'M' },
    ]);
  });

  it('answers null for unknown repositories and commits', async () => {
    expect(await client.getCommit('acme/nope', sha(1))).toBeNull();
    expect(await client.getCommit('acme/web', sha(999))).toBeNull();
    expect(await client.compareCommits('acme/web', sha(999), sha(2))).toBeNull();
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeGithubCommit {
  sha: string;
  parent: string | null;
  message: string;
  author: { name: string; email: string; date: string };
  /** GitHub file statuses: added, removed, modified, renamed… */
  files: { filename: string; status: string; previous_filename?: string }[];
}

export interface FakeGithub {
  url: string;
  /** Requests received, e.g. `GET /repos/acme/web/compare/a...b?per_page=100&page=1`, with their Authorization header. */
  requests: { path: string; authorization: string | undefined }[];
  addCommits(repo: string, commits: FakeGithubCommit[]): void;
  close(): Promise<void>;
}

/** A commit as GitHub's REST API returns it (the fields that matter, plus the usual noise). */
function rawCommit(base: string, repo: string, commit: FakeGithubCommit, withFiles: boolean) {
  const person = { name: commit.author.name, email: commit.author.email, date: commit.author.date };
  return {
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 12)}`,
    url: `${base}/repos/${repo}/commits/${commit.sha}`,
    html_url: `https://github.com/${repo}/commit/${commit.sha}`,
    comments_url: `${base}/repos/${repo}/commits/${commit.sha}/comments`,
    commit: {
      author: person,
      committer: person,
      message: commit.message,
      tree: { sha: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', url: `${base}/repos/${repo}/git/trees/4b825dc642cb6eb9a060e54bf8d69288fbee4904` },
      url: `${base}/repos/${repo}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
    },
    author: null,
    committer: null,
    parents: commit.parent ? [{ sha: commit.parent, url: `${base}/repos/${repo}/commits/${commit.parent}`, html_url: `https://github.com/${repo}/commit/${commit.parent}` }] : [],
    ...(withFiles
      ? {
          stats: { total: commit.files.length, additions: commit.files.length, deletions: 0 },
          files: commit.files.map((f) => ({ sha: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391', additions: 1, deletions: 0, changes: 1, patch: '@@ -0,0 +1 @@', ...f })),
        }
      : {}),
  };
}

/**
 * A loopback stand-in for the two GitHub REST endpoints Vigil calls: compare (paginated, oldest
 * first, 404 for unknown SHAs) and get-commit (with files).
 */
export async function startFakeGithub(): Promise<FakeGithub> {
  const repos = new Map<string, Map<string, FakeGithubCommit>>();
  const requests: FakeGithub['requests'] = [];
  let base = '';
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };
  const notFound = (res: http.ServerResponse) =>
    send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push({ path: `${req.method} ${url.pathname}${url.search}`, authorization: req.headers.authorization });
    const compare = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/compare\/([^/.]+)\.\.\.([^/.]+)$/);
    const single = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/commits\/([^/]+)$/);
    const commits = repos.get((compare?.[1] ?? single?.[1] ?? '').toLowerCase());
    if (req.method !== 'GET' || !commits) return notFound(res);
    if (single) {
      const commit = commits.get(single[2]!);
      return commit ? send(res, 200, rawCommit(base, single[1]!, commit, true)) : notFound(res);
    }
    const [, repo, baseSha, headSha] = compare!;
    const baseCommit = commits.get(baseSha!);
    const range: FakeGithubCommit[] = [];
    for (let c = commits.get(headSha!); c && c.sha !== baseSha; c = c.parent ? commits.get(c.parent) : undefined) range.push(c);
    if (!baseCommit || range.length === 0 || range.at(-1)!.parent !== baseSha) return notFound(res);
    range.reverse();
    const perPage = Number(url.searchParams.get('per_page') ?? 250);
    const page = Number(url.searchParams.get('page') ?? 1);
    return send(res, 200, {
      url: `${base}/repos/${repo}/compare/${baseSha}...${headSha}`,
      html_url: `https://github.com/${repo}/compare/${baseSha}...${headSha}`,
      base_commit: rawCommit(base, repo!, baseCommit, false),
      merge_base_commit: rawCommit(base, repo!, baseCommit, false),
      status: 'ahead',
      ahead_by: range.length,
      behind_by: 0,
      total_commits: range.length,
      commits: range.slice((page - 1) * perPage, page * perPage).map((c) => rawCommit(base, repo!, c, false)),
      files: page === 1 ? range.flatMap((c) => c.files) : [],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    addCommits(repo, list) {
      const commits = repos.get(repo.toLowerCase()) ?? new Map<string, FakeGithubCommit>();
      for (const commit of list) commits.set(commit.sha, commit);
      repos.set(repo.toLowerCase(), commits);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

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
  /**
   * Who may do what with the repository, by token: a private repository answers 404 to anyone
   * but its `readers` and `admins`, as GitHub does; only `admins` may list its webhooks. Tokens add up.
   */
  setAccess(repo: string, access: { private?: boolean; readers?: string[]; admins?: string[] }): void;
  /** A webhook in the repository's settings (what a repository admin sets up). */
  addWebhook(repo: string, url: string): void;
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

interface FakeRepoAccess {
  private: boolean;
  readers: Set<string>;
  admins: Set<string>;
  hooks: string[];
}

/**
 * A loopback stand-in for the GitHub REST endpoints Vigil calls: compare (paginated, oldest
 * first, 404 for unknown SHAs), get-commit (with files) and list-webhooks (admins only).
 */
export async function startFakeGithub(): Promise<FakeGithub> {
  const repos = new Map<string, Map<string, FakeGithubCommit>>();
  const access = new Map<string, FakeRepoAccess>();
  const accessOf = (repo: string): FakeRepoAccess => {
    const key = repo.toLowerCase();
    if (!access.has(key)) access.set(key, { private: false, readers: new Set(), admins: new Set(), hooks: [] });
    return access.get(key)!;
  };
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
    const hooks = url.pathname.match(/^\/repos\/([^/]+\/[^/]+)\/hooks$/);
    const repoName = compare?.[1] ?? single?.[1] ?? hooks?.[1] ?? '';
    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const rights = accessOf(repoName);
    const isAdmin = token !== undefined && rights.admins.has(token);
    const mayRead = !rights.private || isAdmin || (token !== undefined && rights.readers.has(token));
    const commits = repos.get(repoName.toLowerCase());
    if (req.method !== 'GET' || !commits || !mayRead) return notFound(res);
    if (hooks) {
      if (!isAdmin) return notFound(res);
      return send(res, 200, rights.hooks.map((hookUrl, i) => ({ id: i + 1, type: 'Repository', name: 'web', active: true, events: ['push'], config: { url: hookUrl, content_type: 'json', insecure_ssl: '0' } })));
    }
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
    setAccess(repo, { private: isPrivate, readers = [], admins = [] }) {
      const rights = accessOf(repo);
      if (isPrivate !== undefined) rights.private = isPrivate;
      readers.forEach((t) => rights.readers.add(t));
      admins.forEach((t) => rights.admins.add(t));
    },
    addWebhook(repo, url) {
      accessOf(repo).hooks.push(url);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import type { Octokit } from '@octokit/rest';

export interface GithubClientOptions {
  /** `https://api.github.com`, or a GitHub Enterprise / test server base URL. */
  apiUrl: string;
  /** A token with read access to the repositories; without one only public repositories work. */
  token: string | null;
  /** Per-request timeout. */
  timeoutMs?: number;
}

export type GithubFileChangeType = 'A' | 'M' | 'D';

/** A commit normalized to what Vigil records (the shape `recordCommits` takes). */
export interface GithubCommit {
  id: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  timestamp: string | null;
  /** The first parent's SHA. */
  parent: string | null;
  /** Changed files; null when this response did not list them (compare lists none per commit). */
  files: { path: string; type: GithubFileChangeType }[] | null;
}

interface RawCommit {
  sha: string;
  commit: { message: string; author: { name?: string; email?: string; date?: string } | null };
  parents: { sha: string }[];
  files?: RawFile[];
}

interface RawFile {
  filename: string;
  status: string;
  previous_filename?: string;
}

/** GitHub file statuses as git name-status letters; a rename is the old path deleted plus the new one added. */
function fileChanges(files: RawFile[]): { path: string; type: GithubFileChangeType }[] {
  return files.flatMap((file): { path: string; type: GithubFileChangeType }[] => {
    switch (file.status) {
      case 'added':
      case 'copied':
        return [{ path: file.filename, type: 'A' }];
      case 'removed':
        return [{ path: file.filename, type: 'D' }];
      case 'renamed':
        return [
          ...(file.previous_filename ? [{ path: file.previous_filename, type: 'D' as const }] : []),
          { path: file.filename, type: 'A' },
        ];
      case 'unchanged':
        return [];
      default:
        return [{ path: file.filename, type: 'M' }];
    }
  });
}

export function normalizeGithubCommit(raw: RawCommit): GithubCommit {
  const author = raw.commit.author ?? {};
  return {
    id: raw.sha,
    message: raw.commit.message,
    authorName: author.name ?? null,
    authorEmail: author.email ?? null,
    timestamp: author.date ?? null,
    parent: raw.parents[0]?.sha ?? null,
    files: raw.files ? fileChanges(raw.files) : null,
  };
}

function splitRepo(repo: string): { owner: string; repo: string } {
  const [owner, name, ...rest] = repo.split('/');
  if (!owner || !name || rest.length > 0) throw new Error(`"${repo}" is not a GitHub repository name (owner/repo)`);
  return { owner, repo: name };
}

function isMissing(error: unknown): boolean {
  const status = (error as { status?: number } | null)?.status;
  return status === 404 || status === 422;
}

/**
 * The GitHub REST API, reduced to what release commit resolution needs. Unknown repositories or
 * commits come back as null; any other failure throws, so the calling job is retried.
 */
export class GithubClient {
  private octokit: Promise<Octokit> | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly options: GithubClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** The client, its package loaded on the first call (most processes never call GitHub). */
  private client(): Promise<Octokit> {
    const { apiUrl, token } = this.options;
    this.octokit ??= import('@octokit/rest').then(
      ({ Octokit }) =>
        new Octokit({
          baseUrl: apiUrl.replace(/\/+$/, ''),
          userAgent: 'vigil',
          ...(token ? { auth: token } : {}),
          log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
        }),
    );
    return this.octokit;
  }

  /** The commits in `base..head`, newest first; of a longer range only the newest `maxCommits`. */
  async compareCommits(repo: string, base: string, head: string, maxCommits = 1000): Promise<GithubCommit[] | null> {
    const perPage = 100;
    const octokit = await this.client();
    const comparePage = async (page: number) =>
      (
        await octokit.repos.compareCommitsWithBasehead({
          ...splitRepo(repo),
          basehead: `${base}...${head}`,
          per_page: perPage,
          page,
          request: { signal: AbortSignal.timeout(this.timeoutMs) },
        })
      ).data;
    try {
      const first = await comparePage(1);
      // GitHub lists oldest first: the newest commits are on the last pages.
      const lastPage = Math.ceil(first.total_commits / perPage);
      const startPage = Math.max(2, lastPage - Math.ceil(maxCommits / perPage) + 1);
      const commits = startPage === 2 ? [...(first.commits as RawCommit[])] : [];
      for (let page = startPage; page <= lastPage; page++) commits.push(...((await comparePage(page)).commits as RawCommit[]));
      return commits.reverse().slice(0, maxCommits).map(normalizeGithubCommit);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /**
   * The URLs of the repository's webhooks. Listing them needs admin rights on the repository, so
   * null (not found, or no access) means this token cannot vouch for anything about it.
   */
  async webhookUrls(repo: string): Promise<string[] | null> {
    const octokit = await this.client();
    try {
      const hooks = await octokit.paginate(octokit.repos.listWebhooks, {
        ...splitRepo(repo),
        per_page: 100,
        request: { signal: AbortSignal.timeout(this.timeoutMs) },
      });
      return hooks.flatMap((hook) => (typeof hook.config.url === 'string' ? [hook.config.url] : []));
    } catch (error) {
      const status = (error as { status?: number } | null)?.status;
      if (isMissing(error) || status === 401 || status === 403) return null;
      throw error;
    }
  }

  /** One commit with its changed files. */
  async getCommit(repo: string, sha: string): Promise<GithubCommit | null> {
    const octokit = await this.client();
    try {
      const { data } = await octokit.repos.getCommit({
        ...splitRepo(repo),
        ref: sha,
        request: { signal: AbortSignal.timeout(this.timeoutMs) },
      });
      return normalizeGithubCommit(data as RawCommit);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
}

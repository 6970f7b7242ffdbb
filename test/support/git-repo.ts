import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface GitAuthor {
  name: string;
  email: string;
}

export interface GitCommitSpec {
  message: string;
  author: GitAuthor;
  /** Path → new content; null deletes the file. */
  files: Record<string, string | null>;
  /** ISO date with offset, e.g. `2026-11-27T10:00:00+02:00`. */
  date?: string;
}

export interface GitLogEntry {
  sha: string;
  parent: string | null;
  message: string;
  author: GitAuthor;
  date: string;
  files: { path: string; type: 'A' | 'M' | 'D' }[];
}

/** A throwaway git repository in the OS temp folder, with commits made by explicit authors. */
export class TempGitRepo {
  private constructor(readonly dir: string) {}

  static async create(options: { origin?: string } = {}): Promise<TempGitRepo> {
    const repo = new TempGitRepo(await mkdtemp(path.join(os.tmpdir(), 'vigil-git-')));
    await repo.git(['init', '--quiet', '--initial-branch=main']);
    if (options.origin) await repo.git(['remote', 'add', 'origin', options.origin]);
    return repo;
  }

  git(args: string[], env: Record<string, string> = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args],
        { cwd: this.dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.dir, GIT_CONFIG_NOSYSTEM: '1', ...env } },
        (error, stdout, stderr) => (error ? reject(new Error(`git ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout)),
      );
    });
  }

  /** Makes one commit and returns its SHA. */
  async commit(spec: GitCommitSpec): Promise<string> {
    for (const [file, content] of Object.entries(spec.files)) {
      const full = path.join(this.dir, file);
      if (content === null) {
        await this.git(['rm', '--quiet', file]);
      } else {
        await mkdir(path.dirname(full), { recursive: true });
        await writeFile(full, content);
        await this.git(['add', file]);
      }
    }
    const date = spec.date ?? new Date().toISOString();
    await this.git(['commit', '--quiet', '-m', spec.message], {
      GIT_AUTHOR_NAME: spec.author.name,
      GIT_AUTHOR_EMAIL: spec.author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: spec.author.name,
      GIT_COMMITTER_EMAIL: spec.author.email,
      GIT_COMMITTER_DATE: date,
    });
    return (await this.git(['rev-parse', 'HEAD'])).trim();
  }

  /** Every commit, newest first, with first parent and name-status file changes. */
  async log(): Promise<GitLogEntry[]> {
    const out = await this.git(['log', '--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%B%x1f', '--name-status', '--no-renames']);
    return out
      .split('\x1e')
      .filter((chunk) => chunk.trim() !== '')
      .map((chunk) => {
        const [sha, parents, name, email, date, message, rest] = chunk.split('\x1f') as [string, string, string, string, string, string, string];
        const files = rest
          .split('\n')
          .map((line) => line.split('\t'))
          .filter((parts): parts is [string, string] => parts.length === 2)
          .map(([type, file]) => ({ path: file, type: type as 'A' | 'M' | 'D' }));
        return { sha, parent: parents.split(' ')[0] || null, message, author: { name, email }, date, files };
      });
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

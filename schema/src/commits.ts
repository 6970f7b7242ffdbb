/** A commit as any integration hands it to Vigil (GitHub push, GitHub API, Heroku, sentry-cli). */
export interface NormalizedCommit {
  /** The SHA. */
  id: string;
  message: string;
  authorName: string | null;
  authorEmail: string | null;
  timestamp: Date;
  /** The first parent's SHA, when known. */
  parent: string | null;
  files: { path: string; type: 'A' | 'M' | 'D' }[];
}

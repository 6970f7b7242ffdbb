import { Link } from 'react-router';
import { paths } from '../lib/paths';
import type { CommitAuthorFieldsFragment, CommitFieldsFragment } from '../graphql/generated/graphql';

/** The author as people know them: the Vigil user's name, else the name or email in the commit. */
export const commitAuthorName = (author: CommitAuthorFieldsFragment): string => author.user?.name || author.name || author.email || 'unknown';

/** The short sha, linked to the commit on the provider when its URL is known. */
export function CommitSha({ commit }: { commit: Pick<CommitFieldsFragment, 'sha' | 'shortSha' | 'url'> }) {
  return commit.url ? (
    <a href={commit.url} className="mono" target="_blank" rel="noreferrer">
      {commit.shortSha}
    </a>
  ) : (
    <code title={commit.sha}>{commit.shortSha}</code>
  );
}

/** "Fixes WEB-2", "closes API-1F": the keywords that resolve an issue from a commit (as in Sentry). */
const FIXES = /\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?)\s+([A-Za-z0-9][A-Za-z0-9_-]*-[0-9A-Za-z]+)\b/gi;

/** The short ids a commit message says it fixes. */
export function fixedShortIds(message: string): string[] {
  return [...new Set([...message.matchAll(FIXES)].map((m) => m[1]!.toUpperCase()))];
}

/** A commit's title, then links to the issues its message says it fixes. */
export function CommitMessage({ org, commit }: { org: string; commit: { title: string; message: string } }) {
  const fixed = fixedShortIds(commit.message);
  return (
    <div title={commit.message}>
      {commit.title}
      {fixed.length > 0 && (
        <span className="fixes">
          {' '}
          · Fixes{' '}
          {fixed.map((shortId, i) => (
            <span key={shortId}>
              {i > 0 && ', '}
              <Link to={paths.issue(org, shortId)}>{shortId}</Link>
            </span>
          ))}
        </span>
      )}
    </div>
  );
}

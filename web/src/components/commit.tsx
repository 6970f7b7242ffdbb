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

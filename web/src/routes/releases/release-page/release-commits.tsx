import { useQuery } from 'urql';
import { CommitMessage, CommitSha, commitAuthorName } from '../../../components/commit';
import { QueryResult } from '../../../components/query-state';
import { RelativeTime } from '../../../components/relative-time';
import { ReleaseCommitsQuery } from '../../../graphql/documents/releases';

/** The commits tab: each commit with its author and repository, and the release's authors. */
export function ReleaseCommits({ org, version }: { org: string; version: string }) {
  const [result] = useQuery({ query: ReleaseCommitsQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading commits…">
      {(data) => {
        const release = data.organization.release;
        if (!release || release.commits.length === 0) {
          return (
            <div className="empty panel">
              <h3>No commits</h3>
              <p>
                Associate commits with <code>sentry-cli releases set-commits</code>, or connect the repository and push.
              </p>
            </div>
          );
        }
        return (
          <div className="grid-2">
            <table className="table panel" aria-label="Commits">
              <thead>
                <tr>
                  <th>Commit</th>
                  <th>Author</th>
                  <th>Repository</th>
                  <th>Date</th>
                </tr>
              </thead>
              <tbody>
                {release.commits.map((commit) => (
                  <tr key={commit.id}>
                    <td>
                      <CommitMessage org={org} commit={commit} />
                      <CommitSha commit={commit} />
                    </td>
                    <td>{commitAuthorName(commit.author)}</td>
                    <td className="muted">{commit.repository}</td>
                    <td className="nowrap">
                      <RelativeTime date={commit.dateCreated} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <aside className="sidebar-section" aria-label="Authors">
              <h3>Authors</h3>
              <ul className="activity">
                {release.authors.map((author, i) => (
                  <li key={`${author.email ?? author.name ?? i}`}>
                    <div>
                      <strong>{author.user?.name || author.name || author.email}</strong>
                      {author.email && <div className="faint">{author.email}</div>}
                    </div>
                  </li>
                ))}
              </ul>
            </aside>
          </div>
        );
      }}
    </QueryResult>
  );
}

import { useMutation, useQuery } from 'urql';
import { Avatar } from '../../components/avatar';
import { CommitSha, commitAuthorName } from '../../components/commit';
import { QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { IssueOwnershipQuery, UpdateIssueMutation } from '../../graphql/documents/issue';

/**
 * Who could fix it (members whose recent commits touched the stack trace's files) and the
 * commits that say they fix it ("Fixes WEB-12").
 */
export function Ownership({ org, shortId, issueId, writable }: { org: string; shortId: string; issueId: string; writable: boolean }) {
  const [result] = useQuery({ query: IssueOwnershipQuery, variables: { org, shortId } });
  const [assigning, assign] = useMutation(UpdateIssueMutation);
  return (
    <QueryResult result={result}>
      {(data) => {
        const { suggestedAssignees, commits } = data.organization.issue;
        return (
          <>
            <section className="sidebar-section" aria-label="Suggested assignees">
              <h3>Suggested assignees</h3>
              {suggestedAssignees.length === 0 ? (
                <p className="muted">No member's recent commits touch this stack trace.</p>
              ) : (
                <ul className="activity">
                  {suggestedAssignees.map((s) => (
                    <li key={s.member.id}>
                      <Avatar assignee={{ __typename: 'User', ...s.member.user }} />
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <strong>{s.member.user.name || s.member.user.email}</strong>
                        <div className="faint" style={{ fontSize: '0.85em' }}>
                          {s.reason}
                          {s.commits[0] && (
                            <>
                              {' '}
                              · <code>{s.commits[0].shortSha}</code> {s.commits[0].title}
                            </>
                          )}
                        </div>
                      </div>
                      {writable && (
                        <button type="button" className="small" disabled={assigning.fetching} onClick={() => void assign({ id: issueId, input: { assignee: { userId: s.member.user.id } } })}>
                          Assign
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {commits.length > 0 && (
              <section className="sidebar-section" aria-label="Linked commits">
                <h3>Linked commits</h3>
                <ul className="activity">
                  {commits.map((commit) => (
                    <li key={commit.id}>
                      <div style={{ minWidth: 0 }}>
                        <div className="truncate" title={commit.title}>
                          {commit.title}
                        </div>
                        <div className="faint" style={{ fontSize: '0.85em' }}>
                          <CommitSha commit={commit} /> in {commit.repository} by {commitAuthorName(commit.author)} · <RelativeTime date={commit.dateCreated} />
                        </div>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        );
      }}
    </QueryResult>
  );
}

import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { IssueGroupHashesQuery, UnmergeIssueMutation } from '../../graphql/documents/issue-views';
import { paths } from '../../lib/paths';

/**
 * The issue's grouping hashes: one for the issue itself and one for each issue merged into it,
 * each with its newest event. Checked hashes split off, with their events, into a new issue.
 */
export function MergedIssuesTab({ org, shortId, issueId, writable }: { org: string; shortId: string; issueId: string; writable: boolean }) {
  const [result] = useQuery({ query: IssueGroupHashesQuery, variables: { org, shortId } });
  const [unmerge, runUnmerge] = useMutation(UnmergeIssueMutation);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<{ shortId: string } | null>(null);
  const navigate = useNavigate();
  return (
    <section aria-label="Merged issues">
      <p className="muted">
        Events whose grouping hash is listed here join this issue. Unmerge moves the checked hashes and their events into a new issue.
      </p>
      <div role="status" aria-live="polite">
        {done && (
          <p className="message success">
            Unmerged into <Link to={paths.issue(org, done.shortId)}>{done.shortId}</Link>.
          </p>
        )}
      </div>
      {unmerge.error && <ErrorMessage error={unmerge.error} />}
      <QueryResult result={result} loadingLabel="Loading hashes…">
        {(data) => {
          const hashes = data.organization.issue.groupHashes;
          const all = checked.size >= hashes.length;
          return (
            <>
              <div className="table-scroll" role="region" tabIndex={0} aria-label="Grouping hashes">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">
                        <span className="visually-hidden">Select</span>
                      </th>
                      <th scope="col">Hash</th>
                      <th scope="col">Latest event</th>
                      <th scope="col" className="num">
                        Events
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {hashes.map((h) => (
                      <tr key={h.hash} data-testid="group-hash">
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Select hash ${h.hash}`}
                            disabled={!writable || hashes.length < 2}
                            checked={checked.has(h.hash)}
                            onChange={(e) => {
                              const next = new Set(checked);
                              if (e.target.checked) next.add(h.hash);
                              else next.delete(h.hash);
                              setChecked(next);
                            }}
                          />
                        </td>
                        <td className="mono">{h.hash}</td>
                        <td>
                          {h.latestEvent ? (
                            <>
                              <Link to={paths.issueEvent(org, shortId, h.latestEvent.eventId)}>{h.latestEvent.message ?? h.latestEvent.title}</Link>{' '}
                              <RelativeTime date={h.latestEvent.timestamp} className="faint" />
                            </>
                          ) : (
                            <span className="faint">no stored events</span>
                          )}
                        </td>
                        <td className="num">{h.eventCount}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {writable && hashes.length > 1 && (
                <div className="toolbar">
                  <button
                    type="button"
                    className="small"
                    disabled={checked.size === 0 || all || unmerge.fetching}
                    onClick={async () => {
                      const answer = await runUnmerge({ issueId, hashes: [...checked] });
                      const created = answer.data?.unmergeIssue;
                      if (!created) return;
                      setChecked(new Set());
                      setDone({ shortId: created.shortId });
                    }}
                  >
                    Unmerge {checked.size > 0 ? checked.size : ''} hash{checked.size === 1 ? '' : 'es'}
                  </button>
                  {all && <span className="muted">Keep at least one hash on this issue.</span>}
                </div>
              )}
              {hashes.length < 2 && <p className="muted">Nothing has been merged into this issue. Merge issues from the issue list (select two or more, then Merge).</p>}
              {done && (
                <button type="button" className="small link" onClick={() => navigate(paths.issue(org, done.shortId))}>
                  Open {done.shortId}
                </button>
              )}
            </>
          );
        }}
      </QueryResult>
    </section>
  );
}

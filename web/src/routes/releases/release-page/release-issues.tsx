import { Link } from 'react-router';
import { useQuery } from 'urql';
import { QueryResult } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { ReleaseIssuesQuery } from '../../../graphql/documents/releases';
import type { ReleaseIssueFragment } from '../../../graphql/generated/graphql';
import { paths } from '../../../lib/paths';
import { IssueTitle } from '../../stream/issue-row';

/** The issues tab: issues first seen in the release, and issues it resolved. */
export function ReleaseIssues({ org, version }: { org: string; version: string }) {
  const [result] = useQuery({ query: ReleaseIssuesQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading issues…">
      {(data) => (
        <>
          <section aria-label="New issues">
            <h2 style={{ marginBottom: 8 }}>New in this release</h2>
            <IssueList issues={data.organization.release?.newIssues ?? []} org={org} empty="No issues were first seen in this release." />
          </section>
          <section className="section" aria-label="Resolved issues">
            <h2 style={{ marginBottom: 8 }}>Resolved in this release</h2>
            <IssueList issues={data.organization.release?.resolvedIssues ?? []} org={org} empty="No issues were resolved in this release." />
          </section>
        </>
      )}
    </QueryResult>
  );
}

function IssueList({ issues, org, empty }: { issues: ReleaseIssueFragment[]; org: string; empty: string }) {
  if (issues.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="table panel">
      <tbody>
        {issues.map((issue) => (
          <tr key={issue.id}>
            <td>
              <Link to={paths.issue(org, issue.shortId)}>
                <IssueTitle issue={issue} />
              </Link>
              <div className="faint mono" style={{ fontSize: '0.85em' }}>
                {issue.shortId}
              </div>
            </td>
            <td>
              <StatusBadge status={issue.status} substatus={issue.substatus} />
            </td>
            <td className="num">
              {issue.count} event{issue.count === 1 ? '' : 's'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { Link } from 'react-router';
import { useQuery } from 'urql';
import { IssueEnvironmentStatsQuery } from '../../graphql/documents/issue-views';
import { RelativeTime } from '../../components/relative-time';
import { LevelDot, StatusBadge } from '../../components/status-badge';
import type { IssueDetailsFragment } from '../../graphql/generated/graphql';
import { paths } from '../../lib/paths';
import { formatDateTime } from '../../lib/time';
import { IssueTitle } from '../stream/issue-row';

function ReleaseLink({ org, release }: { org: string; release: { version: string } | null }) {
  if (!release) return <span className="faint">no release</span>;
  return (
    <Link to={paths.release(org, release.version)} className="mono">
      {release.version}
    </Link>
  );
}

/** What people read first: what, where, how often, since when, in which releases. */
export function IssueHeader({ issue, org, environment }: { issue: IssueDetailsFragment; org: string; environment: string | null }) {
  const [stats] = useQuery({ query: IssueEnvironmentStatsQuery, variables: { org, shortId: issue.shortId, environment: environment ?? '' }, pause: !environment });
  const inEnvironment = environment ? stats.data?.organization.issue.environmentStats : null;
  const count = environment ? (inEnvironment?.count ?? '…') : issue.count;
  const userCount = environment ? (inEnvironment?.userCount ?? '…') : issue.userCount;
  return (
    <header className="issue-header">
      <div className="breadcrumbs">
        <Link to={paths.stream(org, `project=${encodeURIComponent(issue.project.slug)}`)}>{issue.project.name}</Link> / <span className="mono">{issue.shortId}</span>
      </div>
      <div className="heading">
        <div style={{ minWidth: 0 }}>
          <h1 className="issue-title">
            <IssueTitle issue={issue} />
          </h1>
          <div className="muted">{issue.culprit}</div>
        </div>
        <div className="stats">
          <div className="stat">
            <span className="label">Events{environment ? ` in ${environment}` : ''}</span>
            <span className="value" data-testid="issue-count">
              {count}
            </span>
          </div>
          <div className="stat">
            <span className="label">Users{environment ? ` in ${environment}` : ''}</span>
            <span className="value" data-testid="issue-user-count">
              {userCount}
            </span>
          </div>
        </div>
      </div>
      <div className="facts">
        <span className="mono" data-testid="short-id">
          {issue.shortId}
        </span>
        <span data-testid="issue-status">
          <StatusBadge status={issue.status} substatus={issue.substatus} />
        </span>
        <span>
          <LevelDot level={issue.level} /> {issue.level}
        </span>
        <span>{issue.platform}</span>
        <span>
          First seen <RelativeTime date={issue.firstSeen} /> in <ReleaseLink org={org} release={issue.firstRelease} />
        </span>
        <span>
          Last seen <RelativeTime date={issue.lastSeen} /> in <ReleaseLink org={org} release={issue.lastRelease} />
        </span>
      </div>
      <Resolution issue={issue} org={org} />
    </header>
  );
}

function Resolution({ issue, org }: { issue: IssueDetailsFragment; org: string }) {
  if (issue.status === 'RESOLVED') {
    const when = issue.resolvedAt ? ` ${formatDateTime(issue.resolvedAt)}` : '';
    if (issue.resolution === 'IN_NEXT_RELEASE') {
      return (
        <div className="message success">
          Resolved in the next release after <ReleaseLink org={org} release={issue.resolvedInRelease} />: an event from a newer release reopens it.
        </div>
      );
    }
    if (issue.resolution === 'IN_RELEASE') {
      return (
        <div className="message success">
          Resolved in <ReleaseLink org={org} release={issue.resolvedInRelease} />.
        </div>
      );
    }
    return <div className="message success">Resolved{when}. A new event reopens it as a regression.</div>;
  }
  if (issue.status === 'IGNORED') {
    const until = issue.ignoreUntil
      ? ` until ${formatDateTime(issue.ignoreUntil)}`
      : issue.ignoreUntilTimesSeen
        ? ` until it occurs ${remaining(Math.max(1, issue.ignoreUntilTimesSeen - issue.count))}`
        : '';
    return <div className="message warning">Ignored{until}.</div>;
  }
  return null;
}

/** "10 more times", "1 more time". */
function remaining(n: number): string {
  return `${n} more time${n === 1 ? '' : 's'}`;
}

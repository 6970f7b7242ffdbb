import { memo } from 'react';
import { Link } from 'react-router';
import { AssigneeMenu } from '../../components/assignee-menu';
import { RelativeTime } from '../../components/relative-time';
import { Sparkline } from '../../components/sparkline';
import { StatusBadge } from '../../components/status-badge';
import type { AssigneeInput, InboxReason, IssueRowFragment } from '../../graphql/generated/graphql';
import { paths } from '../../lib/paths';
import { compactNumber } from '../../lib/time';

/** "TypeError" over "Cannot read…": the type in bold, the message beside it. */
export function IssueTitle({ issue }: { issue: Pick<IssueRowFragment, 'title' | 'metadata'> }) {
  const { type, value } = issue.metadata;
  if (type && value && issue.title.startsWith(`${type}: `)) {
    return (
      <>
        <span className="type">{type}</span> <span className="value">{value}</span>
      </>
    );
  }
  return <>{issue.title}</>;
}

/** Why the issue is in "For review", as Sentry labels it. */
export const INBOX_LABEL: Record<InboxReason, string> = { NEW: 'New', REGRESSION: 'Regression', UNIGNORED: 'Unignored' };

/** One fixed-height row; live changes to counts and the sparkline never move it. */
export const IssueRow = memo(function IssueRow({
  issue,
  org,
  selected,
  isCursor,
  onToggle,
  onAssign,
  assignOpen,
  onAssignOpenChange,
  showProject,
  linkSearch,
}: {
  issue: IssueRowFragment;
  org: string;
  selected: boolean;
  isCursor: boolean;
  onToggle: (id: string) => void;
  onAssign: (id: string, input: AssigneeInput | null) => void;
  assignOpen: boolean;
  onAssignOpenChange: (id: string, open: boolean) => void;
  showProject: boolean;
  linkSearch?: string;
}) {
  return (
    <div
      className={`issue-row${selected ? ' selected' : ''}${isCursor ? ' cursor' : ''}`}
      role="row"
      aria-selected={selected}
      data-issue-id={issue.id}
      data-short-id={issue.shortId}
    >
      <span className={`level level-${issue.level}`} aria-hidden="true" />
      <div role="cell">
        <input type="checkbox" aria-label={`Select ${issue.shortId}`} checked={selected} onChange={() => onToggle(issue.id)} />
      </div>
      <div className="summary" role="cell">
        <Link className="title" to={{ pathname: paths.issue(org, issue.shortId), search: linkSearch ?? '' }}>
          <IssueTitle issue={issue} />
        </Link>
        <div className="culprit" title={issue.culprit}>
          {issue.culprit || '\u00a0'}
        </div>
        <div className="meta">
          <span className="short-id">{issue.shortId}</span>
          {showProject && (
            <span className="badge project-badge" title={`Project ${issue.project.slug}`}>
              {issue.project.slug}
            </span>
          )}
          {issue.inbox && (
            <span className="badge inbox-badge" title="Waiting for review">
              {INBOX_LABEL[issue.inbox.reason]}
            </span>
          )}
          <span title="Last seen">
            ◷ <RelativeTime date={issue.lastSeen} />
          </span>
          <span title="First seen">
            first seen <RelativeTime date={issue.firstSeen} />
          </span>
          {issue.isBookmarked && <span title="Bookmarked">★</span>}
        </div>
      </div>
      <div role="cell" className="trend">
        <Sparkline points={issue.frequency} width={160} height={30} />
      </div>
      <div className="status" role="cell">
        <StatusBadge status={issue.status} substatus={issue.substatus} />
      </div>
      <div className="count" role="cell" title={`${issue.count} events`} data-testid="event-count">
        {compactNumber(issue.count)}
      </div>
      <div className="count users" role="cell" title={`${issue.userCount} users`}>
        {compactNumber(issue.userCount)}
      </div>
      <div role="cell">
        <AssigneeMenu
          org={org}
          compact
          assignee={issue.assignee}
          open={assignOpen}
          onOpenChange={(open) => onAssignOpenChange(issue.id, open)}
          onAssign={(input) => onAssign(issue.id, input)}
        />
      </div>
    </div>
  );
});

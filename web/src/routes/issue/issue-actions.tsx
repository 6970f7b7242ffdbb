import { useState } from 'react';
import { useMutation } from 'urql';
import { AssigneeMenu } from '../../components/assignee-menu';
import { Menu, MenuItem } from '../../components/menu';
import { ErrorMessage } from '../../components/query-state';
import { UpdateIssueMutation } from '../../graphql/documents/issue';
import type { IgnoreInput, IssueDetailsFragment, UpdateIssueInput } from '../../graphql/generated/graphql';

export const IGNORE_OPTIONS: { label: string; ignore: IgnoreInput }[] = [
  { label: 'Forever', ignore: { forever: true } },
  { label: 'For 30 minutes', ignore: { forMinutes: 30 } },
  { label: 'For 2 hours', ignore: { forMinutes: 120 } },
  { label: 'For 24 hours', ignore: { forMinutes: 1440 } },
  { label: 'For 1 week', ignore: { forMinutes: 10080 } },
  { label: 'Until 10 more events', ignore: { untilCount: 10 } },
  { label: 'Until 100 more events', ignore: { untilCount: 100 } },
  { label: 'Until 1000 more events', ignore: { untilCount: 1000 } },
];

/** Resolve (now or in the next release), ignore, assign, bookmark and subscribe. */
export function IssueActions({ issue, org, writable }: { issue: IssueDetailsFragment; org: string; writable: boolean }) {
  const [state, run] = useMutation(UpdateIssueMutation);
  const [pending, setPending] = useState<string | null>(null);
  const update = async (what: string, input: UpdateIssueInput) => {
    setPending(what);
    await run({ id: issue.id, input });
    setPending(null);
  };
  const busy = state.fetching || !writable;
  const resolved = issue.status === 'RESOLVED';
  const ignored = issue.status === 'IGNORED';
  return (
    <div className="issue-actions" aria-label="Issue actions">
      {resolved ? (
        <button type="button" className="active" disabled={busy} onClick={() => update('unresolve', { status: 'UNRESOLVED' })}>
          ✓ Resolved — unresolve
        </button>
      ) : (
        <span className="button-group">
          <button type="button" className="primary" disabled={busy} onClick={() => update('resolve', { status: 'RESOLVED' })}>
            {pending === 'resolve' ? 'Resolving…' : 'Resolve'}
          </button>
          <Menu label="▾" buttonClassName="primary" disabled={busy} title="More ways to resolve">
            {(close) => (
              <>
                <MenuItem close={close} onSelect={() => update('resolve', { status: 'RESOLVED' })}>
                  Resolve now
                </MenuItem>
                <MenuItem close={close} onSelect={() => update('resolve', { status: 'RESOLVED_IN_NEXT_RELEASE' })}>
                  Resolve in the next release
                </MenuItem>
              </>
            )}
          </Menu>
        </span>
      )}
      {ignored ? (
        <button type="button" className="active" disabled={busy} onClick={() => update('unignore', { status: 'UNRESOLVED' })}>
          Ignored — stop ignoring
        </button>
      ) : (
        <Menu label="Ignore ▾" disabled={busy}>
          {(close) =>
            IGNORE_OPTIONS.map((option) => (
              <MenuItem key={option.label} close={close} onSelect={() => update('ignore', { status: 'IGNORED', ignore: option.ignore })}>
                {option.label}
              </MenuItem>
            ))
          }
        </Menu>
      )}
      <AssigneeMenu org={org} assignee={issue.assignee} disabled={busy} onAssign={(assignee) => update('assign', { assignee })} />
      <button type="button" className={issue.isBookmarked ? 'active' : ''} aria-pressed={issue.isBookmarked} disabled={state.fetching} onClick={() => update('bookmark', { isBookmarked: !issue.isBookmarked })}>
        {issue.isBookmarked ? '★ Bookmarked' : '☆ Bookmark'}
      </button>
      <button type="button" className={issue.isSubscribed ? 'active' : ''} aria-pressed={issue.isSubscribed} disabled={state.fetching} onClick={() => update('subscribe', { isSubscribed: !issue.isSubscribed })}>
        {issue.isSubscribed ? 'Subscribed' : 'Subscribe'}
      </button>
      {state.error && <ErrorMessage error={state.error} />}
    </div>
  );
}

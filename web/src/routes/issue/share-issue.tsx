import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CopyButton } from '../../components/copy-button';
import { ErrorMessage } from '../../components/query-state';
import { IssueSharingQuery, SetIssuePublicMutation } from '../../graphql/documents/issue-sharing';

/** Share an issue publicly: a link anyone can open (scrubbed), and the switch that revokes it. */
export function ShareIssue({ org, shortId, writable }: { org: string; shortId: string; writable: boolean }) {
  const [result] = useQuery({ query: IssueSharingQuery, variables: { org, shortId } });
  const [state, setPublic] = useMutation(SetIssuePublicMutation);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const issue = result.data?.organization.issue;
  if (!issue) return null;
  return (
    <div className="menu-anchor">
      <button type="button" aria-expanded={open} aria-controls={panelId} className={issue.isPublic ? 'active' : ''} onClick={() => setOpen(!open)}>
        {issue.isPublic ? 'Shared ▾' : 'Share ▾'}
      </button>
      {open && (
        <div id={panelId} className="menu share-panel" role="group" aria-label="Public sharing">
          <label>
            <input
              type="checkbox"
              checked={issue.isPublic}
              disabled={!writable || state.fetching}
              onChange={(e) => void setPublic({ id: issue.id, isPublic: e.target.checked })}
            />{' '}
            Anyone with the link can see this issue (without tags, user or request data)
          </label>
          {issue.shareUrl && (
            <div className="form-row">
              <input readOnly aria-label="Share link" value={issue.shareUrl} onFocus={(e) => e.target.select()} />
              <CopyButton text={issue.shareUrl} label="Copy link" />
            </div>
          )}
          {state.error && <ErrorMessage error={state.error} />}
        </div>
      )}
    </div>
  );
}

import { AssigneeMenu } from '../../components/assignee-menu';
import { Menu, MenuItem } from '../../components/menu';
import type { UpdateIssueInput } from '../../graphql/generated/graphql';
import { IGNORE_OPTIONS } from '../issue/issue-actions';

/** Resolve, ignore, assign, reopen, mark reviewed, merge or delete the selected issues at once. */
export function BulkActions({
  org,
  count,
  disabled,
  onUpdate,
  onMarkReviewed,
  onDelete,
  assignOpen,
  onAssignOpenChange,
  onMerge,
}: {
  org: string;
  count: number;
  disabled: boolean;
  onUpdate: (input: UpdateIssueInput) => void;
  onMarkReviewed: () => void;
  /** Only for those who may delete (event:admin); opens the confirmation. */
  onDelete: (() => void) | null;
  assignOpen: boolean;
  onAssignOpenChange: (open: boolean) => void;
  /** Merges the selection (two or more issues of one project) into one issue. */
  onMerge?: () => void;
}) {
  const none = count === 0 || disabled;
  return (
    <>
      <span className="button-group">
        <button type="button" className="small" disabled={none} onClick={() => onUpdate({ status: 'RESOLVED' })}>
          Resolve
        </button>
        <Menu label="Ignore ▾" buttonClassName="small" disabled={none}>
          {(close) =>
            IGNORE_OPTIONS.map((option) => (
              <MenuItem key={option.label} close={close} onSelect={() => onUpdate({ status: 'IGNORED', ignore: option.ignore })}>
                {option.label}
              </MenuItem>
            ))
          }
        </Menu>
        <button type="button" className="small" disabled={none} onClick={() => onUpdate({ status: 'UNRESOLVED' })}>
          Unresolve
        </button>
      </span>
      <span className="button-group">
        <button type="button" className="small" disabled={none} onClick={onMarkReviewed}>
          Mark reviewed
        </button>
        {onDelete && (
          <button type="button" className="small danger" disabled={none} onClick={onDelete}>
            Delete
          </button>
        )}
      </span>
      {onMerge && (
        <button type="button" className="small" disabled={disabled || count < 2} onClick={onMerge}>
          Merge
        </button>
      )}
      <AssigneeMenu org={org} label="Assign" disabled={none} open={assignOpen && !none} onOpenChange={onAssignOpenChange} onAssign={(assignee) => onUpdate({ assignee })} />
      <span className="muted" style={{ fontSize: '0.85em' }} aria-live="polite">
        {count > 0 ? `${count} selected` : ''}
      </span>
    </>
  );
}

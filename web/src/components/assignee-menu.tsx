import { useQuery } from 'urql';
import { AssigneeOptionsQuery } from '../graphql/documents/issues';
import type { AssigneeInput } from '../graphql/generated/graphql';
import { Avatar, assigneeLabel, type AssigneeLike } from './avatar';
import { Menu, MenuItem } from './menu';

/**
 * Assign to me, a member or a team, or unassign. The options load when the menu first opens.
 */
export function AssigneeMenu({
  org,
  assignee,
  onAssign,
  open,
  onOpenChange,
  compact,
  label,
  disabled,
}: {
  org: string;
  assignee?: AssigneeLike | null;
  onAssign: (input: AssigneeInput | null) => void;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  compact?: boolean;
  label?: string;
  disabled?: boolean;
}) {
  return (
    <Menu
      align="right"
      {...(open !== undefined ? { open } : {})}
      {...(onOpenChange ? { onOpenChange } : {})}
      {...(disabled ? { disabled } : {})}
      buttonClassName={compact ? 'link assignee-button' : 'assignee-button'}
      title={`Assignee: ${assigneeLabel(assignee)}`}
      label={
        compact ? (
          <Avatar assignee={assignee} />
        ) : (
          <>
            <Avatar assignee={assignee} /> {label ?? assigneeLabel(assignee)}
          </>
        )
      }
    >
      {(close) => <AssigneeOptions org={org} onAssign={onAssign} close={close} hasAssignee={!!assignee} />}
    </Menu>
  );
}

function AssigneeOptions({ org, onAssign, close, hasAssignee }: { org: string; onAssign: (input: AssigneeInput | null) => void; close: () => void; hasAssignee: boolean }) {
  const [result] = useQuery({ query: AssigneeOptionsQuery, variables: { org } });
  const data = result.data;
  if (!data) return <div className="menu-label">{result.error ? 'Could not load members' : 'Loading…'}</div>;
  const me = data.viewer?.id;
  const members = data.organization.members.nodes.filter((m) => m.role !== 'READONLY' || m.user.id === me);
  return (
    <>
      {me && (
        <MenuItem close={close} onSelect={() => onAssign({ userId: me })}>
          Assign to me
        </MenuItem>
      )}
      {hasAssignee && (
        <MenuItem close={close} onSelect={() => onAssign(null)}>
          Unassign
        </MenuItem>
      )}
      <div className="menu-label">Members</div>
      {members.map((member) => (
        <MenuItem key={member.id} close={close} onSelect={() => onAssign({ userId: member.user.id })}>
          <Avatar assignee={{ __typename: 'User', ...member.user }} />
          <span className="truncate">{member.user.name || member.user.email}</span>
        </MenuItem>
      ))}
      {data.organization.teams.nodes.length > 0 && <div className="menu-label">Teams</div>}
      {data.organization.teams.nodes.map((team) => (
        <MenuItem key={team.id} close={close} onSelect={() => onAssign({ teamSlug: team.slug })}>
          <Avatar assignee={{ __typename: 'Team', ...team }} />#{team.slug}
        </MenuItem>
      ))}
    </>
  );
}

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { InviteMemberMutation } from '../../graphql/documents/invites';
import { OrganizationSettingsQuery, RemoveMemberMutation, UpdateMemberRoleMutation } from '../../graphql/documents/organization-settings';
import type { MemberRole } from '../../graphql/generated/graphql';
import { isAdmin, useOrganization } from '../organization-layout';
import { PendingInvites } from './pending-invites';

export const ROLES: { value: MemberRole; label: string; description: string }[] = [
  { value: 'OWNER', label: 'Owner', description: 'Everything, including deleting the organization' },
  { value: 'ADMIN', label: 'Admin', description: 'Everything but deleting the organization and managing owners' },
  { value: 'MEMBER', label: 'Member', description: 'Reads everything, works on issues and releases' },
  { value: 'READONLY', label: 'Read-only', description: 'Reads everything, changes nothing' },
];

export function Members() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const [result] = useQuery({ query: OrganizationSettingsQuery, variables: { org } });
  const [added, add] = useMutation(InviteMemberMutation);
  const [invited, setInvited] = useState<string | null>(null);
  const [changed, changeRole] = useMutation(UpdateMemberRoleMutation);
  const [removed, remove] = useMutation(RemoveMemberMutation);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('MEMBER');
  const admin = isAdmin(organization.viewerRole);
  const error = added.error ?? changed.error ?? removed.error;
  return (
    <>
      <h1>Members</h1>
      {admin && (
        <form
          className="form-row panel body"
          style={{ padding: 14 }}
          onSubmit={async (e) => {
            e.preventDefault();
            const done = await add({ org, email, role });
            if (done.data) {
              setInvited(done.data.inviteMember.email);
              setEmail('');
            }
          }}
        >
          <label className="field" style={{ flex: 1 }}>
            Invite by email
            <input
              type="email"
              required
              value={email}
              onChange={(e) => {
                setEmail(e.target.value);
                setInvited(null);
              }}
              placeholder="jane@example.com"
            />
          </label>
          <label className="field">
            Role
            <select value={role} onChange={(e) => setRole(e.target.value as MemberRole)}>
              {ROLES.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={added.fetching}>
            Send invitation
          </button>
        </form>
      )}
      {invited && (
        <p role="status" className="message success">
          Invitation sent to {invited}. They become a member when they accept it.
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      <QueryResult result={result}>
        {(data) => (
          <table className="table panel" aria-label="Members">
            <thead>
              <tr>
                <th>Member</th>
                <th>Role</th>
                <th>Joined</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.organization.members.nodes.map((member) => {
                const self = member.user.id === data.viewer?.id;
                return (
                  <tr key={member.id}>
                    <td>
                      <strong>{member.user.name || member.user.email}</strong>
                      {self && <span className="badge accent" style={{ marginLeft: 6 }}>you</span>}
                      <div className="faint">{member.user.email}</div>
                    </td>
                    <td>
                      <select
                        aria-label={`Role of ${member.user.email}`}
                        value={member.role}
                        disabled={!admin || changed.fetching}
                        onChange={(e) => void changeRole({ org, memberId: member.id, role: e.target.value as MemberRole })}
                      >
                        {ROLES.map((r) => (
                          <option key={r.value} value={r.value} title={r.description}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <RelativeTime date={member.dateCreated} />
                    </td>
                    <td className="num">
                      {(admin || self) && (
                        <button
                          type="button"
                          className="small danger"
                          onClick={() => {
                            if (window.confirm(self ? 'Leave this organization?' : `Remove ${member.user.email}?`)) void remove({ org, memberId: member.id });
                          }}
                        >
                          {self ? 'Leave' : 'Remove'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryResult>
      <PendingInvites org={org} admin={admin} />
    </>
  );
}

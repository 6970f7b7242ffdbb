import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { OrganizationInvitesQuery, RevokeInviteMutation } from '../../graphql/documents/invites';

/** Invitations not accepted yet; admins can withdraw them. */
export function PendingInvites({ org, admin }: { org: string; admin: boolean }) {
  const [result] = useQuery({ query: OrganizationInvitesQuery, variables: { org } });
  const [revoked, revoke] = useMutation(RevokeInviteMutation);
  return (
    <QueryResult result={result}>
      {(data) =>
        data.organization.invites.length === 0 ? null : (
          <section aria-labelledby="pending-invites">
            <h2 id="pending-invites">Pending invitations</h2>
            {revoked.error && <ErrorMessage error={revoked.error} />}
            <table className="table panel" aria-label="Pending invitations">
              <thead>
                <tr>
                  <th>Email</th>
                  <th>Role</th>
                  <th>Invited</th>
                  <th>Link expires</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.organization.invites.map((invite) => {
                  const expired = new Date(invite.expiresAt) <= new Date();
                  return (
                    <tr key={invite.id}>
                      <td>
                        <strong>{invite.email}</strong>
                        {invite.invitedBy && <div className="faint">by {invite.invitedBy.name || invite.invitedBy.email}</div>}
                      </td>
                      <td>{invite.role.toLowerCase()}</td>
                      <td>
                        <RelativeTime date={invite.dateCreated} />
                      </td>
                      <td>{expired ? <span className="badge">expired</span> : <RelativeTime date={invite.expiresAt} />}</td>
                      <td className="num">
                        {admin && (
                          <button
                            type="button"
                            className="small danger"
                            disabled={revoked.fetching}
                            onClick={() => {
                              if (window.confirm(`Withdraw the invitation of ${invite.email}?`)) void revoke({ org, inviteId: invite.id });
                            }}
                          >
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )
      }
    </QueryResult>
  );
}

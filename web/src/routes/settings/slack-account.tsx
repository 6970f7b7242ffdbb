import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { SlackIdentitiesQuery, UnlinkSlackIdentityMutation } from '../../graphql/documents/slack';

const HOW = { email: 'same verified email', link: '/vigil link' } as Record<string, string>;

/** The Slack users who act as you (alert buttons, /vigil, unfurls), and unlinking them. */
export function SlackAccount() {
  const [result, refetch] = useQuery({ query: SlackIdentitiesQuery });
  const [unlinked, unlink] = useMutation(UnlinkSlackIdentityMutation);
  return (
    <>
      <h1>Slack account</h1>
      <p className="muted" style={{ margin: 0 }}>
        A linked Slack account acts as you from Slack: alert buttons, <code>/vigil</code> commands and link previews. Type <code>/vigil link</code> in
        Slack to link one.
      </p>
      {unlinked.error && <ErrorMessage error={unlinked.error} />}
      <QueryResult result={result}>
        {(data) =>
          data.viewer && data.viewer.slackIdentities.length > 0 ? (
            <table className="table panel" aria-label="Linked Slack accounts">
              <thead>
                <tr>
                  <th>Slack user</th>
                  <th>Workspace</th>
                  <th>Linked by</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.viewer.slackIdentities.map((identity) => (
                  <tr key={identity.id}>
                    <td>
                      <strong>{identity.slackName || identity.slackUserId}</strong>
                      <div className="faint mono">{identity.slackUserId}</div>
                    </td>
                    <td className="mono">{identity.teamId}</td>
                    <td>
                      {HOW[identity.linkedBy] ?? identity.linkedBy}, <RelativeTime date={identity.dateCreated} />
                    </td>
                    <td className="num">
                      <button
                        type="button"
                        className="small danger"
                        disabled={unlinked.fetching}
                        onClick={async () => {
                          const done = await unlink({ id: identity.id });
                          if (done.data) refetch({ requestPolicy: 'network-only' });
                        }}
                      >
                        Unlink
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No Slack account is linked to you.</p>
          )
        }
      </QueryResult>
    </>
  );
}

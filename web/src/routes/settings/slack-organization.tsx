import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { CopyButton } from '../../components/copy-button';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { SubmitButton } from '../../components/settings-form';
import { ConnectSlackWorkspaceMutation, DisconnectSlackWorkspaceMutation, OrganizationSlackQuery } from '../../graphql/documents/slack';
import { isAdmin, useOrganization } from '../organization-layout';

/** The organization's Slack app: is it configured, which workspace acts on the organization; admins connect one. */
export function SlackOrganization() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const [result, refetch] = useQuery({ query: OrganizationSlackQuery, variables: { org } });
  const [connected, connect] = useMutation(ConnectSlackWorkspaceMutation);
  const [disconnected, disconnect] = useMutation(DisconnectSlackWorkspaceMutation);
  const [teamId, setTeamId] = useState('');
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <>
      <h1>Slack</h1>
      <QueryResult result={result}>
        {(data) => {
          const slack = data.organization.slack;
          const admin = isAdmin(data.organization.viewerRole);
          return (
            <>
              <section className="panel body" aria-label="Slack status">
                <p style={{ marginTop: 0 }}>
                  {slack.configured ? (
                    <>The Slack app is configured on this installation.</>
                  ) : (
                    <>
                      The Slack app is <strong>not configured</strong>: set <code>SLACK_BOT_TOKEN</code> and <code>SLACK_SIGNING_SECRET</code> (see docs/slack.md).
                    </>
                  )}
                </p>
                <p>
                  Request URL (slash command, interactivity and events): <code>{slack.requestUrl}</code> <CopyButton text={slack.requestUrl} />
                </p>
                <p style={{ marginBottom: 0 }}>
                  {slack.teamId ? (
                    <>
                      Connected workspace: <code>{slack.teamId}</code>
                      {slack.linkedBy === 'single-organization' ? ' (automatically, as the only organization)' : ''}
                      {slack.dateConnected && (
                        <>
                          , <RelativeTime date={slack.dateConnected} />
                        </>
                      )}
                    </>
                  ) : (
                    <>No Slack workspace is connected.</>
                  )}
                </p>
              </section>
              {admin && (
                <form
                  className="panel body form"
                  style={{ maxWidth: 'none' }}
                  onSubmit={async (e) => {
                    e.preventDefault();
                    const done = await connect({ org, teamId });
                    if (done.data) {
                      setTeamId('');
                      reload();
                    }
                  }}
                >
                  <h2>{slack.teamId ? 'Connect another workspace instead' : 'Connect a workspace'}</h2>
                  {connected.error && <ErrorMessage error={connected.error} />}
                  {disconnected.error && <ErrorMessage error={disconnected.error} />}
                  <label className="field">
                    Slack team id
                    <input type="text" required value={teamId} onChange={(e) => setTeamId(e.target.value)} placeholder="T0123ABCD" />
                  </label>
                  <div style={{ display: 'flex', gap: 8 }}>
                    <SubmitButton disabled={connected.fetching}>Connect</SubmitButton>
                    {slack.teamId && (
                      <button type="button" className="danger" disabled={disconnected.fetching} onClick={async () => (await disconnect({ org })).data && reload()}>
                        Disconnect
                      </button>
                    )}
                  </div>
                </form>
              )}
            </>
          );
        }}
      </QueryResult>
    </>
  );
}

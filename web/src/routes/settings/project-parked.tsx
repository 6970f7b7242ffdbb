import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { SubmitButton } from '../../components/settings-form';
import { ParkedEnvelopesQuery, RetryParkedEnvelopesMutation } from '../../graphql/documents/parked-envelopes';
import { useOrganization } from '../organization-layout';
import type { ProjectSettingsProject } from './project-settings';

/**
 * Envelopes Vigil accepted but could not process after several attempts: kept, not lost, until an
 * admin retries them (after an upgrade that fixes the cause, say).
 */
export function ParkedEnvelopes({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  if (!editable) return <div className="message warning">Only owners and admins can see parked envelopes.</div>;
  return <ParkedEnvelopesPanel project={project} />;
}

function ParkedEnvelopesPanel({ project }: { project: ProjectSettingsProject }) {
  const { organization } = useOrganization();
  const [result, refetch] = useQuery({ query: ParkedEnvelopesQuery, variables: { org: organization.slug, project: project.slug }, requestPolicy: 'cache-and-network' });
  const [retry, retryAll] = useMutation(RetryParkedEnvelopesMutation);
  return (
    <QueryResult result={result}>
      {(data) => {
        const parked = data.organization.project?.parkedEnvelopes;
        if (!parked) return <ErrorMessage error="Project not found" />;
        return (
          <>
            <p className="muted" style={{ margin: 0 }}>
              Envelopes that were accepted but failed processing on every attempt. They are kept here, not stored as events, until you retry them.
            </p>
            {retry.data && (
              <div className="message success" role="status">
                {retry.data.retryParkedEnvelopes} envelope{retry.data.retryParkedEnvelopes === 1 ? '' : 's'} moved back to the queue.
              </div>
            )}
            {retry.error && <ErrorMessage error={retry.error} />}
            {parked.count === 0 ? (
              <section className="panel body" aria-label="Parked envelopes">
                Nothing is parked: every accepted envelope was processed.
              </section>
            ) : (
              <section className="panel body" aria-label="Parked envelopes">
                <p style={{ marginTop: 0 }}>
                  <strong>{parked.count}</strong> parked, first <RelativeTime date={parked.firstParkedAt} />, last <RelativeTime date={parked.lastParkedAt} />
                  {parked.firstReceivedAt && (
                    <>
                      {' '}
                      (the oldest was received <RelativeTime date={parked.firstReceivedAt} />)
                    </>
                  )}
                  .
                </p>
                <table className="table">
                  <thead>
                    <tr>
                      <th>Reason</th>
                      <th>Envelopes</th>
                      <th>First</th>
                      <th>Last</th>
                    </tr>
                  </thead>
                  <tbody>
                    {parked.reasons.map((r) => (
                      <tr key={r.reason}>
                        <td>
                          <code>{r.reason}</code>
                        </td>
                        <td>{r.count}</td>
                        <td>
                          <RelativeTime date={r.firstParkedAt} />
                        </td>
                        <td>
                          <RelativeTime date={r.lastParkedAt} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    void retryAll({ projectId: project.id }).then(() => refetch({ requestPolicy: 'network-only' }));
                  }}
                >
                  <SubmitButton disabled={retry.fetching}>Retry {parked.count === 1 ? 'it' : `all ${parked.count}`}</SubmitButton>
                </form>
              </section>
            )}
          </>
        );
      }}
    </QueryResult>
  );
}

import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { SecretValue } from '../../components/copy-button';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { SubmitButton } from '../../components/settings-form';
import { CreateServiceHookMutation, DeleteServiceHookMutation, ServiceHooksQuery } from '../../graphql/documents/alerts';
import { useOrganization } from '../organization-layout';
import type { ProjectSettingsProject } from './project-settings';

const EVENTS = ['event.alert', 'event.created', 'issue.created', 'issue.resolved', 'issue.assigned', 'issue.regressed', 'comment.created'];

/** Outgoing webhooks (Sentry's service hooks): where events are POSTed, signed; with each hook's delivery log. */
export function ServiceHooks({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const { organization } = useOrganization();
  const [result, refetch] = useQuery({ query: ServiceHooksQuery, variables: { org: organization.slug, project: project.slug }, requestPolicy: 'cache-and-network' });
  const [creation, create] = useMutation(CreateServiceHookMutation);
  const [removal, remove] = useMutation(DeleteServiceHookMutation);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['event.alert']);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 3000);
    return () => clearInterval(timer);
  }, [refetch]);
  const created = creation.data?.createServiceHook;
  return (
    <QueryResult result={result}>
      {(data) => {
        const hooks = data.organization.project?.serviceHooks;
        if (!hooks) return <ErrorMessage error="Project not found" />;
        return (
          <>
            <p className="muted" style={{ margin: 0 }}>
              Vigil POSTs JSON to each hook for the events it subscribes to, signed with its secret: <code>X-ServiceHook-Signature</code> is the HMAC-SHA256 of the body.
            </p>
            {created && (
              <div className="message success" role="status">
                <p style={{ marginTop: 0 }}>Hook created for {created.hook.url}. Copy its secret now: it will not be shown again.</p>
                <SecretValue value={created.secret} label="Signing secret" />
              </div>
            )}
            {removal.error && <ErrorMessage error={removal.error} />}
            {hooks.length === 0 && <section className="panel body">No service hooks.</section>}
            {hooks.map((hook) => (
              <section key={hook.id} className="panel body" aria-label={`Service hook ${hook.url}`}>
                <h3 style={{ marginTop: 0, wordBreak: 'break-all' }}>{hook.url}</h3>
                <p className="muted">
                  {hook.status} · {hook.events.join(', ')} · created <RelativeTime date={hook.dateCreated} />
                </p>
                {editable && (
                  <button
                    type="button"
                    className="small danger"
                    onClick={() => {
                      if (window.confirm(`Delete the hook to ${hook.url}?`)) void remove({ projectId: project.id, id: hook.id }).then(reload);
                    }}
                  >
                    Delete
                  </button>
                )}
                <h4>Deliveries</h4>
                {hook.deliveries.length === 0 ? (
                  <p className="muted">Nothing delivered yet.</p>
                ) : (
                  <table className="table" aria-label={`Deliveries to ${hook.url}`}>
                    <thead>
                      <tr>
                        <th>Event</th>
                        <th>Status</th>
                        <th>Response</th>
                        <th>Attempts</th>
                        <th>Duration</th>
                        <th>When</th>
                      </tr>
                    </thead>
                    <tbody>
                      {hook.deliveries.map((d) => (
                        <tr key={d.id}>
                          <td>{d.event}</td>
                          <td>
                            {d.status}
                            {d.error && <div className="muted">{d.error}</div>}
                          </td>
                          <td>{d.responseCode ?? '—'}</td>
                          <td>{d.attempts}</td>
                          <td>{d.durationMs != null ? `${d.durationMs} ms` : '—'}</td>
                          <td>
                            <RelativeTime date={d.dateCreated} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            ))}
            {editable && (
              <form
                className="panel body form"
                aria-label="New service hook"
                onSubmit={(e) => {
                  e.preventDefault();
                  void create({ projectId: project.id, input: { url: url.trim(), events } }).then((r) => {
                    if (!r.error) {
                      setUrl('');
                      reload();
                    }
                  });
                }}
              >
                {creation.error && <ErrorMessage error={creation.error} />}
                <label className="field">
                  URL
                  <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/vigil-hook" />
                </label>
                <fieldset className="field">
                  <legend>Events</legend>
                  {EVENTS.map((event) => (
                    <label key={event} style={{ display: 'block' }}>
                      <input
                        type="checkbox"
                        checked={events.includes(event)}
                        onChange={(e) => setEvents((list) => (e.target.checked ? [...list, event] : list.filter((x) => x !== event)))}
                      />{' '}
                      {event}
                    </label>
                  ))}
                </fieldset>
                <SubmitButton disabled={creation.fetching || !url.trim() || events.length === 0}>Add service hook</SubmitButton>
              </form>
            )}
          </>
        );
      }}
    </QueryResult>
  );
}

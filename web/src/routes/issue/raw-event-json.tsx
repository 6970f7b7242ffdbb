import { useState } from 'react';

/** Where the REST API serves an event's stored document (Sentry's path; the session cookie goes along). */
export const eventJsonUrl = (org: string, project: string, eventId: string) =>
  `/api/0/projects/${[org, project, 'events', eventId].map(encodeURIComponent).join('/')}/json/`;

type State = { status: 'closed' } | { status: 'loading' } | { status: 'open'; text: string } | { status: 'failed'; message: string };

/** The raw event: shown pretty-printed in the page on demand, or downloaded as a file. */
export function RawEventJson({ org, project, eventId }: { org: string; project: string; eventId: string }) {
  const [state, setState] = useState<State>({ status: 'closed' });
  const url = eventJsonUrl(org, project, eventId);
  const toggle = async () => {
    if (state.status === 'open') return setState({ status: 'closed' });
    setState({ status: 'loading' });
    try {
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new Error(((await response.json().catch(() => ({}))) as { detail?: string }).detail ?? `HTTP ${response.status}`);
      setState({ status: 'open', text: JSON.stringify(await response.json(), null, 2) });
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <section className="panel raw-json" aria-label="Raw event JSON">
      <header>
        <h3>Raw JSON</h3>
        <span className="button-group">
          <button type="button" className="small" aria-expanded={state.status === 'open'} onClick={() => void toggle()}>
            {state.status === 'open' ? 'Hide JSON' : 'View JSON'}
          </button>
          <a className="button small" href={`${url}?download=1`} download={`${eventId}.json`}>
            Download JSON
          </a>
        </span>
      </header>
      {state.status === 'loading' && <p className="muted body">Loading…</p>}
      {state.status === 'failed' && (
        <p className="message error body" role="alert">
          Could not load the event JSON: {state.message}
        </p>
      )}
      {state.status === 'open' && (
        <pre className="json body" role="region" tabIndex={0} aria-label={`JSON of event ${eventId}`} data-testid="raw-json">
          <code>{state.text}</code>
        </pre>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../../components/query-state';
import { UpdateInboundFiltersMutation } from '../../graphql/documents/project-settings';
import { linesToList, type ProjectSettingsProject } from './project-settings';

const SWITCHES = [
  { key: 'browserExtensions', label: 'Browser extensions', hint: 'Errors caused by browser extensions' },
  { key: 'legacyBrowsers', label: 'Legacy browsers', hint: 'Old browsers such as Internet Explorer' },
  { key: 'localhost', label: 'Localhost', hint: 'Events from localhost and 127.0.0.1' },
  { key: 'webCrawlers', label: 'Web crawlers', hint: 'Bots and crawlers by their user agent' },
] as const;

/** Inbound filters: matching events are dropped at ingestion and counted as filtered. */
export function InboundFiltersForm({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const filters = project.settings.inboundFilters;
  const [state, update] = useMutation(UpdateInboundFiltersMutation);
  const [messages, setMessages] = useState(filters.errorMessages.join('\n'));
  const [releases, setReleases] = useState(filters.releases.join('\n'));
  const [saved, setSaved] = useState(false);
  return (
    <>
      <section className="panel body form" style={{ maxWidth: 'none' }} aria-label="Filters">
        {state.error && <ErrorMessage error={state.error} />}
        {SWITCHES.map((s) => (
          <label className="check" key={s.key}>
            <input type="checkbox" checked={filters[s.key]} disabled={!editable || state.fetching} onChange={(e) => void update({ projectId: project.id, input: { [s.key]: e.target.checked } })} />
            <span>
              <strong>{s.label}</strong>
              <div className="muted">{s.hint}</div>
            </span>
          </label>
        ))}
      </section>
      <form
        className="panel body form"
        style={{ maxWidth: 'none' }}
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          const done = await update({ projectId: project.id, input: { errorMessages: linesToList(messages), releases: linesToList(releases) } });
          if (done.data) setSaved(true);
        }}
      >
        {saved && <div className="message success">Saved.</div>}
        <label className="field">
          Error messages <span className="hint">One glob per line, matched against “Type: message”, e.g. <code>*ResizeObserver loop*</code></span>
          <textarea value={messages} disabled={!editable} onChange={(e) => setMessages(e.target.value)} />
        </label>
        <label className="field">
          Releases <span className="hint">One glob per line, e.g. <code>web@*-dev</code></span>
          <textarea value={releases} disabled={!editable} onChange={(e) => setReleases(e.target.value)} />
        </label>
        {editable && (
          <div>
            <button type="submit" className="primary" disabled={state.fetching}>
              Save patterns
            </button>
          </div>
        )}
      </form>
    </>
  );
}

import { useState } from 'react';
import { useMutation } from 'urql';
import { ErrorMessage } from '../../components/query-state';
import { UpdateDataScrubbingMutation } from '../../graphql/documents/project-settings';
import { linesToList, type ProjectSettingsProject } from './project-settings';

/** Server-side data scrubbing, applied before anything is stored. */
export function DataScrubbingForm({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const scrubbing = project.settings.scrubbing;
  const [state, update] = useMutation(UpdateDataScrubbingMutation);
  const [sensitive, setSensitive] = useState(scrubbing.sensitiveFields.join('\n'));
  const [safe, setSafe] = useState(scrubbing.safeFields.join('\n'));
  const [saved, setSaved] = useState(false);
  const toggle = (key: 'enabled' | 'scrubDefaults' | 'scrubIpAddresses', value: boolean) => void update({ projectId: project.id, input: { [key]: value } });
  return (
    <>
      <section className="panel body form" style={{ maxWidth: 'none' }} aria-label="Scrubbing switches">
        {state.error && <ErrorMessage error={state.error} />}
        <label className="check">
          <input type="checkbox" checked={scrubbing.enabled} disabled={!editable || state.fetching} onChange={(e) => toggle('enabled', e.target.checked)} />
          <span>
            <strong>Data scrubbing</strong>
            <div className="muted">Replace values of sensitive keys with [Filtered] before storing events.</div>
          </span>
        </label>
        <label className="check">
          <input type="checkbox" checked={scrubbing.scrubDefaults} disabled={!editable || state.fetching} onChange={(e) => toggle('scrubDefaults', e.target.checked)} />
          <span>
            <strong>Use default scrubbers</strong>
            <div className="muted">password, secret, token, authorization, cookies, credit card numbers, passwords in URLs…</div>
          </span>
        </label>
        <label className="check">
          <input type="checkbox" checked={scrubbing.scrubIpAddresses} disabled={!editable || state.fetching} onChange={(e) => toggle('scrubIpAddresses', e.target.checked)} />
          <span>
            <strong>Do not store IP addresses</strong>
            <div className="muted">Remove user IP addresses and client-IP headers.</div>
          </span>
        </label>
      </section>
      <form
        className="panel body form"
        style={{ maxWidth: 'none' }}
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          const done = await update({ projectId: project.id, input: { sensitiveFields: linesToList(sensitive), safeFields: linesToList(safe) } });
          if (done.data) setSaved(true);
        }}
      >
        {saved && <div className="message success">Saved.</div>}
        <label className="field">
          Additional sensitive fields <span className="hint">One key name per line; matching keys are filtered too.</span>
          <textarea value={sensitive} disabled={!editable} onChange={(e) => setSensitive(e.target.value)} />
        </label>
        <label className="field">
          Safe fields <span className="hint">One key name per line; never scrubbed.</span>
          <textarea value={safe} disabled={!editable} onChange={(e) => setSafe(e.target.value)} />
        </label>
        {editable && (
          <div>
            <button type="submit" className="primary" disabled={state.fetching}>
              Save fields
            </button>
          </div>
        )}
      </form>
    </>
  );
}

import { useState } from 'react';
import { useMutation } from 'urql';
import { SecretValue } from '../../components/copy-button';
import { ErrorMessage } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { CreateProjectKeyMutation, DeleteProjectKeyMutation, UpdateProjectKeyMutation } from '../../graphql/documents/project-settings';
import type { ProjectKeyFieldsFragment } from '../../graphql/generated/graphql';
import { formatWindow } from '../../lib/time';
import type { ProjectSettingsProject } from './project-settings';

/** DSN keys: create, enable/disable, rate-limit, delete. */
export function ProjectKeys({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const [created, create] = useMutation(CreateProjectKeyMutation);
  return (
    <>
      <div className="page-header" style={{ marginBottom: 0 }}>
        <p className="muted" style={{ margin: 0 }}>
          SDKs send events with a key's DSN. Disabled keys are refused; limits drop events past the count (the SDK backs off).
        </p>
        {editable && (
          <button type="button" className="primary" disabled={created.fetching} onClick={() => void create({ projectId: project.id, input: { label: `Key ${project.keys.length + 1}` } })}>
            New key
          </button>
        )}
      </div>
      {created.error && <ErrorMessage error={created.error} />}
      {project.keys.map((key) => (
        <KeyCard key={key.id} projectKey={key} editable={editable} />
      ))}
    </>
  );
}

function KeyCard({ projectKey, editable }: { projectKey: ProjectKeyFieldsFragment; editable: boolean }) {
  const [label, setLabel] = useState(projectKey.label);
  const [count, setCount] = useState(projectKey.rateLimitCount ? String(projectKey.rateLimitCount) : '');
  const [windowSeconds, setWindowSeconds] = useState(String(projectKey.rateLimitWindow ?? 60));
  const [updated, update] = useMutation(UpdateProjectKeyMutation);
  const [deleted, remove] = useMutation(DeleteProjectKeyMutation);
  const error = updated.error ?? deleted.error;
  return (
    <section className="panel" aria-label={`Key ${projectKey.label}`}>
      <header>
        <h3>
          {projectKey.label} {projectKey.isActive ? <span className="badge resolved">enabled</span> : <span className="badge ignored">disabled</span>}
        </h3>
        <span className="faint">
          created <RelativeTime date={projectKey.dateCreated} />
        </span>
      </header>
      <div className="body key-card">
        {error && <ErrorMessage error={error} />}
        <SecretValue value={projectKey.dsn} label={`DSN of ${projectKey.label}`} />
        <div className="muted">
          {projectKey.rateLimitCount && projectKey.rateLimitWindow
            ? `Rate limit: ${projectKey.rateLimitCount} events per ${formatWindow(projectKey.rateLimitWindow)}`
            : 'No rate limit'}
        </div>
        {editable && (
          <form
            className="form-row"
            onSubmit={(e) => {
              e.preventDefault();
              const n = Number(count);
              void update({ id: projectKey.id, input: { label, rateLimitCount: count ? n : 0, ...(count && n > 0 ? { rateLimitWindow: Number(windowSeconds) } : {}) } });
            }}
          >
            <label className="field">
              Name
              <input type="text" value={label} onChange={(e) => setLabel(e.target.value)} />
            </label>
            <label className="field">
              Rate limit
              <input type="number" min={0} value={count} onChange={(e) => setCount(e.target.value)} placeholder="none" style={{ width: 110 }} />
            </label>
            <label className="field">
              per
              <select value={windowSeconds} onChange={(e) => setWindowSeconds(e.target.value)}>
                <option value="60">minute</option>
                <option value="3600">hour</option>
                <option value="86400">day</option>
              </select>
            </label>
            <button type="submit" disabled={updated.fetching}>
              Save
            </button>
            <button type="button" disabled={updated.fetching} onClick={() => void update({ id: projectKey.id, input: { isActive: !projectKey.isActive } })}>
              {projectKey.isActive ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              className="danger"
              disabled={deleted.fetching}
              onClick={() => {
                if (window.confirm(`Delete ${projectKey.label}? SDKs using it will be refused.`)) void remove({ id: projectKey.id });
              }}
            >
              Delete
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

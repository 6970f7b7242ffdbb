import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { ErrorMessage } from '../../components/query-state';
import { SavedMessage, SubmitButton, useSaveForm } from '../../components/settings-form';
import { UpdateProjectMutation, UpdateProjectRateLimitMutation } from '../../graphql/documents/project-settings';
import { paths } from '../../lib/paths';
import { formatWindow } from '../../lib/time';
import { PLATFORMS } from '../new-project';
import { useOrganization } from '../organization-layout';
import type { ProjectSettingsProject } from './project-settings';

export function ProjectGeneral({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const { organization } = useOrganization();
  const [name, setName] = useState(project.name);
  const [slug, setSlug] = useState(project.slug);
  const [platform, setPlatform] = useState(project.platform ?? 'other');
  const [state, update] = useMutation(UpdateProjectMutation);
  const navigate = useNavigate();
  const { saved, onSubmit } = useSaveForm(
    () => update({ id: project.id, input: { name, platform, ...(slug !== project.slug ? { slug } : {}) } }),
    ({ updateProject }) => {
      if (updateProject.slug !== project.slug) navigate(paths.settings.project(organization.slug, updateProject.slug), { replace: true });
    },
  );
  return (
    <>
      <form className="panel body form" aria-label="Project details" onSubmit={onSubmit}>
        <h2>Details</h2>
        {state.error && <ErrorMessage error={state.error} />}
        <SavedMessage saved={saved} />
        <label className="field">
          Name
          <input type="text" value={name} disabled={!editable} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          Slug <span className="hint">Upper-cased it prefixes short IDs ({slug.toUpperCase()}-12); sentry-cli knows the project by it.</span>
          <input type="text" value={slug} disabled={!editable} onChange={(e) => setSlug(e.target.value)} />
        </label>
        <label className="field">
          Platform
          <select value={platform} disabled={!editable} onChange={(e) => setPlatform(e.target.value)}>
            {[...PLATFORMS, ...(PLATFORMS.some((p) => p.value === platform) ? [] : [{ value: platform, label: platform }])].map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {editable && <SubmitButton disabled={state.fetching}>Save</SubmitButton>}
      </form>
      <ProjectRateLimit project={project} editable={editable} />
    </>
  );
}

function ProjectRateLimit({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const limit = project.settings.rateLimit;
  const [count, setCount] = useState(limit ? String(limit.count) : '');
  const [windowSeconds, setWindowSeconds] = useState(limit ? String(limit.window) : '60');
  const [state, update] = useMutation(UpdateProjectRateLimitMutation);
  return (
    <form
      className="panel body form"
      aria-label="Project rate limit"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(count);
        void update({ projectId: project.id, count: count && n > 0 ? n : null, window: count && n > 0 ? Number(windowSeconds) : null });
      }}
    >
      <h2>Rate limit</h2>
      <p className="muted" style={{ margin: 0 }}>
        {limit ? `Now at most ${limit.count} events per ${formatWindow(limit.window)} for the whole project.` : 'No project-wide limit. Keys can have their own.'}
      </p>
      {state.error && <ErrorMessage error={state.error} />}
      <div className="form-row">
        <label className="field">
          Events
          <input type="number" min={0} value={count} disabled={!editable} onChange={(e) => setCount(e.target.value)} placeholder="no limit" />
        </label>
        <label className="field">
          per
          <select value={windowSeconds} disabled={!editable} onChange={(e) => setWindowSeconds(e.target.value)}>
            <option value="60">minute</option>
            <option value="3600">hour</option>
            <option value="86400">day</option>
          </select>
        </label>
        {editable && (
          <button type="submit" disabled={state.fetching}>
            Save limit
          </button>
        )}
      </div>
    </form>
  );
}

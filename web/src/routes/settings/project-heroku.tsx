import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CodeSnippet, SecretValue } from '../../components/copy-button';
import { ErrorMessage } from '../../components/query-state';
import { SubmitButton } from '../../components/settings-form';
import { RepositoriesQuery } from '../../graphql/documents/organization-settings';
import { ConnectHerokuMutation } from '../../graphql/documents/project-settings';
import { paths } from '../../lib/paths';
import { useOrganization } from '../organization-layout';
import type { ProjectSettingsProject } from './project-settings';

/** The Heroku deploy hook: each deploy creates a release of the deployed commit and records a deploy. */
export function HerokuSettings({ project, editable }: { project: ProjectSettingsProject; editable: boolean }) {
  const [repository, setRepository] = useState(project.heroku?.repository ?? '');
  const [environment, setEnvironment] = useState(project.heroku?.environment ?? 'production');
  const [state, connect] = useMutation(ConnectHerokuMutation);
  const connection = state.data?.connectHeroku;
  const { organization } = useOrganization();
  const [repositories] = useQuery({ query: RepositoriesQuery, variables: { org: organization.slug } });
  const names = repositories.data?.organization.repositories.map((r) => r.name) ?? [];
  return (
    <>
      <p className="muted" style={{ margin: 0 }}>
        Connect the Heroku app that deploys a connected repository: every release Heroku makes becomes a Vigil release with its commits and a deploy.
      </p>
      {project.heroku && !connection && (
        <section className="panel body">
          <p style={{ marginTop: 0 }}>
            Connected to <strong>{project.heroku.repository}</strong> ({project.heroku.environment}). Webhook URL:
          </p>
          <SecretValue value={project.heroku.webhookUrl} label="Heroku webhook URL" />
        </section>
      )}
      {connection && (
        <div className="message success" role="status">
          <p style={{ marginTop: 0 }}>Run this once; the secret will not be shown again.</p>
          <CodeSnippet code={`heroku webhooks:add -i api:release -l notify -u ${connection.integration.webhookUrl} -t ${connection.secret}`} language="sh" />
          <p>Or, as a legacy deploy hook URL:</p>
          <SecretValue value={connection.deployHookUrl} label="Deploy hook URL" />
        </div>
      )}
      {editable && (
        <form
          className="panel body form"
          onSubmit={(e) => {
            e.preventDefault();
            void connect({ projectId: project.id, repository: repository.trim(), environment: environment.trim() || 'production' });
          }}
        >
          {state.error && <ErrorMessage error={state.error} />}
          {repositories.data && names.length === 0 ? (
            <div className="message warning">
              Connect the repository first, under <Link to={paths.settings.repositories(organization.slug)}>Repositories</Link>.
            </div>
          ) : (
            <label className="field">
              Repository <span className="hint">The connected repository Heroku deploys</span>
              <select required value={repository} onChange={(e) => setRepository(e.target.value)}>
                <option value="" disabled>
                  Choose a repository
                </option>
                {[...new Set([...names, ...(repository ? [repository] : [])])].map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            Environment
            <input type="text" value={environment} onChange={(e) => setEnvironment(e.target.value)} />
          </label>
          <SubmitButton disabled={state.fetching || !repository}>{project.heroku ? 'Reconnect (new secret)' : 'Connect Heroku'}</SubmitButton>
        </form>
      )}
    </>
  );
}

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { SecretValue } from '../../components/copy-button';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { ConnectRepositoryMutation, DeleteRepositoryMutation, RepositoriesQuery, RotateRepositorySecretMutation } from '../../graphql/documents/organization-settings';
import { isAdmin, useOrganization } from '../organization-layout';

/** GitHub repositories: each with the webhook URL and a secret that is shown once. */
export function Repositories() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const [result] = useQuery({ query: RepositoriesQuery, variables: { org } });
  const [connected, connect] = useMutation(ConnectRepositoryMutation);
  const [rotated, rotate] = useMutation(RotateRepositorySecretMutation);
  const [deleted, remove] = useMutation(DeleteRepositoryMutation);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ repository: string; webhookUrl: string; secret: string } | null>(null);
  const admin = isAdmin(organization.viewerRole);
  const error = connected.error ?? rotated.error ?? deleted.error;
  return (
    <>
      <h1>Repositories</h1>
      <p className="muted" style={{ margin: 0 }}>
        Connect a GitHub repository, then add a webhook in its settings (Settings → Webhooks): the payload URL and secret below, content type{' '}
        <code>application/json</code>, push events. Commits then show up on releases, and “Fixes {organization.projects.nodes[0]?.slug.toUpperCase() ?? 'WEB'}-12” in a message resolves the issue.
      </p>
      {secret && (
        <div className="message success" role="status">
          <p style={{ marginTop: 0 }}>
            Webhook for <strong>{secret.repository}</strong>. Copy the secret now: it will not be shown again.
          </p>
          <p>Payload URL</p>
          <SecretValue value={secret.webhookUrl} label="Webhook URL" />
          <p>Secret</p>
          <SecretValue value={secret.secret} label="Webhook secret" />
        </div>
      )}
      {admin && (
        <form
          className="form-row panel"
          style={{ padding: 14 }}
          onSubmit={async (e) => {
            e.preventDefault();
            const done = await connect({ org, name: name.trim() });
            if (done.data) {
              const { repository, webhookSecret } = done.data.connectRepository;
              setSecret({ repository: repository.name, webhookUrl: repository.webhookUrl, secret: webhookSecret });
              setName('');
            }
          }}
        >
          <label className="field" style={{ flex: 1 }}>
            GitHub repository
            <input type="text" required pattern={String.raw`[^\/\s]+\/[^\/\s]+`} title="owner/repo" value={name} onChange={(e) => setName(e.target.value)} placeholder="acme/web" />
          </label>
          <button type="submit" className="primary" disabled={connected.fetching}>
            Connect
          </button>
        </form>
      )}
      {error && <ErrorMessage error={error} />}
      <QueryResult result={result}>
        {(data) =>
          data.organization.repositories.length === 0 ? (
            <p className="muted">No repositories connected.</p>
          ) : (
            <table className="table panel" aria-label="Repositories">
              <thead>
                <tr>
                  <th>Repository</th>
                  <th>Webhook URL</th>
                  <th>Connected</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.organization.repositories.map((repo) => (
                  <tr key={repo.id}>
                    <td>
                      {repo.url ? (
                        <a href={repo.url} target="_blank" rel="noreferrer">
                          {repo.name}
                        </a>
                      ) : (
                        repo.name
                      )}
                      <div className="faint">{repo.provider}</div>
                    </td>
                    <td>
                      <code style={{ fontSize: '0.82em', wordBreak: 'break-all' }}>{repo.webhookUrl}</code>
                    </td>
                    <td className="nowrap">
                      <RelativeTime date={repo.dateCreated} />
                    </td>
                    <td className="num nowrap">
                      {admin && (
                        <>
                          <button
                            type="button"
                            className="small"
                            onClick={async () => {
                              const done = await rotate({ org, id: repo.id });
                              if (done.data) setSecret({ repository: repo.name, webhookUrl: done.data.rotateRepositoryWebhookSecret.repository.webhookUrl, secret: done.data.rotateRepositoryWebhookSecret.webhookSecret });
                            }}
                          >
                            New secret
                          </button>{' '}
                          <button
                            type="button"
                            className="small danger"
                            onClick={() => {
                              if (window.confirm(`Remove ${repo.name} and its commits?`)) void remove({ org, id: repo.id });
                            }}
                          >
                            Remove
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryResult>
    </>
  );
}

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { SecretValue } from '../../components/copy-button';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { SubmitButton } from '../../components/settings-form';
import { ApiTokensQuery, CreateApiTokenMutation, RevokeApiTokenMutation } from '../../graphql/documents/organization-settings';

/** Sentry's scopes; the preset covers what sentry-cli needs for releases and deploys. */
export const TOKEN_SCOPES = [
  'org:read', 'org:write', 'org:admin', 'member:read', 'member:write', 'member:admin', 'team:read', 'team:write', 'team:admin',
  'project:read', 'project:write', 'project:admin', 'project:releases', 'event:read', 'event:write', 'event:admin',
];
const DEFAULT_SCOPES = ['org:read', 'project:read', 'project:releases', 'event:read'];

/** Your API tokens (for scripts and sentry-cli); a new token is shown once. */
export function ApiTokens() {
  const [result] = useQuery({ query: ApiTokensQuery });
  const [created, create] = useMutation(CreateApiTokenMutation);
  const [revoked, revoke] = useMutation(RevokeApiTokenMutation);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(DEFAULT_SCOPES);
  const [token, setToken] = useState<string | null>(null);
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted" style={{ margin: 0 }}>
        Personal tokens act as you, narrowed to their scopes and to what your role allows. Use one as <code>SENTRY_AUTH_TOKEN</code> for sentry-cli or as{' '}
        <code>Authorization: Bearer …</code>.
      </p>
      {token && (
        <div className="message success" role="status">
          <p style={{ marginTop: 0 }}>Copy your new token now: it will not be shown again.</p>
          <SecretValue value={token} label="New API token" />
        </div>
      )}
      <form
        className="panel body form"
        style={{ maxWidth: 'none' }}
        onSubmit={async (e) => {
          e.preventDefault();
          const done = await create({ input: { name, scopes } });
          if (done.data) {
            setToken(done.data.createApiToken.token);
            setName('');
          }
        }}
      >
        <h2>New token</h2>
        {created.error && <ErrorMessage error={created.error} />}
        <label className="field">
          Name
          <input type="text" required value={name} onChange={(e) => setName(e.target.value)} placeholder="ci-releases" />
        </label>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 500, marginBottom: 6 }}>Scopes</legend>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))', gap: 4 }}>
            {TOKEN_SCOPES.map((scope) => (
              <label className="check" key={scope}>
                <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))} />
                <code>{scope}</code>
              </label>
            ))}
          </div>
        </fieldset>
        <SubmitButton disabled={created.fetching || scopes.length === 0}>Create token</SubmitButton>
      </form>
      {revoked.error && <ErrorMessage error={revoked.error} />}
      <QueryResult result={result}>
        {(data) =>
          data.viewer && data.viewer.apiTokens.length > 0 ? (
            <table className="table panel" aria-label="API tokens">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Token</th>
                  <th>Scopes</th>
                  <th>Last used</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.viewer.apiTokens.map((t) => (
                  <tr key={t.id}>
                    <td>
                      <strong>{t.name}</strong>
                      <div className="faint">
                        created <RelativeTime date={t.dateCreated} />
                      </div>
                    </td>
                    <td className="mono">…{t.tokenLastCharacters}</td>
                    <td style={{ fontSize: '0.85em' }}>{t.scopes.join(' ')}</td>
                    <td>{t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : <span className="faint">never</span>}</td>
                    <td className="num">
                      <button
                        type="button"
                        className="small danger"
                        onClick={() => {
                          if (window.confirm(`Revoke "${t.name}"? Anything using it stops working at once.`)) void revoke({ id: t.id });
                        }}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No tokens yet.</p>
          )
        }
      </QueryResult>
    </>
  );
}

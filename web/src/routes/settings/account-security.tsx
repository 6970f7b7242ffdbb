import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { SubmitButton } from '../../components/settings-form';
import {
  AccountSessionsQuery,
  ChangePasswordMutation,
  RevokeOtherSessionsMutation,
  RevokeSessionMutation,
} from '../../graphql/documents/account';

/** Password and sign-ins: change the password, see where you are signed in, sign out elsewhere. */
export function AccountSecurity() {
  return (
    <>
      <h1>Password &amp; sessions</h1>
      <ChangePassword />
      <Sessions />
    </>
  );
}

function ChangePassword() {
  const [state, change] = useMutation(ChangePasswordMutation);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const mismatch = confirm !== '' && confirm !== next;
  return (
    <form
      className="panel body form"
      style={{ maxWidth: 'none' }}
      aria-label="Change password"
      onSubmit={async (e) => {
        e.preventDefault();
        setDone(null);
        const result = await change({ currentPassword: current, newPassword: next });
        if (result.data) {
          setDone(result.data.changePassword);
          setCurrent('');
          setNext('');
          setConfirm('');
        }
      }}
    >
      <h2>Change password</h2>
      {state.error && <ErrorMessage error={state.error} />}
      {done !== null && (
        <div className="message success" role="status">
          Password changed.{' '}
          {done === 0 ? 'No other sessions were signed in.' : `${done} other ${done === 1 ? 'session was' : 'sessions were'} signed out.`}
        </div>
      )}
      <label className="field">
        Current password
        <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        New password
        <input type="password" autoComplete="new-password" required minLength={8} value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label className="field">
        Confirm new password
        <input
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          aria-invalid={mismatch}
          aria-describedby={mismatch ? 'password-mismatch' : undefined}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </label>
      {mismatch && (
        <p id="password-mismatch" className="message error" role="alert">
          The two new passwords differ.
        </p>
      )}
      <p className="muted" style={{ margin: 0 }}>
        Changing it signs out every other session. API tokens keep working; revoke them under API tokens.
      </p>
      <SubmitButton disabled={state.fetching || mismatch || !current || !next}>Change password</SubmitButton>
    </form>
  );
}

function Sessions() {
  const [result] = useQuery({ query: AccountSessionsQuery });
  const [revoked, revoke] = useMutation(RevokeSessionMutation);
  const [revokedOthers, revokeOthers] = useMutation(RevokeOtherSessionsMutation);
  return (
    <section className="panel body" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      {revoked.error && <ErrorMessage error={revoked.error} />}
      {revokedOthers.error && <ErrorMessage error={revokedOthers.error} />}
      <QueryResult result={result}>
        {(data) => {
          const sessions = data.viewer?.sessions ?? [];
          const others = sessions.filter((s) => !s.isCurrent);
          return (
            <>
              <p className="muted" style={{ marginTop: 0 }}>
                Where you are signed in to the dashboard. Sign out any you do not recognise, then change your password.
              </p>
              <table className="table" aria-label="Sessions">
                <thead>
                  <tr>
                    <th>Device</th>
                    <th>Address</th>
                    <th>Signed in</th>
                    <th>Last active</th>
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <strong>{s.device}</strong>
                        {s.isCurrent && (
                          <span className="badge" style={{ marginLeft: 8 }}>
                            This session
                          </span>
                        )}
                      </td>
                      <td className="mono">{s.ipAddress ?? '—'}</td>
                      <td>
                        <RelativeTime date={s.dateCreated} />
                      </td>
                      <td>{s.lastUsedAt ? <RelativeTime date={s.lastUsedAt} /> : '—'}</td>
                      <td className="num">
                        {!s.isCurrent && (
                          <button type="button" className="small danger" disabled={revoked.fetching} onClick={() => void revoke({ id: s.id })}>
                            Sign out<span className="visually-hidden"> {s.device}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {others.length > 0 && (
                <button type="button" className="danger" disabled={revokedOthers.fetching} onClick={() => void revokeOthers({})}>
                  Sign out all other sessions
                </button>
              )}
            </>
          );
        }}
      </QueryResult>
    </section>
  );
}

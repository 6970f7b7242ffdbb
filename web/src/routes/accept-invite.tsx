import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage, QueryResult } from '../components/query-state';
import { AcceptInviteMutation, InvitationQuery } from '../graphql/documents/invites';
import { LoginMutation, ViewerQuery } from '../graphql/documents/session';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';
import { Logo } from './login';

/**
 * The page an invitation email links to. Signed in as the invited address: one click joins.
 * Not signed in: sign in (existing account) or choose a name and password (new one).
 */
export function AcceptInvitePage() {
  const { inviteId = '', token = '' } = useParams();
  const [invitation] = useQuery({ query: InvitationQuery, variables: { inviteId, token } });
  const [viewer] = useQuery({ query: ViewerQuery });
  const [accepted, accept] = useMutation(AcceptInviteMutation);
  const [login, runLogin] = useMutation(LoginMutation);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { restart } = useSession();
  const navigate = useNavigate();
  useTitle('Invitation');
  const here = `/accept-invite/${inviteId}/${token}`;

  return (
    <main className="login-page">
      <div className="login-card">
        <div className="brand">
          <Logo /> Vigil
        </div>
        <QueryResult result={invitation}>
          {({ invitation: invite }) => {
            const signedInAs = viewer.data?.viewer?.email ?? null;
            const join = async (signUp: { name: string; password: string } | null) => {
              const done = await accept({ inviteId, token, ...(signUp ?? {}) });
              if (!done.data) return;
              if (signUp) {
                await runLogin({ email: invite.email, password: signUp.password });
                restart();
              }
              navigate(`/organizations/${invite.organizationSlug}/issues/`, { replace: true });
            };
            return (
              <>
                <h1 style={{ fontSize: '1.1rem' }}>Join {invite.organizationName}</h1>
                <p>
                  <strong>{invite.email}</strong> is invited as {invite.role.toLowerCase()}.
                </p>
                {(accepted.error ?? login.error) && <ErrorMessage error={(accepted.error ?? login.error)!} />}
                {signedInAs === invite.email ? (
                  <button type="button" className="primary" disabled={accepted.fetching} onClick={() => void join(null)}>
                    Join {invite.organizationName}
                  </button>
                ) : signedInAs ? (
                  <p>You are signed in as {signedInAs}. Sign out, then open this link again as {invite.email}.</p>
                ) : invite.hasAccount ? (
                  <Link className="button primary" to={`/login?next=${encodeURIComponent(here)}`}>
                    Sign in as {invite.email}
                  </Link>
                ) : (
                  <form
                    aria-label="Create your account"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void join({ name, password });
                    }}
                  >
                    <label className="field">
                      Your name
                      <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
                    </label>
                    <label className="field">
                      Choose a password
                      <input type="password" autoComplete="new-password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
                    </label>
                    <button type="submit" className="primary" disabled={accepted.fetching || login.fetching}>
                      Create account and join
                    </button>
                  </form>
                )}
              </>
            );
          }}
        </QueryResult>
      </div>
    </main>
  );
}

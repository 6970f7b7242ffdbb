import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../components/query-state';
import { LoginMutation, ViewerQuery } from '../graphql/documents/session';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [search] = useSearchParams();
  const next = safeNext(search.get('next'));
  const [viewer] = useQuery({ query: ViewerQuery });
  const [login, runLogin] = useMutation(LoginMutation);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { restart } = useSession();
  const navigate = useNavigate();
  useTitle('Sign in');

  if (viewer.data?.viewer) return <Navigate to={next} replace />;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await runLogin({ email, password });
    if (result.data?.login) {
      // A fresh client: the WebSocket must reconnect with the new session cookie.
      restart();
      navigate(next, { replace: true });
    }
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-label="Sign in">
        <div className="brand">
          <Logo /> Vigil
        </div>
        <h1 style={{ fontSize: '1.1rem' }}>Sign in</h1>
        {login.error && <ErrorMessage error={login.error} />}
        <label className="field">
          Email
          <input type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          Password
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={login.fetching}>
          {login.fetching ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted" style={{ margin: 0, fontSize: '0.88em' }}>
          No account yet? Create one with <code>npx vigil bootstrap</code>.
        </p>
      </form>
    </main>
  );
}

export function Logo() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <circle cx="12" cy="12" r="4" fill="currentColor" />
    </svg>
  );
}

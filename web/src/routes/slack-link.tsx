import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { ErrorMessage, Loading } from '../components/query-state';
import { LinkSlackIdentityMutation } from '../graphql/documents/slack';
import { useTitle } from '../lib/use-title';

/** Where `/vigil link` sends people: signed in (RequireViewer saw to it), the link is applied once. */
export function SlackLinkPage() {
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const [result, link] = useMutation(LinkSlackIdentityMutation);
  const sent = useRef(false);
  useTitle('Link Slack');
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    void link({ token });
  }, [link, token]);
  return (
    <main className="login-page">
      <div className="login-card" role="status">
        <h1 style={{ fontSize: '1.1rem' }}>Link Slack</h1>
        {result.error ? (
          <ErrorMessage error={result.error} />
        ) : result.data ? (
          <p>
            Slack user <strong>{result.data.linkSlackIdentity.slackName || result.data.linkSlackIdentity.id}</strong> of workspace{' '}
            <code>{result.data.linkSlackIdentity.teamId}</code> now acts as you in Vigil.
          </p>
        ) : (
          <Loading label="Linking…" />
        )}
        <p>
          <Link to="/">Back to Vigil</Link>
        </p>
      </div>
    </main>
  );
}

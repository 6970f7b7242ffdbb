import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { CodeSnippet, SecretValue } from '../components/copy-button';
import { ErrorMessage, QueryResult } from '../components/query-state';
import { IssueCreatedSubscription, ProjectIssueUpdatedSubscription } from '../graphql/documents/issues';
import { ProjectSetupQuery } from '../graphql/documents/project-settings';
import { paths } from '../lib/paths';
import { useTitle } from '../lib/use-title';
import { initSnippet, installCommand, sendTestEvent, type SdkPlatform } from '../lib/sdk-setup';
import { useOrganization } from './organization-layout';

/** First run: the DSN, `Sentry.init` for Node and the browser, and a test event that arrives live. */
export function GettingStarted() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const { project: slug = '' } = useParams();
  useTitle(`Set up ${slug}`);
  const [search, setSearch] = useSearchParams();
  const platform: SdkPlatform = search.get('platform') === 'browser' ? 'browser' : 'node';
  const [result] = useQuery({ query: ProjectSetupQuery, variables: { org, project: slug } });
  return (
    <QueryResult result={result}>
      {(data) => {
        const project = data.organization.project;
        if (!project) return <ErrorMessage error={`Project ${slug} not found`} />;
        const dsn = project.dsn;
        return (
          <div style={{ maxWidth: 860 }}>
            <div className="page-header">
              <div>
                <h1>Send errors from {project.name}</h1>
                <p className="muted" style={{ margin: '6px 0 0' }}>
                  Any official Sentry SDK works unchanged: point it at this DSN.
                </p>
              </div>
              <Link to={paths.stream(org, `project=${encodeURIComponent(project.slug)}`)} className="button">
                Go to issues →
              </Link>
            </div>
            <section className="section" aria-label="Your DSN">
              <h2>Your DSN</h2>
              {dsn ? <SecretValue value={dsn} label="DSN" /> : <ErrorMessage error="This project has no active key: enable or create one in the project settings." />}
            </section>
            <section className="section" aria-label="Set up the SDK">
              <h2>Set up the SDK</h2>
              <nav className="tabs" aria-label="Platform">
                {(['node', 'browser'] as const).map((p) => (
                  <button
                    key={p}
                    type="button"
                    className={platform === p ? 'active' : ''}
                    aria-pressed={platform === p}
                    onClick={() => setSearch(p === 'node' ? {} : { platform: p }, { replace: true })}
                  >
                    {p === 'node' ? 'Node.js' : 'Browser JavaScript'}
                  </button>
                ))}
              </nav>
              <p>1. Install the SDK:</p>
              <CodeSnippet code={installCommand(platform)} language="sh" />
              <p>2. Initialize it as early as possible{platform === 'node' ? ', before anything else is imported' : ' in your app'}:</p>
              <CodeSnippet code={initSnippet(platform, dsn ?? '<no active DSN key>')} language="js" />
              <p>
                3. Errors that nobody catches are reported on their own; report others with <code>Sentry.captureException(error)</code>.
              </p>
            </section>
            {dsn && <TestEvent dsn={dsn} projectId={project.id} org={org} />}
          </div>
        );
      }}
    </QueryResult>
  );
}

/** Sends one event to this project and waits for it to arrive as an issue, live. */
function TestEvent({ dsn, projectId, org }: { dsn: string; projectId: string; org: string }) {
  const [state, setState] = useState<{ phase: 'idle' | 'sending' | 'waiting' | 'error'; error?: string }>({ phase: 'idle' });
  const [arrived, setArrived] = useState<{ shortId: string; title: string } | null>(null);
  const listening = state.phase === 'waiting';
  const onIssue = (_: unknown, data: { issueCreated?: { shortId: string; title: string }; issueUpdated?: { shortId: string; title: string } }) => {
    const issue = data.issueCreated ?? data.issueUpdated;
    if (issue && issue.title.includes('test event sent from the Vigil dashboard')) {
      setArrived(issue);
      setState({ phase: 'idle' });
    }
    return null;
  };
  useSubscription({ query: IssueCreatedSubscription, variables: { projectId }, pause: !listening }, onIssue);
  useSubscription({ query: ProjectIssueUpdatedSubscription, variables: { projectId }, pause: !listening }, onIssue);
  const send = async () => {
    setArrived(null);
    setState({ phase: 'sending' });
    try {
      await sendTestEvent(dsn);
      setState({ phase: 'waiting' });
    } catch (error) {
      setState({ phase: 'error', error: (error as Error).message });
    }
  };
  return (
    <section className="section panel" aria-label="Test event">
      <header>
        <h2>Try it</h2>
        <button type="button" className="primary" onClick={send} disabled={state.phase === 'sending' || state.phase === 'waiting'}>
          {state.phase === 'sending' ? 'Sending…' : 'Send a test event'}
        </button>
      </header>
      <div className="body" style={{ minHeight: 64 }} aria-live="polite">
        {state.phase === 'idle' && !arrived && <span className="muted">Sends an error to this project the way a browser SDK would, then waits for it to show up.</span>}
        {state.phase === 'sending' && <span className="muted">Sending…</span>}
        {state.phase === 'waiting' && <span className="muted">Sent. Waiting for Vigil to process it…</span>}
        {state.phase === 'error' && <ErrorMessage error={state.error ?? 'Sending failed'} />}
        {arrived && (
          <div className="message success">
            It arrived: <Link to={paths.issue(org, arrived.shortId)}>{arrived.shortId}</Link> — {arrived.title}
          </div>
        )}
      </div>
    </section>
  );
}

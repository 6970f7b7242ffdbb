import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { CommitSha, commitAuthorName } from '../../components/commit';
import { QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { ReleaseCommitsQuery, ReleaseFilesQuery, ReleaseIssuesQuery, ReleasePageQuery } from '../../graphql/documents/releases';
import type { ReleaseIssueFragment, ReleasePageQuery as ReleaseData } from '../../graphql/generated/graphql';
import { paths } from '../../lib/paths';
import { useTitle } from '../../lib/use-title';
import { formatDateTime } from '../../lib/time';
import { useOrganization } from '../organization-layout';
import { IssueTitle } from '../stream/issue-row';
import { crashFree } from './release-list';

type Release = NonNullable<ReleaseData['organization']['release']>;

const TABS = [
  { id: 'commits', label: 'Commits' },
  { id: 'files', label: 'Files changed' },
  { id: 'issues', label: 'Issues' },
  { id: 'deploys', label: 'Deploys' },
] as const;
type Tab = (typeof TABS)[number]['id'];

/** One release: its health, commits with authors, files, new and resolved issues, deploys. */
export function ReleasePage() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const { version = '' } = useParams();
  useTitle(`Release ${version}`);
  const [search, setSearch] = useSearchParams();
  const tab: Tab = TABS.find((t) => t.id === search.get('tab'))?.id ?? 'commits';
  const [result] = useQuery({ query: ReleasePageQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading release…">
      {(data) => {
        const release = data.organization.release;
        if (!release) {
          return (
            <div className="empty">
              <h3>Release {version} not found</h3>
              <Link to={paths.releases(org)}>All releases</Link>
            </div>
          );
        }
        return (
          <>
            <div className="breadcrumbs">
              <Link to={paths.releases(org)}>← Releases</Link>
            </div>
            <div className="page-header">
              <div>
                <h1 className="mono">{release.version}</h1>
                <div className="muted">
                  Created <RelativeTime date={release.dateCreated} />
                  {release.dateReleased && <> · released {formatDateTime(release.dateReleased)}</>}
                  {release.projects.length > 0 && <> · {release.projects.map((p) => p.name).join(', ')}</>}
                  {release.ref && (
                    <>
                      {' '}
                      · ref <code>{release.ref}</code>
                    </>
                  )}
                </div>
              </div>
            </div>
            <ReleaseStats release={release} />
            <nav className="tabs section" aria-label="Release sections">
              {TABS.map((t) => (
                <button
                  key={t.id}
                  type="button"
                  className={tab === t.id ? 'active' : ''}
                  aria-current={tab === t.id ? 'page' : undefined}
                  onClick={() => {
                    const params = new URLSearchParams(search);
                    if (t.id === 'commits') params.delete('tab');
                    else params.set('tab', t.id);
                    setSearch(params);
                  }}
                >
                  {t.label}
                </button>
              ))}
            </nav>
            {tab === 'commits' && <Commits org={org} version={release.version} />}
            {tab === 'files' && <Files org={org} version={release.version} />}
            {tab === 'issues' && <Issues org={org} version={release.version} />}
            {tab === 'deploys' && <Deploys release={release} />}
          </>
        );
      }}
    </QueryResult>
  );
}

function ReleaseStats({ release }: { release: Release }) {
  const overall = release.health.find((h) => h.environment == null) ?? release.health[0];
  const sessions = release.health.reduce((sum, h) => sum + h.sessions, 0);
  return (
    <div className="stat-grid">
      <Stat label="Crash-free sessions" value={crashFree(overall?.crashFreeSessions)} />
      <Stat label="Crash-free users" value={crashFree(overall?.crashFreeUsers)} />
      <Stat label="Sessions" value={String(sessions)} />
      <Stat label="Commits" value={String(release.commitCount)} />
      <Stat label="Authors" value={String(release.authors.length)} />
      <Stat label="New issues" value={String(release.newIssues.length)} />
      <Stat label="Resolved issues" value={String(release.resolvedIssues.length)} />
      <Stat label="Deploys" value={String(release.deploys.length)} />
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat-card">
      <div className="label">{label}</div>
      <div className="value">{value}</div>
    </div>
  );
}

function Commits({ org, version }: { org: string; version: string }) {
  const [result] = useQuery({ query: ReleaseCommitsQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading commits…">
      {(data) => {
        const release = data.organization.release;
        if (!release || release.commits.length === 0) {
          return (
            <div className="empty panel">
              <h3>No commits</h3>
              <p>
                Associate commits with <code>sentry-cli releases set-commits</code>, or connect the repository and push.
              </p>
            </div>
          );
        }
        return (
          <div className="grid-2">
            <table className="table panel" aria-label="Commits">
              <thead>
                <tr>
                  <th>Commit</th>
                  <th>Author</th>
                  <th>Repository</th>
                  <th>Date</th>
                </tr>
              </thead>
              <tbody>
                {release.commits.map((commit) => (
                  <tr key={commit.id}>
                    <td>
                      <div title={commit.message}>{commit.title}</div>
                      <CommitSha commit={commit} />
                    </td>
                    <td>{commitAuthorName(commit.author)}</td>
                    <td className="muted">{commit.repository}</td>
                    <td className="nowrap">
                      <RelativeTime date={commit.dateCreated} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <aside className="sidebar-section" aria-label="Authors">
              <h3>Authors</h3>
              <ul className="activity">
                {release.authors.map((author, i) => (
                  <li key={`${author.email ?? author.name ?? i}`}>
                    <div>
                      <strong>{author.user?.name || author.name || author.email}</strong>
                      {author.email && <div className="faint">{author.email}</div>}
                    </div>
                  </li>
                ))}
              </ul>
            </aside>
          </div>
        );
      }}
    </QueryResult>
  );
}

function Files({ org, version }: { org: string; version: string }) {
  const [result] = useQuery({ query: ReleaseFilesQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading files…">
      {(data) => {
        const files = data.organization.release?.filesChanged ?? [];
        if (files.length === 0) return <div className="empty panel">No file changes recorded for this release.</div>;
        return (
          <table className="table panel" aria-label="Files changed">
            <thead>
              <tr>
                <th style={{ width: 40 }}>Type</th>
                <th>Path</th>
                <th className="num">Commits</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={`${file.type}-${file.path}`}>
                  <td>
                    <span className={`file-type ${file.type}`} title={{ A: 'Added', M: 'Modified', D: 'Deleted' }[file.type] ?? file.type}>
                      {file.type}
                    </span>
                  </td>
                  <td className="mono">{file.path}</td>
                  <td className="num">{file.commitCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      }}
    </QueryResult>
  );
}

function IssueList({ issues, org, empty }: { issues: ReleaseIssueFragment[]; org: string; empty: string }) {
  if (issues.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="table panel">
      <tbody>
        {issues.map((issue) => (
          <tr key={issue.id}>
            <td>
              <Link to={paths.issue(org, issue.shortId)}>
                <IssueTitle issue={issue} />
              </Link>
              <div className="faint mono" style={{ fontSize: '0.85em' }}>
                {issue.shortId}
              </div>
            </td>
            <td>
              <StatusBadge status={issue.status} substatus={issue.substatus} />
            </td>
            <td className="num">{issue.count} events</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Issues({ org, version }: { org: string; version: string }) {
  const [result] = useQuery({ query: ReleaseIssuesQuery, variables: { org, version } });
  return (
    <QueryResult result={result} loadingLabel="Loading issues…">
      {(data) => (
        <>
          <section aria-label="New issues">
            <h2 style={{ marginBottom: 8 }}>New in this release</h2>
            <IssueList issues={data.organization.release?.newIssues ?? []} org={org} empty="No issues were first seen in this release." />
          </section>
          <section className="section" aria-label="Resolved issues">
            <h2 style={{ marginBottom: 8 }}>Resolved in this release</h2>
            <IssueList issues={data.organization.release?.resolvedIssues ?? []} org={org} empty="No issues were resolved in this release." />
          </section>
        </>
      )}
    </QueryResult>
  );
}

function Deploys({ release }: { release: Release }) {
  if (release.deploys.length === 0) {
    return (
      <div className="empty panel">
        <h3>Not deployed yet</h3>
        <p>
          Record deploys with <code>sentry-cli deploys new -e production</code> or the Heroku integration.
        </p>
      </div>
    );
  }
  const environments = [...new Set(release.deploys.map((d) => d.environment))];
  return (
    <>
      <div className="stat-grid" style={{ marginBottom: 16 }}>
        {environments.map((env) => {
          const last = release.deploys.find((d) => d.environment === env)!;
          return (
            <div className="stat-card" key={env}>
              <div className="label">{env}</div>
              <div>
                deployed <RelativeTime date={last.dateFinished} />
              </div>
            </div>
          );
        })}
      </div>
      <table className="table panel" aria-label="Deploys">
        <thead>
          <tr>
            <th>Environment</th>
            <th>Name</th>
            <th>Started</th>
            <th>Finished</th>
          </tr>
        </thead>
        <tbody>
          {release.deploys.map((deploy) => (
            <tr key={deploy.id}>
              <td>
                <span className="badge accent">{deploy.environment}</span>
              </td>
              <td>{deploy.url ? <a href={deploy.url}>{deploy.name ?? deploy.url}</a> : (deploy.name ?? '—')}</td>
              <td>{formatDateTime(deploy.dateStarted)}</td>
              <td>{formatDateTime(deploy.dateFinished)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

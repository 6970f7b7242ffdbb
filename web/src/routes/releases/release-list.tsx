import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { ReleaseListQuery } from '../../graphql/documents/releases';
import { EnvironmentsQuery } from '../../graphql/documents/issues';
import { CHARTED_RELEASES, ReleaseEventsChart } from './release-events-chart';
import { paths } from '../../lib/paths';
import { useTitle } from '../../lib/use-title';
import { useOrganization } from '../organization-layout';
import { useReleaseLiveUpdates } from './use-release-live';
import { EnvironmentSelect } from '../../components/environment-select';

export function crashFree(value: number | null | undefined): string {
  return value == null ? '—' : `${(value * 100).toFixed(value >= 0.9995 || value === 0 ? 0 : 2)}%`;
}

/** A 0-1 share as Sentry prints adoption: whole percent, "<1%" for a trickle, "—" without sessions. */
export function adoption(value: number | null | undefined): string {
  if (value == null) return '—';
  if (value > 0 && value < 0.01) return '<1%';
  return `${Math.round(value * 100)}%`;
}

/** Releases, newest first, filterable by project (`?project=`), version (`?query=`) and environment (`?environment=`). */
export function ReleaseList() {
  const { organization, project } = useOrganization();
  const org = organization.slug;
  useReleaseLiveUpdates(org);
  const [search, setSearch] = useSearchParams();
  const query = search.get('query') ?? '';
  const cursor = search.get('cursor');
  const environment = search.get('environment') || null;
  const [environments] = useQuery({ query: EnvironmentsQuery, variables: { org, projects: project ? [project.id] : null } });
  const [text, setText] = useState(query);
  useTitle('Releases');
  const [result] = useQuery({
    query: ReleaseListQuery,
    variables: { org, projects: project ? [project.slug] : null, query: query || null, environment, after: cursor },
  });
  const previous = useRef(new Map<string, string | null>());
  const go = (change: Record<string, string | null>) => {
    const params = new URLSearchParams(search);
    for (const [key, value] of Object.entries(change)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    setSearch(params);
  };

  return (
    <>
      <div className="page-header">
        <h1>Releases</h1>
        <form
          className="form-row"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            go({ query: text.trim() || null, cursor: null });
          }}
        >
          <input type="search" aria-label="Search releases" placeholder="Search versions" value={text} onChange={(e) => setText(e.target.value)} />
          <EnvironmentSelect
            value={environment}
            environments={environments.data?.organization.environments ?? []}
            onChange={(chosen) => go({ environment: chosen, cursor: null })}
          />
        </form>
      </div>
      <QueryResult result={result} loadingLabel="Loading releases…">
        {(data) => {
          const releases = data.organization.releases;
          if (releases.nodes.length === 0) {
            return (
              <div className="empty panel">
                <h3>No releases{query ? ` matching "${query}"` : ''}</h3>
                <p>
                  Set <code>release</code> in <code>Sentry.init</code>, or create one with <code>sentry-cli releases new</code>.
                </p>
              </div>
            );
          }
          return (
            <>
              <ReleaseEventsChart
                org={org}
                versions={releases.nodes.slice(0, CHARTED_RELEASES).map((r) => r.version)}
                projects={project ? [project.id] : null}
                environment={environment}
              />
              <table className="table panel" aria-label="Releases">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>Projects</th>
                    <th className="num">Commits</th>
                    <th>Last deploy</th>
                    <th className="num">New issues</th>
                    <th className="num" title="Share of sessions (users) in the last 24 hours">Adoption</th>
                    <th className="num">Crash-free sessions</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  {releases.nodes.map((release) => {
                    const sessions = release.health.reduce((sum, h) => sum + h.sessions, 0);
                    const rates = release.health.filter((h) => h.crashFreeSessions != null);
                    const rate = rates.length > 0 ? rates.reduce((sum, h) => sum + h.crashFreeSessions! * h.sessions, 0) / Math.max(1, sessions) : null;
                    return (
                      <tr key={release.id}>
                        <td>
                          <Link to={paths.release(org, release.version)} className="mono" title={release.version}>
                            {release.version}
                          </Link>
                        </td>
                        <td>{release.projects.map((p) => p.slug).join(', ')}</td>
                        <td className="num">{release.commitCount}</td>
                        <td>
                          {release.lastDeploy ? (
                            <>
                              <span className="badge accent">{release.lastDeploy.environment}</span> <RelativeTime date={release.lastDeploy.dateFinished} />
                            </>
                          ) : (
                            <span className="faint">—</span>
                          )}
                        </td>
                        <td className="num">
                          {release.newIssueCount > 0 ? (
                            <Link to={`${paths.release(org, release.version)}?tab=issues`}>{release.newIssueCount}</Link>
                          ) : (
                            0
                          )}
                        </td>
                        <td className="num" data-testid="adoption">
                          {adoption(release.adoption.sessionAdoption)}
                          {release.adoption.userAdoption != null && <span className="faint"> ({adoption(release.adoption.userAdoption)} users)</span>}
                        </td>
                        <td className="num">{crashFree(rate)}</td>
                        <td>
                          <RelativeTime date={release.dateCreated} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="stream-footer">
                <span>
                  {releases.totalCount} release{releases.totalCount === 1 ? '' : 's'}
                </span>
                <span className="button-group">
                  <button type="button" disabled={!cursor} onClick={() => go({ cursor: cursor ? (previous.current.get(cursor) ?? null) : null })}>
                    ← Previous
                  </button>
                  <button
                    type="button"
                    disabled={!releases.pageInfo.hasNextPage}
                    onClick={() => {
                      const next = releases.pageInfo.endCursor;
                      if (!next) return;
                      previous.current.set(next, cursor);
                      go({ cursor: next });
                    }}
                  >
                    Next →
                  </button>
                </span>
              </div>
            </>
          );
        }}
      </QueryResult>
    </>
  );
}

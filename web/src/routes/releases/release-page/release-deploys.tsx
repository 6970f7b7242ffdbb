import { RelativeTime } from '../../../components/relative-time';
import { formatDateTime } from '../../../lib/time';
import type { Release } from './release-page';

/** The deploys tab: the latest deploy per environment, then every deploy. */
export function ReleaseDeploys({ release }: { release: Release }) {
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

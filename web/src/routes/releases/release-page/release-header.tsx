import { Link } from 'react-router';
import { RelativeTime } from '../../../components/relative-time';
import { paths } from '../../../lib/paths';
import { formatDateTime } from '../../../lib/time';
import type { Release } from './release-page';

/** Breadcrumb, version, when it was created and released, its projects and ref. */
export function ReleaseHeader({ org, release }: { org: string; release: Release }) {
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
    </>
  );
}

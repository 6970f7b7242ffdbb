import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { QueryResult } from '../../../components/query-state';
import { ReleasePageQuery } from '../../../graphql/documents/releases';
import type { ReleasePageQuery as ReleaseData } from '../../../graphql/generated/graphql';
import { paths } from '../../../lib/paths';
import { useTitle } from '../../../lib/use-title';
import { useOrganization } from '../../organization-layout';
import { useReleaseLiveUpdates } from '../use-release-live';
import { ReleaseCommits } from './release-commits';
import { ReleaseDeploys } from './release-deploys';
import { ReleaseArtifacts } from './release-artifacts';
import { ReleaseFiles } from './release-files';
import { ReleaseHeader } from './release-header';
import { ReleaseIssues } from './release-issues';
import { ReleaseStats } from './release-stats';
import { RELEASE_PANEL, ReleaseTabs, releaseTabId, useReleaseTab } from './release-tabs';

export type Release = NonNullable<ReleaseData['organization']['release']>;

/** One release: its health, commits with authors, files, new and resolved issues, deploys. */
export function ReleasePage() {
  const { organization } = useOrganization();
  const org = organization.slug;
  useReleaseLiveUpdates(org);
  const { version = '' } = useParams();
  useTitle(`Release ${version}`);
  const [tab, setTab] = useReleaseTab();
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
            <ReleaseHeader org={org} release={release} />
            <ReleaseStats release={release} />
            <ReleaseTabs tab={tab} onChange={setTab} />
            <div role="tabpanel" id={RELEASE_PANEL} aria-labelledby={releaseTabId(tab)}>
              {tab === 'commits' && <ReleaseCommits org={org} version={release.version} />}
              {tab === 'files' && <ReleaseFiles org={org} version={release.version} />}
              {tab === 'issues' && <ReleaseIssues org={org} version={release.version} />}
              {tab === 'deploys' && <ReleaseDeploys release={release} />}
              {tab === 'artifacts' && <ReleaseArtifacts org={org} version={release.version} />}
            </div>
          </>
        );
      }}
    </QueryResult>
  );
}

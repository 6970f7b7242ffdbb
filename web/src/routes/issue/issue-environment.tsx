import { useSearchParams } from 'react-router';
import { useEnvironments } from '../stream/stream-filters';
import { EnvironmentSelect } from '../../components/environment-select';

/** The issue page's environment (`?environment=`, as on the stream): null for all of them. */
export function useIssueEnvironment(): [string | null, (environment: string | null) => void] {
  const [search, setSearch] = useSearchParams();
  const environment = search.get('environment') || null;
  const choose = (next: string | null) => {
    const params = new URLSearchParams(search);
    if (next) params.set('environment', next);
    else params.delete('environment');
    params.delete('cursor');
    setSearch(params);
  };
  return [environment, choose];
}

/** Filters the issue's counts, chart, tags, events and latest event to one environment. */
export function IssueEnvironmentFilter({ org, projectId }: { org: string; projectId: string }) {
  const [environment, choose] = useIssueEnvironment();
  const environments = useEnvironments(org, [projectId], environment);
  return <EnvironmentSelect value={environment} environments={environments} onChange={choose} />;
}

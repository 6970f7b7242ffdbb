import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { AssigneeOptionsQuery, EnvironmentsQuery, SearchValuesQuery } from '../../graphql/documents/issues';
import type { SuggestionValues } from '../../lib/search-language';
import { PERIODS, SORTS, type StreamParams } from '../../lib/stream-params';
import { EnvironmentSelect } from '../../components/environment-select';

/** The environments events came from (the server keeps the list), plus the one in the URL. */
export function useEnvironments(org: string, projects: string[] | null, currentEnvironment: string | null): string[] {
  const [result] = useQuery({ query: EnvironmentsQuery, variables: { org, projects } });
  return useMemo(() => {
    const names = new Set(result.data?.organization.environments ?? []);
    if (currentEnvironment) names.add(currentEnvironment);
    return [...names].sort();
  }, [result.data, currentEnvironment]);
}

/**
 * Values for the search bar, loaded the first time someone reaches for them (focus on the
 * search); the environments at once, for the filter.
 */
export function useSearchValues(org: string, projects: string[] | null, currentEnvironment: string | null) {
  const [wanted, setWanted] = useState(false);
  const [values] = useQuery({ query: SearchValuesQuery, variables: { org }, pause: !wanted });
  const [people] = useQuery({ query: AssigneeOptionsQuery, variables: { org }, pause: !wanted });
  const environments = useEnvironments(org, projects, currentEnvironment);
  const suggestions = useMemo<SuggestionValues>(
    () => ({
      environments,
      releases: values.data?.organization.releases.nodes.map((r) => r.version) ?? [],
      users: people.data?.organization.members.nodes.map((m) => m.user.email) ?? [],
      teams: people.data?.organization.teams.nodes.map((t) => t.slug) ?? [],
    }),
    [environments, values.data, people.data],
  );
  return { environments, suggestions, load: () => setWanted(true) };
}

export function StreamFilters({
  params,
  setParams,
  environments,
}: {
  params: StreamParams;
  setParams: (change: Partial<StreamParams>) => void;
  environments: string[];
}) {
  return (
    <>
      <EnvironmentSelect value={params.environment ?? null} environments={environments} onChange={(environment) => setParams({ environment })} />
      <select aria-label="Time range" value={params.statsPeriod ?? ''} onChange={(e) => setParams({ statsPeriod: e.target.value || null })}>
        {PERIODS.map((period) => (
          <option key={period.label} value={period.value ?? ''}>
            {period.label}
          </option>
        ))}
      </select>
      <select aria-label="Sort by" value={params.sort} onChange={(e) => setParams({ sort: e.target.value as StreamParams['sort'] })}>
        {SORTS.map((sort) => (
          <option key={sort.value} value={sort.value}>
            Sort: {sort.label}
          </option>
        ))}
      </select>
    </>
  );
}

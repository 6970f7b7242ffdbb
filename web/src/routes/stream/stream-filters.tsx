import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { AssigneeOptionsQuery, SearchValuesQuery } from '../../graphql/documents/issues';
import type { SuggestionValues } from '../../lib/search-language';
import { PERIODS, SORTS, type StreamParams } from '../../lib/stream-params';

/**
 * Values for the search bar and the environment filter, loaded the first time someone reaches
 * for them (focus on the search or the environment list).
 */
export function useSearchValues(org: string, projects: string[] | null, currentEnvironment: string | null) {
  const [wanted, setWanted] = useState(false);
  const [values] = useQuery({ query: SearchValuesQuery, variables: { org, projects }, pause: !wanted });
  const [people] = useQuery({ query: AssigneeOptionsQuery, variables: { org }, pause: !wanted });
  const environments = useMemo(() => {
    const names = new Set<string>();
    for (const issue of values.data?.organization.issues.nodes ?? []) {
      for (const tag of issue.environments) for (const value of tag.topValues) names.add(value.value);
    }
    if (currentEnvironment) names.add(currentEnvironment);
    return [...names].sort();
  }, [values.data, currentEnvironment]);
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
  onNeedValues,
}: {
  params: StreamParams;
  setParams: (change: Partial<StreamParams>) => void;
  environments: string[];
  onNeedValues: () => void;
}) {
  return (
    <>
      <select aria-label="Environment" value={params.environment ?? ''} onFocus={onNeedValues} onPointerDown={onNeedValues} onChange={(e) => setParams({ environment: e.target.value || null })}>
        <option value="">All environments</option>
        {environments.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
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

import { useEffect } from 'react';
import { useQuery } from 'urql';
import { IssueCountsQuery } from '../../graphql/documents/stream-views';
import { compactNumber } from '../../lib/time';

/** Sentry's stream tabs: each is a search; its count is the same search's total. */
export const STREAM_TABS = [
  { id: 'unresolved', label: 'Unresolved', query: 'is:unresolved' },
  { id: 'for-review', label: 'For review', query: 'is:unresolved is:for_review' },
  { id: 'ignored', label: 'Ignored', query: 'is:ignored' },
  { id: 'resolved', label: 'Resolved', query: 'is:resolved' },
] as const;
const QUERIES = STREAM_TABS.map((tab) => tab.query);
export const STREAM_PANEL = 'issue-stream-panel';
export const streamTabId = (id: string) => `stream-tab-${id}`;

/** The tab whose search is the current one, if any (a custom search selects none). */
export function activeTab(query: string) {
  return STREAM_TABS.find((tab) => tab.query === query.trim()) ?? null;
}

export function StreamTabs({
  org,
  query,
  projects,
  environment,
  statsPeriod,
  liveTick,
  onSelect,
}: {
  org: string;
  query: string;
  projects: string[] | null;
  environment: string | null;
  statsPeriod: string | null;
  /** Changes whenever issues may have changed (live events, mutations): the counts refetch. */
  liveTick: number;
  onSelect: (query: string) => void;
}) {
  const [result, refetch] = useQuery({ query: IssueCountsQuery, variables: { org, queries: QUERIES, projects, environment, statsPeriod } });
  useEffect(() => {
    if (liveTick > 0) refetch({ requestPolicy: 'network-only' });
  }, [liveTick, refetch]);
  const counts = result.data?.organization.issueCounts;
  const active = activeTab(query);
  return (
    <div className="tabs stream-tabs" role="tablist" aria-label="Issue views">
      {STREAM_TABS.map((tab, i) => {
        const count = counts?.[i]?.count;
        const more = counts?.[i]?.countIsLowerBound ? '+' : '';
        const selected = active?.id === tab.id;
        return (
          <button
            key={tab.id}
            id={streamTabId(tab.id)}
            type="button"
            role="tab"
            className={selected ? 'active' : ''}
            aria-selected={selected}
            aria-controls={STREAM_PANEL}
            data-testid={`tab-${tab.id}`}
            onClick={() => onSelect(tab.query)}
          >
            {tab.label}{' '}
            <span className="tab-count" aria-label={count === undefined ? 'count loading' : `${count}${more} issues`}>
              {count === undefined ? '…' : `${compactNumber(count)}${more}`}
            </span>
          </button>
        );
      })}
    </div>
  );
}

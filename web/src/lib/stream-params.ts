import type { IssueSort } from '../graphql/generated/graphql';

/** Everything the issue stream shows is in its URL, so views can be shared and Back works. */
export interface StreamParams {
  query: string;
  sort: IssueSort;
  environment: string | null;
  statsPeriod: string | null;
  /** A project slug; null for all projects. */
  project: string | null;
  cursor: string | null;
}

export const DEFAULT_QUERY = 'is:unresolved';

/** URL spellings (Sentry's) of the sorts. */
export const SORTS: { value: IssueSort; param: string; label: string }[] = [
  { value: 'LAST_SEEN', param: 'date', label: 'Last seen' },
  { value: 'FIRST_SEEN', param: 'new', label: 'First seen' },
  { value: 'FREQUENCY', param: 'freq', label: 'Events' },
  { value: 'USERS', param: 'user', label: 'Users' },
];

export const PERIODS: { value: string | null; label: string }[] = [
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '14d', label: 'Last 14 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: null, label: 'All time' },
];

const PERIOD = /^\d{1,4}[mhdw]$/;

export function readStreamParams(search: URLSearchParams): StreamParams {
  const sortParam = search.get('sort');
  const period = search.get('statsPeriod');
  return {
    // No parameter means the default search; an empty one means "everything".
    query: search.get('query') ?? DEFAULT_QUERY,
    sort: SORTS.find((s) => s.param === sortParam)?.value ?? 'LAST_SEEN',
    environment: search.get('environment') || null,
    statsPeriod: period && PERIOD.test(period) ? period : null,
    project: search.get('project') || null,
    cursor: search.get('cursor') || null,
  };
}

/** The URL query for the params; defaults are left out to keep links short. */
export function writeStreamParams(params: StreamParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.project) search.set('project', params.project);
  if (params.query !== DEFAULT_QUERY) search.set('query', params.query);
  const sort = SORTS.find((s) => s.value === params.sort);
  if (sort && sort.value !== 'LAST_SEEN') search.set('sort', sort.param);
  if (params.environment) search.set('environment', params.environment);
  if (params.statsPeriod) search.set('statsPeriod', params.statsPeriod);
  if (params.cursor) search.set('cursor', params.cursor);
  return search;
}

/** A change of anything but the page starts again from the first page. */
export function updateStreamParams(current: StreamParams, change: Partial<StreamParams>): StreamParams {
  const next = { ...current, ...change };
  if (!('cursor' in change)) next.cursor = null;
  return next;
}

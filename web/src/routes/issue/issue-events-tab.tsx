import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { RelativeTime } from '../../components/relative-time';
import { ErrorMessage, Loading } from '../../components/query-state';
import { SearchBar } from '../../components/search-bar';
import { IssueEventsQuery } from '../../graphql/documents/issue-views';
import { paths } from '../../lib/paths';
import { searchErrorOf } from '../stream/issue-stream';

const PAGE_SIZE = 25;

type EventUser = { id?: string | null; email?: string | null; username?: string | null; ipAddress?: string | null } | null;
const userLabel = (user: EventUser) => user?.email ?? user?.username ?? user?.id ?? user?.ipAddress ?? '';

/**
 * Every event of the issue, newest first, searched with the search language (`eventsQuery=`) in
 * the selected environment, a page at a time (`cursor=`); each row opens that event.
 */
export function IssueEventsTab({ org, shortId, environment }: { org: string; shortId: string; environment: string | null }) {
  const [search, setSearch] = useSearchParams();
  const query = search.get('eventsQuery') ?? '';
  const cursor = search.get('cursor');
  const [result] = useQuery({ query: IssueEventsQuery, variables: { org, shortId, query: query || null, environment, first: PAGE_SIZE, after: cursor } });
  const change = (next: Record<string, string | null>) => {
    const params = new URLSearchParams(search);
    for (const [key, value] of Object.entries(next)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    setSearch(params);
  };
  const searchError = searchErrorOf(result.error);
  const events = result.data?.organization.issue.events;
  return (
    <section aria-label="Events of this issue">
      <div className="toolbar">
        <SearchBar label="Search events" placeholder="Search: browser:Chrome environment:production user.email:…" query={query} onSubmit={(text) => change({ eventsQuery: text.trim() || null, cursor: null })} serverError={searchError} />
      </div>
      {result.error && !searchError && <ErrorMessage error={result.error} />}
      {searchError && <p className="message error">No events shown: {searchError.message}</p>}
      {!events && !result.error && <Loading label="Loading events…" />}
      {events && !searchError && (
        <>
          <p className="muted" aria-live="polite" data-testid="event-count">
            {events.totalCount} event{events.totalCount === 1 ? '' : 's'}
            {query ? ` matching ${query}` : ''}
            {environment ? ` in ${environment}` : ''}
          </p>
          <div className="table-scroll" role="region" tabIndex={0} aria-label="Events table">
            <table className="table events-table">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">When</th>
                  <th scope="col">Environment</th>
                  <th scope="col">Release</th>
                  <th scope="col">User</th>
                </tr>
              </thead>
              <tbody>
                {events.nodes.map((event) => (
                  <tr key={event.id}>
                    <td>
                      <Link to={`${paths.issueEvent(org, shortId, event.eventId)}${environment ? `?environment=${encodeURIComponent(environment)}` : ''}`} className="mono">
                        {event.eventId.slice(0, 8)}
                      </Link>{' '}
                      <span className="truncate" title={event.message ?? event.title}>
                        {event.message ?? event.title}
                      </span>
                    </td>
                    <td>
                      <RelativeTime date={event.timestamp} />
                    </td>
                    <td>{event.environment}</td>
                    <td className="mono">{event.release?.version ?? ''}</td>
                    <td>{userLabel(event.user)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {events.nodes.length === 0 && <p className="muted">No events match.</p>}
          <nav className="pager" aria-label="Event pages">
            <button type="button" className="small" disabled={!cursor} onClick={() => change({ cursor: null })}>
              Newest
            </button>
            <button type="button" className="small" disabled={!events.pageInfo.hasNextPage} onClick={() => change({ cursor: events.pageInfo.endCursor ?? null })}>
              Older
            </button>
          </nav>
        </>
      )}
    </section>
  );
}

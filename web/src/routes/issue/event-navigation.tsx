import { Link, useLocation } from 'react-router';
import { paths } from '../../lib/paths';
import type { EventNavigation } from './use-event-navigation';

/** Newest · Newer · Older links; every event has its own URL. */
export function EventNavigationBar({ org, shortId, eventId, navigation }: { org: string; shortId: string; eventId: string; navigation: EventNavigation | null }) {
  const location = useLocation();
  const to = (id: string | null) => (id ? { pathname: paths.issueEvent(org, shortId, id), search: location.search } : null);
  const link = (id: string | null, label: string, rel: string) => {
    const target = to(id);
    return target && id !== eventId ? (
      <Link className="button small" to={target} rel={rel}>
        {label}
      </Link>
    ) : (
      <button type="button" className="small" disabled>
        {label}
      </button>
    );
  };
  return (
    <div className="event-nav">
      <div>
        <strong>Event</strong> <code title="Event ID">{eventId.slice(0, 8)}</code>
        {navigation?.position != null && navigation.total != null && (
          <span className="muted">
            {' '}
            · {navigation.position} of {navigation.total} (newest first)
          </span>
        )}
      </div>
      <span className="button-group" aria-label="Event navigation">
        {link(navigation?.oldest ?? null, '« Oldest', 'last')}
        {link(navigation?.older ?? null, '‹ Older', 'next')}
        {link(navigation?.newer ?? null, 'Newer ›', 'prev')}
        {link(navigation?.latest ?? null, 'Latest »', 'first')}
      </span>
    </div>
  );
}

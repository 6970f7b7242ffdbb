import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { IssueEventIdsQuery } from '../../graphql/documents/issue';
import type { IssueEventIdsQuery as IssueEventIdsData } from '../../graphql/generated/graphql';

export interface EventNavigation {
  /** Event ids around the current one (newest first order). */
  newer: string | null;
  older: string | null;
  latest: string | null;
  oldest: string | null;
  /** 1-based position of the current event, newest first, when known. */
  position: number | null;
  total: number | null;
}

const MAX_PAGES = 20;

/**
 * Finds the events before and after `eventId` in the issue's newest-first list, reading pages
 * of ids until it finds it (the list has only forward cursors). `refresh` reloads the ids, e.g.
 * when a new event arrives.
 */
export function useEventNavigation(org: string, shortId: string, eventId: string | null, refresh: number, environment: string | null = null): EventNavigation | null {
  const client = useClient();
  const [navigation, setNavigation] = useState<EventNavigation | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const ids: string[] = [];
      let after: string | null = null;
      let total: number | null = null;
      let complete = false;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result: { data?: IssueEventIdsData | undefined } = await client
          .query(IssueEventIdsQuery, { org, shortId, after, environment }, { requestPolicy: refresh > 0 && page === 0 ? 'network-only' : 'cache-first' })
          .toPromise();
        const events: IssueEventIdsData['organization']['issue']['events'] | undefined = result.data?.organization.issue.events;
        if (!events) break;
        total = events.totalCount;
        ids.push(...events.nodes.map((n) => n.eventId));
        after = events.pageInfo.endCursor;
        complete = !events.pageInfo.hasNextPage;
        // Enough once the current event and its older neighbour are in.
        const index = eventId ? ids.indexOf(eventId) : 0;
        if (complete || (index >= 0 && index < ids.length - 1)) break;
      }
      if (cancelled) return;
      const index = eventId ? ids.indexOf(eventId) : 0;
      setNavigation({
        latest: ids[0] ?? null,
        oldest: complete ? (ids[ids.length - 1] ?? null) : null,
        newer: index > 0 ? (ids[index - 1] ?? null) : null,
        older: index >= 0 ? (ids[index + 1] ?? null) : null,
        position: index >= 0 ? index + 1 : null,
        total,
      });
    };
    void load();
    return () => {
      cancelled = true;
    };
  }, [client, org, shortId, eventId, refresh, environment]);
  return navigation;
}

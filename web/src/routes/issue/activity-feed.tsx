import { useQuery } from 'urql';
import { Avatar } from '../../components/avatar';
import { QueryResult } from '../../components/query-state';
import { RelativeTime } from '../../components/relative-time';
import { IssueActivityQuery } from '../../graphql/documents/issue';
import type { ActivityType } from '../../graphql/generated/graphql';
import { formatWindow } from '../../lib/time';

const str = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/** One sentence per activity entry. */
export function describeActivity(type: ActivityType, data: Record<string, unknown>): string {
  switch (type) {
    case 'FIRST_SEEN':
      return 'first saw this issue';
    case 'SET_RESOLVED':
      return 'resolved the issue';
    case 'SET_RESOLVED_IN_NEXT_RELEASE':
      return `resolved the issue in the next release${str(data.version) ? ` (after ${str(data.version)})` : ''}`;
    case 'SET_RESOLVED_IN_RELEASE':
      return `marked the issue resolved in ${str(data.version) ?? 'a release'}`;
    case 'SET_RESOLVED_IN_COMMIT':
      return `linked commit ${str(data.commit)?.slice(0, 7) ?? ''}${str(data.repository) ? ` in ${str(data.repository)}` : ''}, which resolves it when released`;
    case 'SET_UNRESOLVED':
      return 'marked the issue unresolved';
    case 'SET_REGRESSION':
      return `marked the issue as a regression${str(data.version) ? ` in ${str(data.version)}` : ''}`;
    case 'SET_IGNORED': {
      const minutes = typeof data.ignoreDuration === 'number' ? data.ignoreDuration : null;
      if (minutes) return `ignored the issue for ${formatWindow(minutes * 60)}`;
      if (typeof data.ignoreCount === 'number') return `ignored the issue until ${data.ignoreCount} more events`;
      return 'ignored the issue';
    }
    case 'ASSIGNED':
      return `assigned the issue to ${data.assigneeType === 'team' ? `#${str(data.teamSlug) ?? 'a team'}` : (str(data.assigneeEmail) ?? 'someone')}`;
    case 'UNASSIGNED':
      return 'unassigned the issue';
    case 'BOOKMARKED':
      return 'bookmarked the issue';
    case 'UNBOOKMARKED':
      return 'removed the bookmark';
    case 'SET_PUBLIC':
      return 'shared the issue publicly';
    case 'SET_PRIVATE':
      return 'stopped sharing the issue';
    case 'DELETED':
      return 'deleted the issue';
  }
}

export function ActivityFeed({ org, shortId }: { org: string; shortId: string }) {
  const [result] = useQuery({ query: IssueActivityQuery, variables: { org, shortId } });
  return (
    <QueryResult result={result}>
      {(data) => {
        const entries = data.organization.issue.activity.nodes;
        return (
          <>
            <section className="sidebar-section" aria-label="Activity">
              <h3>Activity</h3>
              {entries.length === 0 ? (
                <p className="muted">Nothing yet.</p>
              ) : (
                <ul className="activity">
                  {entries.map((entry) => (
                    <li key={entry.id}>
                      {entry.user ? <Avatar assignee={{ __typename: 'User', ...entry.user }} /> : <span className="avatar">V</span>}
                      <div>
                        <strong>{entry.user ? entry.user.name || entry.user.email : 'Vigil'}</strong> {describeActivity(entry.type, entry.data)}
                        <div className="faint" style={{ fontSize: '0.85em' }}>
                          <RelativeTime date={entry.dateCreated} />
                        </div>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        );
      }}
    </QueryResult>
  );
}

import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { EventDetails } from '../../components/event/event-details';
import { ErrorMessage, Loading, QueryResult } from '../../components/query-state';
import { EventQuery, EventReceivedSubscription, IssuePageQuery, IssueUpdatedSubscription } from '../../graphql/documents/issue';
import { paths } from '../../lib/paths';
import { useTitle } from '../../lib/use-title';
import { canWrite, useOrganization } from '../organization-layout';
import { ActivityFeed } from './activity-feed';
import { SubscriptionStatus } from './subscription-status';
import { EventNavigationBar } from './event-navigation';
import { FrequencyChart } from './frequency-chart';
import { IssueActions } from './issue-actions';
import { ShareIssue } from './share-issue';
import { IssueHeader } from './issue-header';
import { Ownership } from './ownership';
import { TagDistributions } from './tag-distributions';
import { useEventNavigation } from './use-event-navigation';

/** One issue: header and actions, frequency, tags, the selected event, activity; all live. */
export function IssuePage() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const { shortId = '', eventId: eventParam } = useParams();
  const location = useLocation();
  const [result] = useQuery({ query: IssuePageQuery, variables: { org, shortId } });
  const issue = result.data?.organization.issue;
  useTitle(issue ? `${issue.shortId} · ${issue.title}` : shortId);

  // New events bump the navigation (and the latest event when no event is pinned in the URL).
  const [eventsSeen, setEventsSeen] = useState(0);
  useSubscription({ query: IssueUpdatedSubscription, variables: { issueId: issue?.id ?? '' }, pause: !issue });
  useSubscription({ query: EventReceivedSubscription, variables: { issueId: issue?.id ?? '' }, pause: !issue }, () => {
    setEventsSeen((n) => n + 1);
    return null;
  });

  const eventId = eventParam ?? issue?.latestEvent?.eventId ?? null;
  const navigation = useEventNavigation(org, shortId, eventId, eventsSeen);

  if (!issue) {
    if (result.error) {
      const notFound = result.error.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND');
      return notFound ? (
        <div className="empty">
          <h3>Issue {shortId} not found</h3>
          <p>
            It may have been deleted, or it belongs to an organization you are not in. <Link to={paths.stream(org)}>Back to issues</Link>
          </p>
        </div>
      ) : (
        <ErrorMessage error={result.error} />
      );
    }
    return <Loading label="Loading issue…" />;
  }
  // Back to the stream keeps the search that led here.
  const backSearch = new URLSearchParams(location.search);
  backSearch.delete('chart');

  return (
    <>
      <div className="breadcrumbs">
        <Link to={paths.stream(org, backSearch)}>← Issues</Link>
      </div>
      <IssueHeader issue={issue} org={org} />
      <div className="issue-toolbar">
        <IssueActions issue={issue} org={org} writable={canWrite(organization.viewerRole)} />
        <ShareIssue org={org} shortId={shortId} writable={canWrite(organization.viewerRole)} />
      </div>
      <div className="grid-2 section">
        <div style={{ minWidth: 0 }}>
          <FrequencyChart org={org} shortId={shortId} />
          {eventId ? (
            <>
              <EventNavigationBar org={org} shortId={shortId} eventId={eventId} navigation={navigation} />
              <SelectedEvent org={org} eventId={eventId} />
            </>
          ) : (
            <p className="muted">This issue has no stored events.</p>
          )}
        </div>
        <aside>
          <Ownership org={org} shortId={shortId} issueId={issue.id} writable={canWrite(organization.viewerRole)} />
          <TagDistributions org={org} shortId={shortId} project={issue.project.slug} />
          <SubscriptionStatus org={org} shortId={shortId} />
          <ActivityFeed org={org} shortId={shortId} issueId={issue.id} writable={canWrite(organization.viewerRole)} />
        </aside>
      </div>
    </>
  );
}

function SelectedEvent({ org, eventId }: { org: string; eventId: string }) {
  const [result] = useQuery({ query: EventQuery, variables: { org, eventId }, requestPolicy: 'cache-first' });
  return (
    <QueryResult result={result} loadingLabel="Loading event…">
      {(data) => (data.organization.event ? <EventDetails event={data.organization.event} /> : <ErrorMessage error="This event no longer exists." />)}
    </QueryResult>
  );
}

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
import { CopyIssueLink } from './copy-issue-link';
import { IssueEnvironmentFilter, useIssueEnvironment } from './issue-environment';
import { IssueEventsTab } from './issue-events-tab';
import { IssueTagsTab } from './issue-tags-tab';
import { ISSUE_PANEL, IssueTabs, issueTabId, useIssueTab } from './issue-tabs';
import { MergedIssuesTab } from './merged-issues-tab';
import { RawEventJson } from './raw-event-json';

/** One issue: header and actions, frequency, tags, the selected event, activity; all live. */
export function IssuePage() {
  const { organization } = useOrganization();
  const org = organization.slug;
  const { shortId = '', eventId: eventParam } = useParams();
  const location = useLocation();
  const [environment] = useIssueEnvironment();
  const [tab, openTab] = useIssueTab();
  const [result] = useQuery({ query: IssuePageQuery, variables: { org, shortId, environment } });
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
  const navigation = useEventNavigation(org, shortId, eventId, eventsSeen, environment);

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
  for (const key of ['chart', 'tab', 'eventsQuery', 'cursor']) backSearch.delete(key);
  const writable = canWrite(organization.viewerRole);

  return (
    <>
      <div className="breadcrumbs">
        <Link to={paths.stream(org, backSearch)}>← Issues</Link>
      </div>
      <IssueHeader issue={issue} org={org} environment={environment} />
      <div className="issue-toolbar">
        <IssueActions issue={issue} org={org} writable={writable} />
        <ShareIssue org={org} shortId={shortId} writable={writable} />
        <CopyIssueLink org={org} shortId={shortId} />
        <IssueEnvironmentFilter org={org} projectId={issue.project.id} />
      </div>
      <IssueTabs tab={tab} onChange={(next) => openTab(next, { cursor: null })} />
      <div id={ISSUE_PANEL} role="tabpanel" aria-labelledby={issueTabId(tab)} className="issue-views">
        {tab === 'events' && <IssueEventsTab org={org} shortId={shortId} environment={environment} />}
        {tab === 'tags' && <IssueTagsTab org={org} shortId={shortId} environment={environment} />}
        {tab === 'merged' && <MergedIssuesTab org={org} shortId={shortId} issueId={issue.id} writable={writable} />}
        {tab === 'details' && (
          <div className="grid-2 section">
            <div style={{ minWidth: 0 }}>
              <FrequencyChart org={org} shortId={shortId} environment={environment} />
              {eventId ? (
                <>
                  <EventNavigationBar org={org} shortId={shortId} eventId={eventId} navigation={navigation} />
                  <SelectedEvent org={org} eventId={eventId} />
                  <RawEventJson org={org} project={issue.project.slug} eventId={eventId} />
                </>
              ) : (
                <p className="muted">This issue has no stored events{environment ? ` in ${environment}` : ''}.</p>
              )}
            </div>
            <aside>
              <Ownership org={org} shortId={shortId} issueId={issue.id} writable={writable} />
              <TagDistributions org={org} shortId={shortId} project={issue.project.slug} environment={environment} />
              <SubscriptionStatus org={org} shortId={shortId} />
              <ActivityFeed org={org} shortId={shortId} issueId={issue.id} writable={writable} />
            </aside>
          </div>
        )}
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

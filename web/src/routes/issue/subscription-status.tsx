import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../../components/query-state';
import { IssueSubscriptionQuery, SetIssueSubscriptionMutation } from '../../graphql/documents/collaboration';
import type { SubscriptionReason } from '../../graphql/generated/graphql';

const REASONS: Record<SubscriptionReason, string> = {
  COMMENTED: 'you commented on this issue',
  ASSIGNED: 'you (or your team) were assigned',
  BOOKMARKED: 'you bookmarked this issue',
  STATUS_CHANGE: 'you changed its status',
  MENTIONED: 'you were mentioned',
  TEAM_MENTIONED: 'your team was mentioned',
  COMMITTED: 'you committed a fix for it',
  DEPLOY: 'a deploy shipped your commits',
  EXPLICIT: 'you subscribed',
};

/** Whether the viewer gets notifications about the issue, why, and a switch. */
export function SubscriptionStatus({ org, shortId }: { org: string; shortId: string }) {
  const [result] = useQuery({ query: IssueSubscriptionQuery, variables: { org, shortId } });
  const [state, update] = useMutation(SetIssueSubscriptionMutation);
  const issue = result.data?.organization.issue;
  if (!issue) return null;
  const { isSubscribed, reason } = issue.subscription;
  return (
    <section className="sidebar-section" aria-label="Notifications">
      <h3>Notifications</h3>
      {state.error && <ErrorMessage error={state.error} />}
      <p className="subscription-reason">
        {isSubscribed ? `You're subscribed because ${reason ? REASONS[reason] : 'you subscribed'}.` : "You're not subscribed to this issue."}
      </p>
      <button type="button" disabled={state.fetching} onClick={() => void update({ id: issue.id, isSubscribed: !isSubscribed })}>
        {isSubscribed ? 'Unsubscribe' : 'Subscribe'}
      </button>
    </section>
  );
}

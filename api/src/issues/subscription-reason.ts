import { registerEnumType } from 'type-graphql';

/** Why someone watches an issue (Sentry's reasons); stored lower-case in issue_subscription.reason. */
export enum SubscriptionReason {
  COMMENTED = 'commented',
  ASSIGNED = 'assigned',
  BOOKMARKED = 'bookmarked',
  STATUS_CHANGE = 'status_change',
  MENTIONED = 'mentioned',
  TEAM_MENTIONED = 'team_mentioned',
  /** Author of a commit that fixes the issue. */
  COMMITTED = 'committed',
  DEPLOY = 'deploy',
  /** Subscribed by hand. */
  EXPLICIT = 'explicit',
}
registerEnumType(SubscriptionReason, { name: 'SubscriptionReason', description: 'Why you are subscribed to an issue.' });

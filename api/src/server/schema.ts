import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker } from 'type-graphql';
import { ApiTokenResolver } from '../tokens/api-token.resolver.js';
import { EventAttachmentResolver, EventResolver, OrganizationEventResolver } from '../events/event.resolver.js';
import { OrganizationEnvironmentsResolver, ProjectEnvironmentsResolver } from '../events/environment.resolver.js';
import { IssueSubscriptionResolver, OrganizationIssueResolver, ProjectIssueResolver } from '../issues/issue-query.resolver.js';
import { IssueTriageResolver } from '../issues/issue-triage.resolver.js';
import { IssueInboxResolver, OrganizationStreamResolver, StreamViewsMutationResolver } from '../issues/stream-views.resolver.js';
import { ReleaseAdoptionResolver } from '../release-health/release-adoption.resolver.js';
import { OrganizationReleaseEventsResolver } from '../events/release-event-counts.resolver.js';
import { IssueSharingResolver } from '../issues/issue-sharing.resolver.js';
import { IssueMergeResolver } from '../issues/issue-merge.resolver.js';
import { IssueViewsResolver } from '../issues/issue-views.resolver.js';
import { InviteResolver, MemberInviteResolver, OrganizationInvitesResolver } from '../invites/invite.resolver.js';
import { ActivityResolver, IssueResolver } from '../issues/issue.resolver.js';
import { MemberResolver } from '../organizations/member.resolver.js';
import { OrganizationResolver } from '../organizations/organization.resolver.js';
import { ProjectKeyResolver } from '../projects/project-key.resolver.js';
import { ProjectSettingsResolver } from '../projects/project-settings.resolver.js';
import { ProjectStatsResolver } from '../projects/project-stats.resolver.js';
import { ProjectResolver } from '../projects/project.resolver.js';
import { OrganizationReleasesResolver, ReleaseResolver } from '../releases/release.resolver.js';
import { RepositoryResolver } from '../repositories/repository.resolver.js';
import { HerokuResolver } from '../heroku/heroku.resolver.js';
import { IssueCommitsResolver } from '../commits/issue-commits.resolver.js';
import { ReleaseCommitsResolver } from '../commits/release-commits.resolver.js';
import { DeployReleaseResolver, ReleaseDeploysResolver } from '../deploys/release-deploys.resolver.js';
import { DeployLiveResolver } from '../deploys/deploy-live.resolver.js';
import { ReleaseLiveResolver } from '../releases/release-live.resolver.js';
import { ReleaseFilesResolver } from '../sourcemaps/release-files.resolver.js';
import { IssueEventsResolver } from '../issues/issue-events.resolver.js';
import { ReleaseIssuesResolver } from '../issues/release-issues.resolver.js';
import { ReleaseHealthResolver } from '../release-health/release-health.resolver.js';
import { DeployResolver } from '../deploys/deploy.resolver.js';
import { SessionResolver } from '../identity/sign-in.resolver.js';
import { AccountResolver } from '../identity/account.resolver.js';
import { TeamResolver } from '../teams/team.resolver.js';
import { ViewerResolver } from '../users/viewer.resolver.js';
import { ViewerOrganizationsResolver } from '../organizations/viewer-organizations.resolver.js';
import { ViewerTokensResolver } from '../tokens/viewer-tokens.resolver.js';
import { OrganizationProjectsResolver } from '../projects/organization-projects.resolver.js';
import { MemberTeamsResolver, OrganizationTeamsResolver } from '../teams/organization-teams.resolver.js';
import { NotificationSettingsResolver } from '../users/notification-settings.resolver.js';
import { MailOutboxResolver } from '../deploys/mail-outbox.resolver.js';
import { PipelineHealthResolver } from '../ingest/pipeline-health.resolver.js';
import { ParkedEnvelopesResolver } from '../ingest/parked-envelopes.resolver.js';
import { CommentResolver } from '../collaboration/comment.resolver.js';
import { ActivityMentionsResolver, IssueCollaborationResolver, MentionResolver, ViewerMentionsResolver } from '../collaboration/collaboration-fields.resolver.js';
import { OrganizationSlackResolver, ViewerSlackResolver } from '../slack/slack.resolver.js';
import { ProjectServiceHooksResolver, ServiceHookDeliveriesResolver } from '../service-hooks/service-hook.resolver.js';
import { AlertRuleHistoryResolver, ProjectAlertRulesResolver } from '../alerts/alert-rule.resolver.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';
import type { Topic, Topics } from '../../../schema/src/topics.js';
import { EventNativeResolver, ProjectNativeResolver } from '../native/native.resolver.js';

/** Every resolver, listed by hand. */
export const RESOLVERS = [
  ViewerResolver,
  ViewerOrganizationsResolver,
  ViewerTokensResolver,
  SessionResolver,
  AccountResolver,
  ApiTokenResolver,
  OrganizationResolver,
  MemberResolver,
  MemberTeamsResolver,
  OrganizationTeamsResolver,
  OrganizationProjectsResolver,
  TeamResolver,
  ProjectResolver,
  ProjectKeyResolver,
  ProjectSettingsResolver,
  ProjectStatsResolver,
  IssueResolver,
  ActivityResolver,
  OrganizationIssueResolver,
  ProjectIssueResolver,
  IssueSubscriptionResolver,
  IssueTriageResolver,
  IssueSharingResolver,
  IssueInboxResolver,
  OrganizationStreamResolver,
  StreamViewsMutationResolver,
  ReleaseAdoptionResolver,
  OrganizationReleaseEventsResolver,
  IssueMergeResolver,
  IssueViewsResolver,
  InviteResolver,
  MemberInviteResolver,
  OrganizationInvitesResolver,
  EventResolver,
  IssueEventsResolver,
  EventAttachmentResolver,
  OrganizationEventResolver,
  OrganizationEnvironmentsResolver,
  ProjectEnvironmentsResolver,
  OrganizationReleasesResolver,
  ReleaseResolver,
  ReleaseLiveResolver,
  DeployReleaseResolver,
  DeployLiveResolver,
  ReleaseCommitsResolver,
  ReleaseFilesResolver,
  ReleaseIssuesResolver,
  ReleaseDeploysResolver,
  ReleaseHealthResolver,
  RepositoryResolver,
  HerokuResolver,
  IssueCommitsResolver,
  DeployResolver,
  NotificationSettingsResolver,
  MailOutboxResolver,
  PipelineHealthResolver,
  ParkedEnvelopesResolver,
  CommentResolver,
  IssueCollaborationResolver,
  ActivityMentionsResolver,
  MentionResolver,
  ViewerMentionsResolver,
  OrganizationSlackResolver,
  ViewerSlackResolver,
  ProjectServiceHooksResolver,
  ServiceHookDeliveriesResolver,
  ProjectAlertRulesResolver,
  AlertRuleHistoryResolver,
  ProjectNativeResolver,
  EventNativeResolver,
] as const;

/** `@Authorized()` means "signed in"; finer checks (organization, scope) happen in AccessControl. */
const authChecker: AuthChecker<GraphQLContext> = ({ context }) => context.viewer !== null;

/**
 * Builds the executable schema. Subscriptions read from `pubsub`; `schema:emit` passes none,
 * since printing the schema runs no resolver.
 */
export function buildGraphQLSchema(pubsub: PgPubSub | null): Promise<GraphQLSchema> {
  const unavailable = () => {
    throw new Error('This process has no pub/sub');
  };
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    validate: false,
    pubSub: {
      publish: (topic, payload) => (pubsub ? void pubsub.publish(topic as Topic, payload as Topics[Topic]) : unavailable()),
      subscribe: (topic) => (pubsub ? pubsub.subscribe(topic as Topic) : unavailable()),
    },
  });
}

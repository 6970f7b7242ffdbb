import { Activity } from '../issues/activity.entity.js';
import { FileChunk } from '../chunks/file-chunk.entity.js';
import { ArtifactBundle } from '../sourcemaps/artifact-bundle.entity.js';
import { ArtifactFile } from '../sourcemaps/artifact-file.entity.js';
import { Commit } from '../commits/commit.entity.js';
import { CommitFileChange } from '../commits/commit-file-change.entity.js';
import { Deploy } from '../deploys/deploy.entity.js';
import { HerokuIntegration } from '../heroku/heroku-integration.entity.js';
import { OutboxMailRow } from '../deploys/mail-outbox.entity.js';
import { IssueCommit } from '../commits/issue-commit.entity.js';
import { ReleaseCommit } from '../commits/release-commit.entity.js';
import { GithubCredential } from '../repositories/github-credential.entity.js';
import { Repository } from '../repositories/repository.entity.js';
import { ApiToken } from '../tokens/api-token.entity.js';
import { EventAttachment } from '../events/event-attachment.entity.js';
import { ProjectEnvironment } from '../events/environment.entity.js';
import { EventRow } from '../events/event.entity.js';
import { GroupHash } from '../issues/group-hash.entity.js';
import { IngestFailedRow } from '../ingest/ingest-failed.entity.js';
import { IngestQueueRow } from '../ingest/ingest-queue.entity.js';
import { Issue } from '../issues/issue.entity.js';
import { IssueBookmark } from '../issues/issue-bookmark.entity.js';
import { IssueInbox } from '../issues/issue-inbox.entity.js';
import { SavedSearch } from '../issues/saved-search.entity.js';
import { IssueHourlyCount } from '../issues/issue-hourly-count.entity.js';
import { IssueSubscription } from '../issues/issue-subscription.entity.js';
import { IssueTagValue } from '../issues/issue-tag-value.entity.js';
import { IssueUser } from '../issues/issue-user.entity.js';
import { Membership } from '../organizations/membership.entity.js';
import { OrganizationInvite } from '../invites/invite.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Outcome } from '../projects/outcome.entity.js';
import { Project } from '../projects/project.entity.js';
import { ProjectKey } from '../projects/project-key.entity.js';
import { RateLimitWindow } from '../ingest/rate-limit-window.entity.js';
import { Release } from '../releases/release.entity.js';
import { ReleaseProject } from '../releases/release-project.entity.js';
import { ReleaseSession } from '../release-health/release-session.entity.js';
import { SessionAggregate } from '../release-health/session-aggregate.entity.js';
import { Team } from '../teams/team.entity.js';
import { TeamMember } from '../teams/team-member.entity.js';
import { User } from '../users/user.entity.js';
import { UserSession } from '../identity/user-session.entity.js';
import { LoginFailure } from '../identity/login-failure.entity.js';
import { WebhookDelivery } from '../http/webhook-delivery.entity.js';
import { Mention } from '../collaboration/mention.entity.js';
import { NotificationDelivery } from '../collaboration/notification-delivery.entity.js';
import { SlackIdentity } from '../slack/slack-identity.entity.js';
import { SlackIssueMessage } from '../slack/slack-issue-message.entity.js';
import { SlackWorkspace } from '../slack/slack-workspace.entity.js';
import { DebugFile } from '../native/debug-file.entity.js';
import { DifAssembly } from '../native/dif-assembly.entity.js';
import { HeldEvent } from '../native/held-event.entity.js';
import { ProcessingIssue } from '../native/processing-issue.entity.js';
import { SystemSymbol } from '../native/system-symbol.entity.js';

/** Every entity, listed by hand: the data source and the migration generator read this. */
import { ServiceHook } from '../service-hooks/service-hook.entity.js';
import { ServiceHookDelivery } from '../service-hooks/service-hook-delivery.entity.js';
import { AlertRule } from '../alerts/alert-rule.entity.js';
import { AlertRuleIssue } from '../alerts/alert-rule-issue.entity.js';
import { AlertFire } from '../alerts/alert-fire.entity.js';
export const ENTITIES = [
  User,
  UserSession,
  LoginFailure,
  OutboxMailRow,
  Mention,
  NotificationDelivery,
  WebhookDelivery,
  GithubCredential,
  ApiToken,
  Organization,
  Membership,
  OrganizationInvite,
  Team,
  TeamMember,
  Project,
  ProjectKey,
  Release,
  ReleaseProject,
  Issue,
  GroupHash,
  EventRow,
  EventAttachment,
  ProjectEnvironment,
  IssueTagValue,
  IssueUser,
  IssueHourlyCount,
  Activity,
  IssueBookmark,
  IssueInbox,
  SavedSearch,
  IssueSubscription,
  IngestQueueRow,
  IngestFailedRow,
  Outcome,
  RateLimitWindow,
  ReleaseSession,
  SessionAggregate,
  Repository,
  Commit,
  CommitFileChange,
  ReleaseCommit,
  IssueCommit,
  Deploy,
  HerokuIntegration,
  SlackWorkspace,
  SlackIdentity,
  SlackIssueMessage,
  ServiceHook,
  ServiceHookDelivery,
  AlertRule,
  AlertRuleIssue,
  AlertFire,
  FileChunk,
  ArtifactBundle,
  ArtifactFile,
  DebugFile,
  DifAssembly,
  ProcessingIssue,
  HeldEvent,
  SystemSymbol,
];

import { randomBytes } from 'node:crypto';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessFor,
  buildMember,
  buildTenant,
  buildUser,
  sessionCookieFor,
  TEST_PASSWORD,
  tokenFor,
  unique,
} from '../../../test/support/factories.js';
import type { GraphQLResponse, GraphQLTestClient } from '../../../test/support/graphql-client.js';
import { buildAttachment, buildIssue } from '../../../test/support/issue-factories.js';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { waitFor } from '../../../test/support/wait.js';
import type { App } from '../server/app.js';
import { MemberRole } from '../auth/scopes.js';
import { upsertRelease } from '../releases/release.service.js';
import { createSavedSearch } from '../issues/saved-search.service.js';
import { addMember } from '../organizations/member.service.js';
import { inviteMember } from '../invites/invite.service.js';
import { inviteToken } from '../invites/invite-link.js';
import { connectGithubRepository } from '../repositories/repository.service.js';
import { createLinkToken, linkSlackIdentity } from '../slack/slack-link.service.js';
import { createTeam } from '../teams/team.service.js';
import { setPassword } from '../users/user.service.js';
import { UserSession } from '../identity/user-session.entity.js';
import { buildGraphQLSchema } from '../server/schema.js';
import { addComment } from '../collaboration/comment.service.js';
import { DEFAULT_RULE } from '../alerts/alert-rule.model.js';
import { createAlertRule } from '../alerts/alert-rule.service.js';
import { createServiceHook } from '../service-hooks/service-hook.service.js';
import { mergeIssues } from '../issues/issue-merge.service.js';

/**
 * The authorization matrix: every root operation (and every org-scoped nested field) against
 * every kind of caller. Adding an operation to the schema without a row here fails the
 * meta-test at the bottom.
 */

/** The identifiers an operation can aim at: tenant A's real ones, or ones that name nothing. */
interface Targets {
  org: string;
  projectId: string;
  projectSlug: string;
  keyId: string;
  teamSlug: string;
  /** A member of the organization other than its owner. */
  memberId: string;
  /** One of the owner's API tokens, and another dashboard session of theirs. */
  apiTokenId: string;
  sessionId: string;
  /** An issue of the project, its short id, and the event id of its event. */
  issueId: string;
  issueShortId: string;
  eventId: string;
  /** A second issue of the project (to merge with the first), and a merged issue with one of its two hashes (to unmerge). */
  otherIssueId: string;
  mergedIssueId: string;
  mergedHash: string;
  /** A connected repository (id and owner/repo name) and a release of the project. */
  repositoryId: string;
  repositoryName: string;
  releaseVersion: string;
  /** A pending invitation of a new address, and its link's token. */
  inviteId: string;
  inviteToken: string;
  /** A comment by the owner on the issue. */
  commentId: string;
  /** A Slack workspace id no organization uses yet, a Slack link of the owner, and a `/vigil link` token. */
  slackTeamId: string;
  slackIdentityId: string;
  slackLinkToken: string;
  /** An alert rule and a service hook (its public guid) of the project. */
  alertRuleId: string;
  serviceHookId: string;
  /** An organization-wide saved search (made by the owner). */
  savedSearchId: string;
  organizationId: string;
}

interface Case {
  /** `Type.field` as in the schema. */
  field: string;
  operation: 'query' | 'mutation' | 'subscription';
  /**
   * organization: acts on one organization's data; personal: acts on the caller's own account;
   * public: needs no sign-in.
   */
  scope: 'organization' | 'personal' | 'public';
  document: string;
  variables: (t: Targets) => Record<string, unknown>;
  /** For organization mutations: the least role that may run it. */
  role?: 'admin' | 'owner';
  /** Needs a dashboard session rather than an API token. */
  session?: boolean;
  /** Names one of the ids above (a GraphQL ID rather than a slug). */
  byId?: boolean;
}

/** A query on one organization, declaring only the variables the selection uses. */
function ORG_QUERY(selection: string): string {
  const declared = ['$org: String!', ...['project', 'team'].filter((v) => selection.includes(`$${v}`)).map((v) => `$${v}: String!`)];
  return `query(${declared.join(', ')}) { organization(slug: $org) { ${selection} } }`;
}
const orgVars = (t: Targets) => ({ org: t.org, project: t.projectSlug, team: t.teamSlug });

let loginEmail = '';

const CASES: Case[] = [
  // ---- queries -------------------------------------------------------------------------------
  { field: 'Query.viewer', operation: 'query', scope: 'public', document: '{ viewer { id email organizations { totalCount } apiTokens { id } sessions { id } } }', variables: () => ({}) },
  { field: 'Query.organization', operation: 'query', scope: 'organization', document: ORG_QUERY('id slug name viewerRole'), variables: orgVars },
  { field: 'Organization.projects', operation: 'query', scope: 'organization', document: ORG_QUERY('projects(first: 10) { totalCount nodes { id slug dsn } }'), variables: orgVars },
  { field: 'Organization.project', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { id slug organization { slug } }'), variables: orgVars },
  { field: 'Organization.teams', operation: 'query', scope: 'organization', document: ORG_QUERY('teams(first: 10) { totalCount nodes { slug members { id } } }'), variables: orgVars },
  { field: 'Organization.team', operation: 'query', scope: 'organization', document: ORG_QUERY('team(slug: $team) { id slug }'), variables: orgVars },
  { field: 'Organization.invites', operation: 'query', scope: 'organization', document: ORG_QUERY('invites { id email role invitedBy { email } }'), variables: orgVars },
  { field: 'Organization.members', operation: 'query', scope: 'organization', document: ORG_QUERY('members(first: 10) { totalCount nodes { id role user { email } teams { slug } } }'), variables: orgVars },
  { field: 'Project.keys', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { keys { id publicKey dsn isActive } }'), variables: orgVars },

  // ---- organization mutations ----------------------------------------------------------------
  { field: 'Mutation.updateOrganization', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!) { updateOrganization(slug: $org, input: { name: "Renamed" }) { id } }', variables: (t) => ({ org: t.org }) },
  { field: 'Mutation.deleteOrganization', operation: 'mutation', scope: 'organization', role: 'owner', document: 'mutation($org: String!) { deleteOrganization(slug: $org) }', variables: (t) => ({ org: t.org }) },
  { field: 'Mutation.inviteMember', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $email: String!) { inviteMember(organizationSlug: $org, email: $email) { id } }', variables: (t) => ({ org: t.org, email: `${unique('invitee')}@example.com` }) },
  { field: 'Mutation.revokeInvite', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($org: String!, $id: ID!) { revokeInvite(organizationSlug: $org, inviteId: $id) }', variables: (t) => ({ org: t.org, id: t.inviteId }) },
  { field: 'Query.invitation', operation: 'query', scope: 'public', document: 'query($id: ID!, $token: String!) { invitation(inviteId: $id, token: $token) { email } }', variables: (t) => ({ id: t.inviteId, token: t.inviteToken }) },
  { field: 'Mutation.acceptInvite', operation: 'mutation', scope: 'public', document: 'mutation($id: ID!, $token: String!) { acceptInvite(inviteId: $id, token: $token, name: "New", password: "a long enough password") { id } }', variables: (t) => ({ id: t.inviteId, token: t.inviteToken }) },
  { field: 'Mutation.addMember', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $email: String!) { addMember(organizationSlug: $org, email: $email) { id } }', variables: (t) => ({ org: t.org, email: `${unique('invitee')}@example.com` }) },
  { field: 'Mutation.updateMemberRole', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($org: String!, $member: ID!) { updateMemberRole(organizationSlug: $org, memberId: $member, role: READONLY) { id } }', variables: (t) => ({ org: t.org, member: t.memberId }) },
  { field: 'Mutation.removeMember', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }', variables: (t) => ({ org: t.org, member: t.memberId }) },
  { field: 'Mutation.createTeam', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $name: String!) { createTeam(organizationSlug: $org, input: { name: $name }) { id } }', variables: (t) => ({ org: t.org, name: unique('team') }) },
  { field: 'Mutation.updateTeam', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $team: String!) { updateTeam(organizationSlug: $org, teamSlug: $team, input: { name: "Renamed" }) { id } }', variables: (t) => ({ org: t.org, team: t.teamSlug }) },
  { field: 'Mutation.deleteTeam', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $team: String!) { deleteTeam(organizationSlug: $org, teamSlug: $team) }', variables: (t) => ({ org: t.org, team: t.teamSlug }) },
  { field: 'Mutation.addTeamMember', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($org: String!, $team: String!, $member: ID!) { addTeamMember(organizationSlug: $org, teamSlug: $team, memberId: $member) { id } }', variables: (t) => ({ org: t.org, team: t.teamSlug, member: t.memberId }) },
  { field: 'Mutation.removeTeamMember', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($org: String!, $team: String!, $member: ID!) { removeTeamMember(organizationSlug: $org, teamSlug: $team, memberId: $member) { id } }', variables: (t) => ({ org: t.org, team: t.teamSlug, member: t.memberId }) },
  { field: 'Mutation.createProject', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $name: String!) { createProject(organizationSlug: $org, input: { name: $name }) { id } }', variables: (t) => ({ org: t.org, name: unique('proj') }) },
  { field: 'Mutation.updateProject', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { updateProject(id: $id, input: { name: "Renamed" }) { id } }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.deleteProject', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { deleteProject(id: $id) }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.createProjectKey', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { createProjectKey(projectId: $id, input: { label: "CI" }) { id } }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.updateProjectKey', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { updateProjectKey(id: $id, input: { isActive: false }) { id } }', variables: (t) => ({ id: t.keyId }) },
  { field: 'Mutation.deleteProjectKey', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { deleteProjectKey(id: $id) }', variables: (t) => ({ id: t.keyId }) },

  // ---- personal and public mutations ----------------------------------------------------------
  { field: 'Mutation.createOrganization', operation: 'mutation', scope: 'personal', document: 'mutation($name: String!) { createOrganization(input: { name: $name }) { id } }', variables: () => ({ name: unique('org') }) },
  { field: 'Mutation.createApiToken', operation: 'mutation', scope: 'personal', session: true, document: 'mutation { createApiToken(input: { name: "ci", scopes: ["project:read"] }) { token } }', variables: () => ({}) },
  { field: 'Mutation.revokeApiToken', operation: 'mutation', scope: 'personal', session: true, byId: true, document: 'mutation($id: ID!) { revokeApiToken(id: $id) }', variables: (t) => ({ id: t.apiTokenId }) },
  { field: 'Mutation.logout', operation: 'mutation', scope: 'personal', session: true, document: 'mutation { logout }', variables: () => ({}) },
  { field: 'Mutation.changePassword', operation: 'mutation', scope: 'personal', session: true, document: 'mutation($p: String!) { changePassword(currentPassword: $p, newPassword: "another long password") }', variables: () => ({ p: TEST_PASSWORD }) },
  { field: 'Mutation.revokeSession', operation: 'mutation', scope: 'personal', session: true, byId: true, document: 'mutation($id: ID!) { revokeSession(id: $id) }', variables: (t) => ({ id: t.sessionId }) },
  { field: 'Mutation.revokeOtherSessions', operation: 'mutation', scope: 'personal', session: true, document: 'mutation { revokeOtherSessions }', variables: () => ({}) },
  { field: 'Mutation.login', operation: 'mutation', scope: 'public', document: 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { email } }', variables: () => ({ email: loginEmail, password: TEST_PASSWORD }) },

  // ---- subscriptions (run over WebSocket, see the describe block below) -----------------------
  { field: 'Subscription.releaseChanged', operation: 'subscription', scope: 'organization', document: 'subscription($org: String!) { releaseChanged(organizationSlug: $org) { kind version release { id } } }', variables: (t) => ({ org: t.org }) },
  { field: 'Subscription.deployCreated', operation: 'subscription', scope: 'organization', document: 'subscription($org: String!) { deployCreated(organizationSlug: $org) { id release { version } } }', variables: (t) => ({ org: t.org }) },
  { field: 'Subscription.projectChanged', operation: 'subscription', scope: 'organization', document: 'subscription($org: String!) { projectChanged(organizationSlug: $org) { kind projectId project { slug } } }', variables: (t) => ({ org: t.org }) },

  // ---- project settings and stats (api/src/projects/project-settings|stats.*) -------------------
  { field: 'Project.settings', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { settings { scrubbing { enabled sensitiveFields } inboundFilters { releases } rateLimit { count } } }'), variables: orgVars },
  { field: 'Project.outcomes', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { outcomes(groupBy: [OUTCOME, REASON]) { outcome reason quantity } }'), variables: orgVars },
  { field: 'Project.outcomeTotals', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { outcomeTotals { accepted filtered } }'), variables: orgVars },
  { field: 'Project.releaseHealth', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { releaseHealth { release sessions crashFreeSessions } }'), variables: orgVars },
  { field: 'Mutation.updateProjectDataScrubbing', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { updateProjectDataScrubbing(projectId: $id, input: { scrubIpAddresses: true }) { id } }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.updateProjectInboundFilters', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { updateProjectInboundFilters(projectId: $id, input: { releases: ["old-*"] }) { id } }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.updateProjectRateLimit', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { updateProjectRateLimit(projectId: $id, count: 100, window: 60) { id } }', variables: (t) => ({ id: t.projectId }) },

  // ---- issues and events (api/src/issues/*.resolver.ts, api/src/events/event.resolver.ts) ----------
  { field: 'Organization.issues', operation: 'query', scope: 'organization', document: ORG_QUERY('issues(first: 5, query: "is:unresolved") { totalCount nodes { id shortId project { slug } } }'), variables: orgVars },
  { field: 'Organization.issue', operation: 'query', scope: 'organization', document: 'query($org: String!, $issue: String!) { organization(slug: $org) { issue(shortId: $issue) { id shortId tags { key } frequency { count } activity(first: 5) { totalCount } events(first: 2) { totalCount } latestEvent { eventId } } } }', variables: (t) => ({ org: t.org, issue: t.issueShortId }) },
  { field: 'Organization.event', operation: 'query', scope: 'organization', document: 'query($org: String!, $event: String!) { organization(slug: $org) { event(eventId: $event) { eventId issue { id } attachments { url } } } }', variables: (t) => ({ org: t.org, event: t.eventId }) },
  { field: 'Organization.issueJump', operation: 'query', scope: 'organization', document: 'query($org: String!, $q: String!) { organization(slug: $org) { issueJump(query: $q) { id } } }', variables: (t) => ({ org: t.org, q: t.issueShortId }) },
  { field: 'Organization.environments', operation: 'query', scope: 'organization', document: ORG_QUERY('environments'), variables: orgVars },
  { field: 'Project.environments', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { environments }'), variables: orgVars },
  { field: 'Project.issues', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { issues(first: 5, sort: FREQUENCY) { totalCount nodes { id isBookmarked assignee { __typename } } } }'), variables: orgVars },
  { field: 'Mutation.updateIssue', operation: 'mutation', scope: 'organization', byId: true, document: 'mutation($id: ID!) { updateIssue(id: $id, input: { status: RESOLVED, isBookmarked: true }) { id status } }', variables: (t) => ({ id: t.issueId }) },
  { field: 'Mutation.bulkUpdateIssues', operation: 'mutation', scope: 'organization', document: 'mutation($org: String!) { bulkUpdateIssues(organizationSlug: $org, query: "is:unresolved", input: { status: IGNORED }) }', variables: (t) => ({ org: t.org }) },
  { field: 'Mutation.deleteIssue', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { deleteIssue(id: $id) }', variables: (t) => ({ id: t.issueId }) },
  { field: 'Mutation.bulkDeleteIssues', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $id: ID!) { bulkDeleteIssues(organizationSlug: $org, ids: [$id]) }', variables: (t) => ({ org: t.org, id: t.issueId }) },
  // ---- stream views (api/src/issues/stream-views.resolver.ts, release adoption and events per release) ----
  { field: 'Organization.issueCounts', operation: 'query', scope: 'organization', document: ORG_QUERY('issueCounts(queries: ["is:unresolved", "is:unresolved is:for_review"]) { query count }'), variables: orgVars },
  { field: 'Organization.savedSearches', operation: 'query', scope: 'organization', document: ORG_QUERY('savedSearches { id name query visibility isOwn }'), variables: orgVars },
  { field: 'Organization.releaseEventCounts', operation: 'query', scope: 'organization', document: ORG_QUERY('releaseEventCounts(versions: ["1.0"]) { version points { count } }'), variables: orgVars },
  { field: 'Release.adoption', operation: 'query', scope: 'organization', document: ORG_QUERY('releases(first: 5) { nodes { newIssueCount adoption { sessionAdoption userAdoption } } }'), variables: orgVars },
  { field: 'Mutation.markReviewed', operation: 'mutation', scope: 'organization', byId: true, document: 'mutation($id: ID!) { markReviewed(issueIds: [$id]) }', variables: (t) => ({ id: t.issueId }) },
  { field: 'Mutation.createSavedSearch', operation: 'mutation', scope: 'organization', byId: true, document: 'mutation($id: ID!) { createSavedSearch(organizationId: $id, name: "mine", query: "is:unresolved") { id } }', variables: (t) => ({ id: t.organizationId }) },
  { field: 'Mutation.deleteSavedSearch', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { deleteSavedSearch(id: $id) }', variables: (t) => ({ id: t.savedSearchId }) },
  { field: 'Mutation.deleteIssues', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { deleteIssues(issueIds: [$id]) }', variables: (t) => ({ id: t.issueId }) },
  { field: 'Mutation.mergeIssues', operation: 'mutation', scope: 'organization', byId: true, document: 'mutation($id: ID!, $other: ID!) { mergeIssues(issueIds: [$id, $other]) { id count } }', variables: (t) => ({ id: t.issueId, other: t.otherIssueId }) },
  { field: 'Mutation.unmergeIssue', operation: 'mutation', scope: 'organization', byId: true, document: 'mutation($id: ID!, $hash: String!) { unmergeIssue(issueId: $id, hashes: [$hash]) { id count } }', variables: (t) => ({ id: t.mergedIssueId, hash: t.mergedHash }) },
  { field: 'Issue.tagValues', operation: 'query', scope: 'organization', document: 'query($org: String!, $issue: String!) { organization(slug: $org) { issue(shortId: $issue) { tagValues(key: "level", first: 5) { totalCount totalEvents nodes { value count } } environmentStats(environment: "production") { count } groupHashes { hash latestEvent { eventId } } events(query: "level:error", environment: "production", first: 2) { totalCount } } } }', variables: (t) => ({ org: t.org, issue: t.issueShortId }) },
  { field: 'Subscription.issueCreated', operation: 'subscription', scope: 'organization', document: 'subscription($id: ID!) { issueCreated(projectId: $id) { id shortId } }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Subscription.issueUpdated', operation: 'subscription', scope: 'organization', document: 'subscription($id: ID!) { issueUpdated(issueId: $id) { id status } }', variables: (t) => ({ id: t.issueId }) },
  { field: 'Subscription.eventReceived', operation: 'subscription', scope: 'organization', document: 'subscription($id: ID!) { eventReceived(issueId: $id) { eventId } }', variables: (t) => ({ id: t.issueId }) },
  // ---- deploy emails (api/src/deploys/mail-outbox.resolver.ts, api/src/users/notification-settings.resolver.ts) ----
  { field: 'Query.mailOutbox', operation: 'query', scope: 'personal', role: 'admin', document: '{ mailOutbox(first: 5) { id to subject date size } }', variables: () => ({}) },
  { field: 'Organization.slack', operation: 'query', scope: 'organization', document: ORG_QUERY('slack { configured requestUrl teamId linkedBy }'), variables: orgVars },
  { field: 'Mutation.connectSlackWorkspace', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $team: String!) { connectSlackWorkspace(organizationSlug: $org, teamId: $team) { teamId } }', variables: (t) => ({ org: t.org, team: t.slackTeamId }) },
  { field: 'Mutation.disconnectSlackWorkspace', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!) { disconnectSlackWorkspace(organizationSlug: $org) { teamId } }', variables: (t) => ({ org: t.org }) },
  { field: 'Mutation.linkSlackIdentity', operation: 'mutation', scope: 'personal', session: true, document: 'mutation($token: String!) { linkSlackIdentity(token: $token) { id slackUserId } }', variables: (t) => ({ token: t.slackLinkToken }) },
  { field: 'Mutation.unlinkSlackIdentity', operation: 'mutation', scope: 'personal', byId: true, document: 'mutation($id: ID!) { unlinkSlackIdentity(id: $id) }', variables: (t) => ({ id: t.slackIdentityId }) },
  { field: 'Mutation.updateNotificationSettings', operation: 'mutation', scope: 'personal', document: 'mutation { updateNotificationSettings(deployEmails: true) { id deployEmails } }', variables: () => ({}) },
  // ---- comments, mentions and notification settings (api/src/collaboration/) ----
  { field: 'Mutation.addComment', operation: 'mutation', scope: 'organization', byId: true, document: 'mutation($id: ID!) { addComment(issueId: $id, text: "hello") { id type mentions { id } } }', variables: (t) => ({ id: t.issueId }) },
  // A member may change only their own comments; these aim at the owner's, so they need an admin.
  { field: 'Mutation.updateComment', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { updateComment(id: $id, text: "edited") { id data } }', variables: (t) => ({ id: t.commentId }) },
  { field: 'Mutation.deleteComment', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { deleteComment(id: $id) }', variables: (t) => ({ id: t.commentId }) },
  { field: 'Subscription.activityAdded', operation: 'subscription', scope: 'organization', document: 'subscription($id: ID!) { activityAdded(issueId: $id) { id type } }', variables: (t) => ({ id: t.issueId }) },
  { field: 'Subscription.mentionReceived', operation: 'subscription', scope: 'personal', document: 'subscription { mentionReceived { id issue { id } } }', variables: () => ({}) },
  // ---- repositories, releases and Heroku (api/src/repositories, api/src/releases, api/src/integrations) ----
  { field: 'Organization.repositories', operation: 'query', scope: 'organization', document: ORG_QUERY('repositories { id name provider webhookUrl }'), variables: orgVars },
  { field: 'Organization.pipelineHealth', operation: 'query', scope: 'organization', document: ORG_QUERY('pipelineHealth { queuedEnvelopes oldestQueuedSeconds parkedEnvelopes processedLastHour degraded }'), variables: orgVars },
  { field: 'Organization.releases', operation: 'query', scope: 'organization', document: ORG_QUERY('releases(first: 5) { totalCount nodes { version commitCount } }'), variables: orgVars },
  {
    field: 'Organization.release',
    operation: 'query',
    scope: 'organization',
    document:
      'query($org: String!, $release: String!) { organization(slug: $org) { release(version: $release) { version projects { slug } commits { sha } authors { email } filesChanged { path } newIssues { id } resolvedIssues { id } deploys { id } lastDeploy { id } health { release } files { name } size } } }',
    variables: (t) => ({ org: t.org, release: t.releaseVersion }),
  },
  { field: 'Project.heroku', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { heroku { environment webhookUrl } }'), variables: orgVars },
  { field: 'Mutation.connectRepository', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!, $name: String!) { connectRepository(organizationSlug: $org, name: $name) { webhookSecret } }', variables: (t) => ({ org: t.org, name: `acme/${unique('repo')}` }) },
  { field: 'Mutation.rotateRepositoryWebhookSecret', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($org: String!, $id: ID!) { rotateRepositoryWebhookSecret(organizationSlug: $org, id: $id) { webhookSecret } }', variables: (t) => ({ org: t.org, id: t.repositoryId }) },
  { field: 'Mutation.setGithubToken', operation: 'mutation', scope: 'organization', role: 'admin', document: 'mutation($org: String!) { setGithubToken(organizationSlug: $org, token: "ghp_matrixtoken") }', variables: (t) => ({ org: t.org }) },
  { field: 'Organization.hasGithubToken', operation: 'query', scope: 'organization', document: ORG_QUERY('hasGithubToken'), variables: orgVars },
  { field: 'Mutation.deleteRepository', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($org: String!, $id: ID!) { deleteRepository(organizationSlug: $org, id: $id) }', variables: (t) => ({ org: t.org, id: t.repositoryId }) },
  { field: 'Mutation.createDeploy', operation: 'mutation', scope: 'organization', document: 'mutation($org: String!, $v: String!) { createDeploy(organizationSlug: $org, version: $v, input: { environment: "production" }) { id } }', variables: (t) => ({ org: t.org, v: t.releaseVersion }) },
  { field: 'Mutation.connectHeroku', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!, $repo: String!) { connectHeroku(projectId: $id, repository: $repo) { secret deployHookUrl integration { webhookUrl } } }', variables: (t) => ({ id: t.projectId, repo: t.repositoryName }) },
  // ---- parked envelopes (api/src/ingest/parked-envelopes.*): project admins only ----
  { field: 'Project.parkedEnvelopes', operation: 'query', scope: 'organization', role: 'admin', document: ORG_QUERY('project(slug: $project) { parkedEnvelopes { count lastParkedAt reasons { reason count } } }'), variables: orgVars },
  // ---- alert rules and service hooks (api/src/alerts, api/src/service-hooks) ----
  { field: 'Project.alertRules', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { alertRules { id name actions { type } history(first: 5) { totalCount nodes { id } } } }'), variables: orgVars },
  { field: 'Project.serviceHooks', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { serviceHooks { id url events deliveries(first: 5) { id status } } }'), variables: orgVars },
  { field: 'Mutation.createAlertRule', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { createAlertRule(projectId: $id, input: { name: "New", conditions: [{ type: NEW_ISSUE }], actions: [{ type: WEBHOOK }] }) { id } }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.updateAlertRule', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { updateAlertRule(id: $id, input: { name: "Renamed", conditions: [{ type: REGRESSION }], actions: [{ type: WEBHOOK }] }) { id } }', variables: (t) => ({ id: t.alertRuleId }) },
  { field: 'Mutation.deleteAlertRule', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { deleteAlertRule(id: $id) }', variables: (t) => ({ id: t.alertRuleId }) },
  { field: 'Mutation.createServiceHook', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { createServiceHook(projectId: $id, input: { url: "http://8.8.8.8/hook", events: ["event.created"] }) { secret hook { id } } }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.updateServiceHook', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!, $hook: ID!) { updateServiceHook(projectId: $id, id: $hook, input: { events: ["issue.created"] }) { id events } }', variables: (t) => ({ id: t.projectId, hook: t.serviceHookId }) },
  { field: 'Mutation.deleteServiceHook', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!, $hook: ID!) { deleteServiceHook(projectId: $id, id: $hook) }', variables: (t) => ({ id: t.projectId, hook: t.serviceHookId }) },
  { field: 'Project.debugFiles', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { debugFiles { id debugId } }'), variables: orgVars },
  { field: 'Project.processingIssues', operation: 'query', scope: 'organization', document: ORG_QUERY('project(slug: $project) { processingIssues { heldEvents issues { debugId numEvents } } }'), variables: orgVars },
  { field: 'Mutation.reprocessProject', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { reprocessProject(projectId: $id) }', variables: (t) => ({ id: t.projectId }) },
  { field: 'Mutation.reprocessIssue', operation: 'mutation', scope: 'organization', byId: true, document: 'mutation($id: ID!) { reprocessIssue(issueId: $id) }', variables: (t) => ({ id: t.issueId }) },
  { field: 'Mutation.retryParkedEnvelopes', operation: 'mutation', scope: 'organization', role: 'admin', byId: true, document: 'mutation($id: ID!) { retryParkedEnvelopes(projectId: $id) }', variables: (t) => ({ id: t.projectId }) },
];

/** Nested fields that read one organization's data and so need their own rows in the matrix. */
const ORG_SCOPED_NESTED_FIELDS = ['Organization.repositories', 'Organization.releases', 'Organization.release', 'Project.heroku', 'Organization.projects', 'Organization.project', 'Organization.teams', 'Organization.team', 'Organization.members', 'Organization.invites', 'Project.keys', 'Organization.issues', 'Organization.issue', 'Organization.event', 'Project.issues', 'Organization.pipelineHealth', 'Project.parkedEnvelopes', 'Organization.hasGithubToken', 'Organization.slack', 'Project.alertRules', 'Project.serviceHooks', 'Project.debugFiles', 'Project.processingIssues', 'Organization.environments', 'Project.environments', 'Organization.issueJump', 'Organization.issueCounts', 'Organization.savedSearches', 'Organization.releaseEventCounts', 'Release.adoption'];

const httpCases = CASES.filter((c) => c.operation !== 'subscription');
const orgMutations = httpCases.filter((c) => c.operation === 'mutation' && c.scope === 'organization');
// Queries with a role (the mail outbox: owners and admins of some organization) are not for every member.
const allQueries = httpCases.filter((c) => c.operation === 'query' && !c.role);

/** IDs and slugs that exist nowhere (ids stay inside the database's integer range). */
function missingTargets(): Targets {
  return {
    org: unique('no-such-org'),
    projectId: '2147483000',
    projectSlug: unique('no-such-project'),
    keyId: '2147483000',
    teamSlug: unique('no-such-team'),
    memberId: '2147483000',
    apiTokenId: '2147483000',
    sessionId: '2147483000',
    issueId: '2147483000',
    issueShortId: `${unique('no-such-project').toUpperCase()}-1`,
    eventId: 'f'.repeat(32),
    otherIssueId: '2147483001',
    mergedIssueId: '2147483000',
    mergedHash: 'f'.repeat(32),
    repositoryId: '2147483000',
    repositoryName: `nobody/${unique('nothing')}`,
    releaseVersion: unique('no-such-release'),
    inviteId: '2147483000',
    inviteToken: 'no-such-token',
    commentId: '2147483000',
    slackTeamId: slackTeamId(),
    slackIdentityId: '2147483000',
    slackLinkToken: 'no.such-token',
    alertRuleId: '2147483000',
    serviceHookId: 'f'.repeat(32),
    savedSearchId: '2147483000',
    organizationId: '2147483000',
  };
}

/** A second sign-in of the user, made directly: the matrix only needs its id. */
async function otherSessionOf(app: App, userId: number): Promise<string> {
  const expiresAt = new Date(Date.now() + 86_400_000);
  const { identifiers } = await app.db.getRepository(UserSession).insert({ userId, tokenHash: randomBytes(32).toString('hex'), expiresAt });
  return String(identifiers[0]!.id);
}

const slackTeamId = () => `T${randomBytes(5).toString('hex').toUpperCase()}`;

let server: TestServer;

/** A tenant with everything the matrix aims at: a project and its key, a team, a second member. */
async function buildFullTenant(app: App, options: { ownerSession?: boolean } = {}) {
  const tenant = await buildTenant(app);
  if (options.ownerSession) await setPassword(app.db, tenant.owner, TEST_PASSWORD);
  const team = await createTeam(app.db, await accessFor(app, tenant.owner, tenant.organization), { name: unique('team') });
  const other = await buildMember(app, tenant.organization, tenant.owner, MemberRole.MEMBER);
  const issue = await buildIssue(app, tenant.project);
  const ownerAccess = await accessFor(app, tenant.owner, tenant.organization);
  const otherIssue = await buildIssue(app, tenant.project);
  const toMerge = [await buildIssue(app, tenant.project), await buildIssue(app, tenant.project)];
  const mergedIssue = await mergeIssues(app.db, app, ownerAccess, toMerge.map((i) => i.issue.id));
  const [{ hash: mergedHash }] = (await app.db.query('SELECT hash FROM group_hash WHERE issue_id = $1 ORDER BY hash LIMIT 1', [mergedIssue.id])) as [{ hash: string }];
  const { repository } = await connectGithubRepository(app.db, ownerAccess, { name: `acme/${unique('repo')}` });
  const { release } = await upsertRelease(app, ownerAccess, { version: unique('web@1.0'), projects: [tenant.project.slug] });
  const invite = await inviteMember(app, ownerAccess, `${unique('invitee')}@example.com`, MemberRole.MEMBER);
  const rule = await createAlertRule(app.db, tenant.project, { ...DEFAULT_RULE }, tenant.owner.id);
  const { hook } = await createServiceHook(app.db, { ...app.config, webhooks: { allowPrivate: true } }, tenant.project, { url: 'http://127.0.0.1:9/hook', events: ['event.alert'] });
  const ownerClient = server.client({ token: tenant.token });
  const ownerViewer = { user: tenant.owner, tokenScopes: null, sessionId: null, tokenId: null };
  const slackUser = () => ({ teamId: slackTeamId(), slackUserId: `U${randomBytes(5).toString('hex').toUpperCase()}`, slackName: 'owner' });
  const found = await ownerClient.data<{
    viewer: { apiTokens: { id: string }[] };
    organization: { project: { keys: { id: string }[] } };
  }>('query($org: String!, $project: String!) { viewer { apiTokens { id } } organization(slug: $org) { project(slug: $project) { keys { id } } } }', {
    org: tenant.organization.slug,
    project: tenant.project.slug,
  });
  const targets: Targets = {
    org: tenant.organization.slug,
    projectId: String(tenant.project.id),
    projectSlug: tenant.project.slug,
    keyId: found.organization.project.keys[0]!.id,
    teamSlug: team.slug,
    memberId: String(other.member.id),
    apiTokenId: found.viewer.apiTokens[0]!.id,
    sessionId: await otherSessionOf(app, tenant.owner.id),
    issueId: String(issue.issue.id),
    issueShortId: String(issue.issue.id),
    eventId: issue.events[0]!.eventId,
    otherIssueId: String(otherIssue.issue.id),
    mergedIssueId: String(mergedIssue.id),
    mergedHash,
    repositoryId: String(repository.id),
    repositoryName: repository.name,
    releaseVersion: release.version,
    inviteId: String(invite.id),
    inviteToken: await inviteToken(app.config, invite),
    commentId: String((await addComment(app.db, app, ownerAccess, issue.issue, 'matrix comment')).id),
    slackTeamId: slackTeamId(),
    slackIdentityId: String((await linkSlackIdentity(app.db, app.config, ownerViewer, await createLinkToken(app.config, slackUser()))).id),
    slackLinkToken: await createLinkToken(app.config, slackUser()),
    alertRuleId: String(rule.id),
    serviceHookId: hook.guid,
    savedSearchId: String((await createSavedSearch(app.db, ownerAccess, { name: unique('shared'), query: 'is:unresolved', visibility: 'organization' })).id),
    organizationId: String(tenant.organization.id),
  };
  const cookie = options.ownerSession ? await sessionCookieFor(app, tenant.owner) : undefined;
  return { ...tenant, team, other, targets, cookie };
}

let A: Awaited<ReturnType<typeof buildFullTenant>>;
let B: Awaited<ReturnType<typeof buildFullTenant>>;
/** B's owner: a valid token and a dashboard session, member of B only. */
let outsider: { token: GraphQLTestClient; session: GraphQLTestClient };
let anonymous: GraphQLTestClient;
/** Members of A by role, calling with full-scope tokens (so their role alone limits them). */
const membersOfA = {} as Record<'readonly' | 'member' | 'admin', GraphQLTestClient>;

beforeAll(async () => {
  server = await startTestServer();
  const app = server.app;
  A = await buildFullTenant(app);
  B = await buildFullTenant(app, { ownerSession: true });
  outsider = { token: server.client({ token: B.token }), session: server.client({ cookie: B.cookie! }) };
  anonymous = server.client();
  for (const role of [MemberRole.READONLY, MemberRole.MEMBER, MemberRole.ADMIN] as const) {
    const { user } = await buildMember(app, A.organization, A.owner, role);
    membersOfA[role as 'readonly' | 'member' | 'admin'] = server.client({ token: await tokenFor(app, user) });
  }
  loginEmail = (await buildUser(app, { password: true })).email;
});
afterAll(async () => server?.close());

function firstError(result: GraphQLResponse): { code?: string; message?: string } {
  const error = result.errors?.[0];
  return { code: error?.extensions?.code, message: error?.message };
}

describe('authorization matrix', () => {
  describe("positive control: the owner of a fresh tenant may run every operation (so the documents are valid)", () => {
    it.each(httpCases.map((c) => [c.field, c] as const))('%s', async (_field, c) => {
      const tenant = await buildFullTenant(server.app, { ownerSession: Boolean(c.session) });
      const client = c.session ? server.client({ cookie: tenant.cookie! }) : server.client({ token: tenant.token });
      const result = await client.request(c.document, c.variables(tenant.targets));
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeTruthy();
    });
  });

  describe("another tenant's owner gets NOT_FOUND, exactly as for something that does not exist", () => {
    const crossTenant = httpCases.filter((c) => c.scope === 'organization' || c.byId);
    it.each(crossTenant.map((c) => [c.field, c] as const))('%s', async (_field, c) => {
      const client = c.session ? outsider.session : outsider.token;
      const aimedAtA = await client.request(c.document, c.variables(A.targets));
      const aimedAtNothing = await client.request(c.document, c.variables(missingTargets()));
      expect(firstError(aimedAtA).code).toBe('NOT_FOUND');
      expect(firstError(aimedAtNothing).code).toBe('NOT_FOUND');
      // Same message, same path, same data: nothing tells "exists elsewhere" from "does not exist".
      expect(aimedAtA).toEqual(aimedAtNothing);
    });
  });

  describe('an unauthenticated caller gets UNAUTHENTICATED', () => {
    const signedInOnly = httpCases.filter((c) => c.scope !== 'public');
    it.each(signedInOnly.map((c) => [c.field, c] as const))('%s', async (_field, c) => {
      const result = await anonymous.request(c.document, c.variables(A.targets));
      expect(firstError(result).code).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    });

    it('Query.viewer is null rather than an error', async () => {
      expect(await anonymous.request('{ viewer { id } }')).toEqual({ data: { viewer: null } });
    });

    it('Mutation.login works without credentials', async () => {
      const login = CASES.find((c) => c.field === 'Mutation.login')!;
      expect(await anonymous.data(login.document, login.variables(A.targets))).toEqual({ login: { email: loginEmail } });
    });

    it('a stale or unknown session cookie is treated as anonymous, not as an error', async () => {
      const client = server.client({ cookie: 'vigil_session=not-a-real-session' });
      expect(await client.request('{ viewer { id } }')).toEqual({ data: { viewer: null } });
      expect(await client.errorCode('query($org: String!) { organization(slug: $org) { id } }', { org: A.targets.org })).toBe('UNAUTHENTICATED');
    });
  });

  describe('a READONLY member of A', () => {
    it.each(allQueries.map((c) => [c.field, c] as const))('may run %s', async (_field, c) => {
      const result = await membersOfA.readonly.request(c.document, c.variables(A.targets));
      expect(result.errors).toBeUndefined();
      expect(result.data).toBeTruthy();
    });

    it.each(orgMutations.map((c) => [c.field, c] as const))('is FORBIDDEN to run %s', async (_field, c) => {
      const result = await membersOfA.readonly.request(c.document, c.variables(A.targets));
      expect(firstError(result)).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/role/i) });
    });

    it('sees the real data of A (nested fields are not empty)', async () => {
      const c = CASES.find((x) => x.field === 'Organization.project')!;
      const { organization } = await membersOfA.readonly.data<{ organization: { project: { slug: string } | null } }>(c.document, c.variables(A.targets));
      expect(organization.project?.slug).toBe(A.targets.projectSlug);
      const t = CASES.find((x) => x.field === 'Organization.team')!;
      const teamResult = await membersOfA.readonly.data<{ organization: { team: { slug: string } | null } }>(t.document, t.variables(A.targets));
      expect(teamResult.organization.team?.slug).toBe(A.targets.teamSlug);
    });
  });

  describe('a MEMBER of A', () => {
    it.each(allQueries.map((c) => [c.field, c] as const))('may run %s', async (_field, c) => {
      const result = await membersOfA.member.request(c.document, c.variables(A.targets));
      expect(result.errors).toBeUndefined();
    });

    const adminOnly = orgMutations.filter((c) => c.role === 'admin' || c.role === 'owner');
    it.each(adminOnly.map((c) => [c.field, c] as const))('is FORBIDDEN to run the admin-only %s', async (_field, c) => {
      const result = await membersOfA.member.request(c.document, c.variables(A.targets));
      expect(firstError(result).code).toBe('FORBIDDEN');
    });
  });

  describe('an ADMIN of A', () => {
    const ownerOnly = orgMutations.filter((c) => c.role === 'owner');
    it.each(ownerOnly.map((c) => [c.field, c] as const))('is FORBIDDEN to run the owner-only %s', async (_field, c) => {
      const result = await membersOfA.admin.request(c.document, c.variables(A.targets));
      expect(firstError(result)).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('admin') });
    });
  });

  describe('personal resources', () => {
    it("a member of A cannot revoke the owner's API token: NOT_FOUND, as for a token that does not exist", async () => {
      // An admin of A, signed in to the dashboard (as revoking needs).
      const user = await buildUser(server.app, { password: true });
      await addMember(server.app.db, await accessFor(server.app, A.owner, A.organization), user.email, MemberRole.ADMIN);
      const admin = server.client({ cookie: await sessionCookieFor(server.app, user) });
      const c = CASES.find((x) => x.field === 'Mutation.revokeApiToken')!;
      const aimed = await admin.request(c.document, c.variables(A.targets));
      const nothing = await admin.request(c.document, c.variables(missingTargets()));
      expect(firstError(aimed).code).toBe('NOT_FOUND');
      expect(aimed).toEqual(nothing);
      expect(await server.client({ token: A.token }).data('{ viewer { id } }')).toBeTruthy();
    });

    it('token-management mutations need a dashboard session: an API token gets FORBIDDEN', async () => {
      for (const field of ['Mutation.createApiToken', 'Mutation.revokeApiToken', 'Mutation.logout', 'Mutation.changePassword', 'Mutation.revokeSession', 'Mutation.revokeOtherSessions']) {
        const c = CASES.find((x) => x.field === field)!;
        const result = await server.client({ token: A.token }).request(c.document, c.variables(A.targets));
        expect(firstError(result), field).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('dashboard session') });
      }
    });
  });

  describe("B naming A's ids inside B's own organization finds nothing", () => {
    // The organization check passes (it is B's own); the id must still be looked up within B only.
    const cases: [string, string, (a: Targets, b: Targets) => Record<string, unknown>][] = [
      ['updateMemberRole', 'mutation($org: String!, $member: ID!) { updateMemberRole(organizationSlug: $org, memberId: $member, role: READONLY) { id } }', (a, b) => ({ org: b.org, member: a.memberId })],
      ['removeMember', 'mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }', (a, b) => ({ org: b.org, member: a.memberId })],
      ['addTeamMember', 'mutation($org: String!, $team: String!, $member: ID!) { addTeamMember(organizationSlug: $org, teamSlug: $team, memberId: $member) { id } }', (a, b) => ({ org: b.org, team: b.teamSlug, member: a.memberId })],
      ['removeTeamMember', 'mutation($org: String!, $team: String!, $member: ID!) { removeTeamMember(organizationSlug: $org, teamSlug: $team, memberId: $member) { id } }', (a, b) => ({ org: b.org, team: b.teamSlug, member: a.memberId })],
      ['updateTeam', 'mutation($org: String!, $team: String!) { updateTeam(organizationSlug: $org, teamSlug: $team, input: { name: "x" }) { id } }', (a, b) => ({ org: b.org, team: a.teamSlug })],
      ['deleteTeam', 'mutation($org: String!, $team: String!) { deleteTeam(organizationSlug: $org, teamSlug: $team) }', (a, b) => ({ org: b.org, team: a.teamSlug })],
    ];
    it.each(cases)('%s', async (_name, document, variables) => {
      const aimedAtA = await outsider.token.request(document, variables(A.targets, B.targets));
      const aimedAtNothing = await outsider.token.request(document, variables(missingTargets(), B.targets));
      expect(firstError(aimedAtA).code).toBe('NOT_FOUND');
      expect(aimedAtA).toEqual(aimedAtNothing);
    });

    it("Organization.project/team of B with A's slugs are null", async () => {
      const { organization } = await outsider.token.data<{ organization: { project: unknown; team: unknown } }>(
        'query($org: String!, $project: String!, $team: String!) { organization(slug: $org) { project(slug: $project) { id } team(slug: $team) { id } } }',
        { org: B.targets.org, project: A.targets.projectSlug, team: A.targets.teamSlug },
      );
      expect(organization).toEqual({ project: null, team: null });
    });

    it("A's data was left untouched by everything above", async () => {
      const { organization } = await server.client({ token: A.token }).data<{
        organization: {
          name: string;
          project: { name: string; keys: { id: string; isActive: boolean }[] };
          team: { slug: string; members: { id: string }[] };
          members: { nodes: { id: string; role: string }[] };
        };
      }>(ORG_QUERY('name project(slug: $project) { name keys { id isActive } } team(slug: $team) { slug members { id } } members(first: 100) { nodes { id role } }'), orgVars(A.targets));
      expect(organization.name).toBe(A.organization.name);
      expect(organization.project.name).toBe(A.project.name);
      expect(organization.project.keys).toEqual([{ id: A.targets.keyId, isActive: true }]);
      expect(organization.team).toEqual({ slug: A.targets.teamSlug, members: [] });
      expect(organization.members.nodes).toContainEqual({ id: A.targets.memberId, role: 'MEMBER' });
      expect(organization.members.nodes).toContainEqual({ id: String(A.other.member.id), role: 'MEMBER' });
    });
  });

  describe('event payloads need event:read: a token with only project:read is FORBIDDEN, wherever the issue came from', () => {
    const version = unique('web@2.0');
    let eventPath = '';
    const reads = ['latestEvent { id }', 'events(first: 5) { totalCount }', 'tags { key }', 'attachments { id }', 'latestEvent { attachments { id } }'];
    beforeAll(async () => {
      const { events } = await buildIssue(server.app, A.project, { events: [{ release: version }] });
      const attachment = await buildAttachment(server.app, events[0]!);
      eventPath = `/api/0/projects/${A.targets.org}/${A.targets.projectSlug}/events/${events[0]!.eventId}/attachments/${attachment.id}/?download=1`;
    });
    const projectReader = async () => tokenFor(server.app, A.owner, ['org:read', 'project:read']);
    const releaseIssues = (selection: string) =>
      `query($org: String!, $v: String!) { organization(slug: $org) { release(version: $v) { newIssues { id ${selection} } } } }`;

    it.each(reads)('Issue.%s through Release.newIssues', async (selection) => {
      const client = server.client({ token: await projectReader() });
      // The release and its issues are project data: readable.
      expect((await client.data<{ organization: { release: { newIssues: unknown[] } } }>(releaseIssues(''), { org: A.targets.org, v: version })).organization.release.newIssues).toHaveLength(1);
      const result = await client.request(releaseIssues(selection), { org: A.targets.org, v: version });
      expect(firstError(result)).toEqual({ code: 'FORBIDDEN', message: 'This API token lacks the event:read scope' });
      // With event:read the same document works.
      const withEvents = server.client({ token: await tokenFor(server.app, A.owner, ['org:read', 'project:read', 'event:read']) });
      expect((await withEvents.request(releaseIssues(selection), { org: A.targets.org, v: version })).errors).toBeUndefined();
    });

    it('the attachment download route answers 403 with a clear detail', async () => {
      const response = await fetch(`${server.url}${eventPath}`, { headers: { authorization: `Bearer ${await projectReader()}` } });
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ detail: 'This API token lacks the event:read scope' });
      const allowed = await fetch(`${server.url}${eventPath}`, { headers: { authorization: `Bearer ${await tokenFor(server.app, A.owner, ['event:read'])}` } });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toBe('hello');
    });
  });

  describe('ids beyond the integer range name nothing: NOT_FOUND like any other unknown id', () => {
    // parseId rejects ids beyond int4, which PostgreSQL would refuse with an internal error.
    const byId = httpCases.filter((c) => c.byId);
    const outOfRange: Targets = { ...missingTargets(), projectId: '3000000000', keyId: '3000000000', memberId: '3000000000', apiTokenId: '3000000000', sessionId: '3000000000', issueId: '3000000000', otherIssueId: '3000000000', mergedIssueId: '3000000000', repositoryId: '3000000000', commentId: '3000000000' };
    it.each(byId.map((c) => [c.field, c] as const))('%s', async (_field, c) => {
      const client = c.session ? outsider.session : outsider.token;
      // Aim at B's own organization so that only the id is unknown.
      const result = await client.request(c.document, c.variables({ ...outOfRange, org: B.targets.org, teamSlug: B.targets.teamSlug }));
      expect(firstError(result).code).toBe('NOT_FOUND');
    });
  });
});

describe('Subscription.projectChanged', () => {
  const c = CASES.find((x) => x.field === 'Subscription.projectChanged')!;
  type Change = { projectChanged: { kind: string; projectId: string; project: { slug: string } | null } };
  const live = () => server.app.pubsub.subscriberCount('projectChanged');

  it("another tenant's owner subscribing to A's slug gets NOT_FOUND, as for a slug that does not exist", async () => {
    const toA = outsider.token.subscribe(c.document, c.variables(A.targets));
    const toNothing = outsider.token.subscribe(c.document, c.variables(missingTargets()));
    try {
      const [a, nothing] = [await toA.next(), await toNothing.next()];
      expect(firstError(a).code).toBe('NOT_FOUND');
      expect(a).toEqual(nothing);
    } finally {
      await toA.close();
      await toNothing.close();
    }
  });

  it('an unauthenticated WebSocket connection is closed with 4403', async () => {
    const subscription = anonymous.subscribe(c.document, c.variables(A.targets));
    try {
      const message = await subscription.next();
      expect(firstError(message).code).toBe('CLOSED_4403');
      expect(subscription.closed?.code).toBe(4403);
    } finally {
      await subscription.close();
    }
  });

  it("an invalid token over WebSocket is refused the same way", async () => {
    const subscription = server.client({ token: 'vgl_not-a-token' }).subscribe(c.document, c.variables(A.targets));
    try {
      await subscription.next();
      expect(subscription.closed?.code).toBe(4403);
    } finally {
      await subscription.close();
    }
  });

  it("a subscriber of A hears of A's new projects and not of B's", async () => {
    const before = live();
    const subscription = membersOfA.readonly.subscribe<Change>(c.document, c.variables(A.targets));
    try {
      await waitFor(() => live() === before + 1, { what: 'the subscription to be live' });
      const inB = await server.client({ token: B.token }).data<{ createProject: { id: string } }>(
        'mutation($org: String!, $name: String!) { createProject(organizationSlug: $org, input: { name: $name }) { id } }',
        { org: B.targets.org, name: unique('b-proj') },
      );
      const name = unique('a-proj');
      const inA = await server.client({ token: A.token }).data<{ createProject: { id: string; slug: string } }>(
        'mutation($org: String!, $name: String!) { createProject(organizationSlug: $org, input: { name: $name }) { id slug } }',
        { org: A.targets.org, name },
      );
      // Notifications arrive in commit order: had B's been delivered, it would come first.
      expect(await subscription.next()).toEqual({
        data: { projectChanged: { kind: 'CREATED', projectId: inA.createProject.id, project: { slug: inA.createProject.slug } } },
      });
      expect(inB.createProject.id).not.toBe(inA.createProject.id);
      expect(subscription.received).toEqual([]);
    } finally {
      await subscription.close();
    }
    await waitFor(() => live() === before, { what: 'the subscription to end' });
  });

  it('a member removed from A stops receiving its events at once', async () => {
    const { user, member } = await buildMember(server.app, A.organization, A.owner, MemberRole.MEMBER);
    const client = server.client({ token: await tokenFor(server.app, user) });
    const owner = server.client({ token: A.token });
    const create = (name: string) =>
      owner.data<{ createProject: { id: string } }>('mutation($org: String!, $name: String!) { createProject(organizationSlug: $org, input: { name: $name }) { id } }', {
        org: A.targets.org,
        name,
      });
    const before = live();
    const subscription = client.subscribe<Change>(c.document, c.variables(A.targets));
    try {
      await waitFor(() => live() === before + 1, { what: 'the subscription to be live' });
      const first = await create(unique('seen'));
      expect((await subscription.next()).data?.projectChanged.projectId).toBe(first.createProject.id);

      await owner.data('mutation($org: String!, $member: ID!) { removeMember(organizationSlug: $org, memberId: $member) }', {
        org: A.targets.org,
        member: String(member.id),
      });
      await create(unique('unseen'));
      const after = await subscription.next();
      expect(after.data ?? null).toBeNull();
      expect(firstError(after)).toEqual({ code: 'NOT_FOUND', message: 'Organization not found' });
      await waitFor(() => live() === before, { what: 'the server to drop the subscription' });
      // (The lazy client may since have closed its idle socket; that is not an event.)
      expect(subscription.received.filter((m) => m.data)).toEqual([]);
    } finally {
      await subscription.close();
    }
  });
});

describe('meta: the matrix covers the whole schema', () => {
  it('has a row for every root Query, Mutation and Subscription field, and for the org-scoped nested fields', async () => {
    const schema = await buildGraphQLSchema(null);
    const rootFields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      type ? Object.keys(type.getFields()).map((name) => `${type.name}.${name}`) : [],
    );
    expect(rootFields.length).toBeGreaterThan(20);
    const covered = new Set(CASES.map((c) => c.field));
    const missing = [...rootFields, ...ORG_SCOPED_NESTED_FIELDS].filter((field) => !covered.has(field));
    expect(missing, 'operations without an authorization row').toEqual([]);
  });

  it('names only fields that exist, once each', async () => {
    const schema = await buildGraphQLSchema(null);
    for (const c of CASES) {
      const [typeName, fieldName] = c.field.split('.') as [string, string];
      const type = schema.getType(typeName);
      expect(type && isObjectType(type) ? Object.keys(type.getFields()) : [], c.field).toContain(fieldName);
    }
    expect(new Set(CASES.map((c) => c.field)).size).toBe(CASES.length);
  });
});

import { cacheExchange, type Cache, type CacheExchangeOpts, type Variables } from '@urql/exchange-graphcache';
import schema from './generated/introspection';

/** Types without an id live inside their parent (they are values, not entities). */
const EMBEDDED = [
  'ActivityConnection', 'ActivityEdge', 'Breadcrumb', 'CommitAuthor', 'ConnectedRepository', 'CreatedApiToken',
  'DataScrubbing', 'EventConnection', 'EventEdge', 'EventEntry', 'EventException', 'EventRequest', 'EventSdk',
  'EventTag', 'EventUser', 'ExceptionValue', 'FileChange', 'Frame', 'FrequencyPoint', 'HerokuConnection',
  'HerokuIntegration', 'HttpHeader', 'InboundFilters', 'Invitation', 'IssueConnection', 'IssueEdge', 'IssueMetadata', 'IssueSubscription', 'Mechanism',
  'MemberConnection', 'MemberEdge', 'MentionConnection', 'MentionEdge', 'NotificationSettings', 'OrganizationConnection', 'OrganizationEdge', 'OutcomeCount', 'OutcomeTotals',
  'PageInfo', 'ParkedEnvelopeReason', 'ParkedEnvelopes', 'PipelineHealth', 'ProjectChange', 'ProjectConnection', 'ProjectEdge', 'ProjectSettings', 'RateLimit', 'ReleaseConnection',
  'ReleaseChange', 'ReleaseEdge', 'ReleaseHealth', 'SdkPackage', 'SlackStatus', 'SuggestedAssignee', 'TagDistribution', 'TagValueCount', 'TeamConnection', 'TeamEdge',
  'IssueInbox', 'IssueCount', 'ReleaseAdoption', 'ReleaseEventSeries', 'ReleaseEventPoint',
  'TagValueConnection', 'TagValueEdge', 'IssueEnvironmentStats', 'GroupHash',
  'AlertCondition', 'AlertFilters', 'AlertTagFilter', 'AlertAction', 'AlertActionResult', 'AlertFireConnection', 'AlertFireEdge', 'ServiceHookCreation',
];

/** Drops every cached value of `field` on the entity, whatever its arguments, so queries reading it refetch. */
export function invalidateField(cache: Cache, entity: string | null | undefined, field: string): void {
  if (!entity) return;
  for (const info of cache.inspectFields(entity)) {
    if (info.fieldName === field) cache.invalidate(entity, info.fieldName, info.arguments ?? undefined);
  }
}

const organizationBySlug = (cache: Cache, args: Variables) =>
  cache.resolve('Query', 'organization', { slug: String(args.organizationSlug ?? args.slug ?? '') }) as string | null;
const issueKey = (cache: Cache, id: unknown) => cache.keyOfEntity({ __typename: 'Issue', id: String(id) });
const viewer = (cache: Cache) => cache.resolve('Query', 'viewer') as string | null;
const invalidateEntity = (typename: string) => (_result: unknown, args: Variables, cache: Cache) =>
  cache.invalidate({ __typename: typename, id: String(args.id) });

/** What an issue's page reads that a merge or unmerge changes (a merge's answer brings the primary's counts itself). */
const ISSUE_VIEWS = ['events', 'tags', 'tagValues', 'frequency', 'groupHashes', 'activity', 'latestEvent', 'environmentStats'];

/** Every issue list (stream pages, release issue lists) of every organization in the cache. */
function invalidateIssueLists(cache: Cache): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName !== 'organization') continue;
    const organization = cache.resolve('Query', field.fieldKey) as string | null;
    invalidateField(cache, organization, 'issues');
    invalidateField(cache, organization, 'issueCounts');
  }
}

/** Saved searches of every organization in the cache (the mutations name a search, not its organization). */
function invalidateSavedSearches(cache: Cache): void {
  for (const field of cache.inspectFields('Query')) {
    if (field.fieldName === 'organization') invalidateField(cache, cache.resolve('Query', field.fieldKey) as string | null, 'savedSearches');
  }
}

/**
 * Graphcache: one normalized store. Mutations that return the changed entity update it by
 * themselves; the ones below change lists, so the lists are dropped and refetched.
 */
export const cacheConfig: CacheExchangeOpts = {
  schema,
  keys: Object.fromEntries(EMBEDDED.map((name) => [name, () => null])),
  updates: {
    Mutation: {
      createProject: (_r, args, cache) => invalidateField(cache, organizationBySlug(cache, args), 'projects'),
      createProjectKey: (_r, args, cache) => cache.invalidate({ __typename: 'Project', id: String(args.projectId) }, 'keys'),
      deleteProjectKey: invalidateEntity('ProjectKey'),
      connectHeroku: (_r, args, cache) => cache.invalidate({ __typename: 'Project', id: String(args.projectId) }, 'heroku'),
      createAlertRule: (_r, args, cache) => cache.invalidate({ __typename: 'Project', id: String(args.projectId) }, 'alertRules'),
      deleteAlertRule: invalidateEntity('AlertRule'),
      createServiceHook: (_r, args, cache) => cache.invalidate({ __typename: 'Project', id: String(args.projectId) }, 'serviceHooks'),
      deleteServiceHook: (_r, args, cache) => cache.invalidate({ __typename: 'Project', id: String(args.projectId) }, 'serviceHooks'),
      retryParkedEnvelopes: (_r, args, cache) => cache.invalidate({ __typename: 'Project', id: String(args.projectId) }, 'parkedEnvelopes'),
      inviteMember: (_r, args, cache) => invalidateField(cache, organizationBySlug(cache, args), 'invites'),
      revokeInvite: (_r, args, cache) => cache.invalidate({ __typename: 'MemberInvite', id: String(args.inviteId) }),
      removeMember: (_r, args, cache) => cache.invalidate({ __typename: 'Member', id: String(args.memberId) }),
      createApiToken: (_r, _args, cache) => invalidateField(cache, viewer(cache), 'apiTokens'),
      revokeApiToken: invalidateEntity('ApiToken'),
      revokeSession: invalidateEntity('SignInSession'),
      revokeOtherSessions: (_r, _args, cache) => invalidateField(cache, viewer(cache), 'sessions'),
      changePassword: (_r, _args, cache) => invalidateField(cache, viewer(cache), 'sessions'),
      linkSlackIdentity: (_r, _args, cache) => invalidateField(cache, viewer(cache), 'slackIdentities'),
      unlinkSlackIdentity: invalidateEntity('SlackIdentity'),
      connectRepository: (_r, args, cache) => invalidateField(cache, organizationBySlug(cache, args), 'repositories'),
      deleteRepository: invalidateEntity('Repository'),
      bulkUpdateIssues: (_r, _args, cache) => invalidateIssueLists(cache),
      markReviewed: (_r, _args, cache) => invalidateIssueLists(cache),
      deleteIssues: (_r, _args, cache) => invalidateIssueLists(cache),
      createSavedSearch: (_r, _args, cache) => invalidateSavedSearches(cache),
      deleteSavedSearch: (_r, _args, cache) => invalidateSavedSearches(cache),
      // Events, hashes, counts and history move between issues: the lists and the issues' views refetch.
      mergeIssues: (result, _args, cache) => {
        invalidateIssueLists(cache);
        const primary = (result.mergeIssues as { id?: string } | null)?.id;
        for (const field of ISSUE_VIEWS) invalidateField(cache, issueKey(cache, primary), field);
      },
      unmergeIssue: (_r, args, cache) => {
        invalidateIssueLists(cache);
        for (const field of [...ISSUE_VIEWS, 'count', 'userCount']) invalidateField(cache, issueKey(cache, args.issueId), field);
      },
      addComment: (_r, args, cache) => {
        // Commenting subscribes the author (and the people it mentions).
        for (const field of ['activity', 'subscription', 'isSubscribed']) invalidateField(cache, issueKey(cache, args.issueId), field);
      },
      deleteComment: invalidateEntity('Activity'),
      updateIssue: (_r, args, cache) => {
        invalidateField(cache, issueKey(cache, args.id), 'activity');
        invalidateField(cache, issueKey(cache, args.id), 'subscription');
        // A status change can move the issue out of the lists it is in (e.g. is:unresolved).
        if ((args.input as { status?: unknown } | undefined)?.status) invalidateIssueLists(cache);
      },
    },
    Subscription: {
      // A new event changes the issue's charts, tags and event list (its counts come with issueUpdated).
      eventReceived: (_r, args, cache) => {
        const key = issueKey(cache, args.issueId);
        for (const field of ['frequency', 'tags', 'events', 'activity', 'suggestedAssignees', 'tagValues', 'environmentStats', 'groupHashes', 'latestEvent']) {
          invalidateField(cache, key, field);
        }
      },
      // A comment or change by someone else; a mention of you may have subscribed you too.
      activityAdded: (_r, args, cache) => {
        for (const field of ['activity', 'subscription', 'isSubscribed']) invalidateField(cache, issueKey(cache, args.issueId), field);
      },
      mentionReceived: (_r, _args, cache) => invalidateField(cache, viewer(cache), 'mentions'),
      issueUpdated: (_r, args, cache) => {
        if (args.issueId) {
          invalidateField(cache, issueKey(cache, args.issueId), 'activity');
          invalidateField(cache, issueKey(cache, args.issueId), 'subscription');
        }
      },
      // Release lists refetch; a changed release's own fields arrive with the message.
      releaseChanged: (_r, args, cache) => invalidateField(cache, organizationBySlug(cache, args), 'releases'),
      deployCreated: (result, _args, cache) => {
        const releaseId = (result.deployCreated as { release?: { id?: string } } | null)?.release?.id;
        const release = releaseId ? cache.keyOfEntity({ __typename: 'Release', id: releaseId }) : null;
        for (const field of ['deploys', 'lastDeploy']) invalidateField(cache, release, field);
      },
    },
  },
};

export const createCacheExchange = () => cacheExchange(cacheConfig);

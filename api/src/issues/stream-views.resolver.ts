import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { badInput } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Organization } from '../organizations/organization.entity.js';
import { inboxByIssue, markReviewed } from './issue-inbox.js';
import { requestIssueDeletion } from './issue-deletion.js';
import { countIssues, projectScope } from './issue.service.js';
import { IssueType } from './issue.types.js';
import { issuesAccess } from './issues-access.js';
import { createSavedSearch, deleteSavedSearch, findSavedSearch, savedSearchesFor } from './saved-search.service.js';
import { IssueCountArgs, IssueCountType, IssueInboxType, SavedSearchType, SavedSearchVisibilityValue } from './stream-views.types.js';

const MAX_COUNTED_QUERIES = 10;

@Resolver(() => IssueType)
export class IssueInboxResolver {
  @FieldResolver(() => IssueInboxType, { nullable: true, description: 'Set while the issue is in "For review" (is:for_review).' })
  async inbox(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<IssueInboxType | null> {
    const entry = await ctx.loaders.get(inboxByIssue).load(issue.id);
    return entry ? IssueInboxType.from(entry) : null;
  }
}

@Resolver(() => Organization)
export class OrganizationStreamResolver {
  @Authorized()
  @FieldResolver(() => [IssueCountType], { description: 'How many issues each search finds, in the order asked (the stream tabs).' })
  async issueCounts(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: IssueCountArgs): Promise<IssueCountType[]> {
    const access = await ctx.access.organizationById(org.id, 'event:read');
    if (args.queries.length > MAX_COUNTED_QUERIES) throw badInput(`At most ${MAX_COUNTED_QUERIES} queries`, 'queries');
    const projectIds = await projectScope(ctx.app.db, access, args.projects);
    const scope = { organizationId: org.id, projectIds, viewerId: access.viewer.user.id };
    const counts = await countIssues(ctx.app.db, scope, args.queries, { environment: args.environment, statsPeriod: args.statsPeriod });
    return args.queries.map((query, i) =>
      Object.assign(new IssueCountType(), { query, count: counts[i]?.totalCount ?? 0, countIsLowerBound: counts[i]?.totalCountIsLowerBound ?? false }),
    );
  }

  @Authorized()
  @FieldResolver(() => [SavedSearchType], { description: 'The organization\'s saved searches, then yours.' })
  async savedSearches(@Ctx() ctx: GraphQLContext, @Root() org: Organization): Promise<SavedSearchType[]> {
    const access = await ctx.access.organizationById(org.id, 'event:read');
    return (await savedSearchesFor(ctx.app.db, access)).map((search) => SavedSearchType.from(search, access.viewer.user.id));
  }
}

@Resolver()
export class StreamViewsMutationResolver {
  @Authorized()
  @Mutation(() => Int, { description: 'Takes the issues out of "For review"; returns how many were in it.' })
  async markReviewed(@Ctx() ctx: GraphQLContext, @Arg('issueIds', () => [ID]) issueIds: string[]): Promise<number> {
    const { access, issues } = await issuesAccess(ctx, issueIds, 'event:write');
    return markReviewed(ctx.app.db, ctx.app.pubsub, access, issues);
  }

  @Authorized()
  @Mutation(() => Int, {
    description: 'Deletes the issues with their events, hashes, tag values and counters (at most 1000; with over 10000 events in all, hidden at once and deleted by a job); later events start new issues. Returns how many.',
  })
  async deleteIssues(@Ctx() ctx: GraphQLContext, @Arg('issueIds', () => [ID]) issueIds: string[]): Promise<number> {
    const { access, issues } = await issuesAccess(ctx, issueIds, 'event:admin');
    return requestIssueDeletion(ctx.app.db, ctx.app, access, issues);
  }

  @Authorized()
  @Mutation(() => SavedSearchType)
  async createSavedSearch(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationId', () => ID) organizationId: string,
    @Arg('name') name: string,
    @Arg('query') query: string,
    @Arg('visibility', () => SavedSearchVisibilityValue, { defaultValue: SavedSearchVisibilityValue.OWNER }) visibility: SavedSearchVisibilityValue,
  ): Promise<SavedSearchType> {
    // Saving is a change: readonly members only use the searches others saved.
    const access = await ctx.access.organizationById(parseId(organizationId, 'Organization'), 'event:write');
    const search = await createSavedSearch(ctx.app.db, access, { name, query, visibility });
    return SavedSearchType.from(search, access.viewer.user.id);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes a saved search: your own, or (admins and owners) one of the organization.' })
  async deleteSavedSearch(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const search = await findSavedSearch(ctx.app.db, id);
    const access = await ctx.access.forRowOf(search.organizationId, 'event:write', 'SavedSearch');
    await deleteSavedSearch(ctx.app.db, access, search);
    return true;
  }
}

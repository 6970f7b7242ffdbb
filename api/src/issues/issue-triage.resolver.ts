import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { OrgAccess } from '../auth/access.js';
import { notFound } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { deleteIssues, planTriage, triageIssues } from './issue-triage.service.js';
import { UpdateIssueInput } from './issue-triage.types.js';
import { bulkTargetIds, projectScope } from './issue.service.js';
import { IssueType } from './issue.types.js';
import { issueAccess } from './issue-access.js';

interface BulkArgs {
  ids: string[] | null;
  query: string | null;
  projects: string[] | null;
}

/** The issues of the organization a bulk mutation names (by ids or a search), checked against its scope. */
async function bulkTargets(ctx: GraphQLContext, access: OrgAccess, args: BulkArgs): Promise<number[]> {
  const projectIds = await projectScope(ctx.app.db, access, args.projects);
  const scope = { organizationId: access.organization.id, projectIds, viewerId: access.viewer.user.id };
  return bulkTargetIds(ctx.app.db, scope, { ids: args.ids, query: args.query });
}

@Resolver()
export class IssueTriageResolver {
  @Authorized()
  @Mutation(() => IssueType, { description: 'Changes status, assignee, your bookmark or your subscription.' })
  async updateIssue(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string, @Arg('input') input: UpdateIssueInput): Promise<IssueType> {
    const { access, issue } = await issueAccess(ctx, parseId(id, 'Issue'), 'event:write');
    const plan = await planTriage(ctx.app.db, access, input);
    const [updated] = await triageIssues(ctx.app.db, ctx.app.pubsub, access, [issue.id], plan, ctx.app.queue);
    if (!updated) throw notFound('Issue'); // deleted meanwhile
    // Loaders may have cached the old bookmark or assignee state earlier in this request.
    ctx.loaders.clear();
    return IssueType.from(updated);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Applies the input to the given issues, or to the first 1000 a search finds; returns how many.' })
  async bulkUpdateIssues(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('input') input: UpdateIssueInput,
    @Arg('ids', () => [ID], { nullable: true, description: 'At most 1000.' }) ids: string[] | null,
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('projects', () => [ID], { nullable: true, description: 'Limit to these projects.' }) projects: string[] | null,
  ): Promise<number> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'event:write');
    const plan = await planTriage(ctx.app.db, access, input);
    const targets = await bulkTargets(ctx, access, { ids, query, projects });
    const updated = await triageIssues(ctx.app.db, ctx.app.pubsub, access, targets, plan, ctx.app.queue);
    ctx.loaders.clear();
    return updated.length;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Deletes the issue and its events for good.' })
  async deleteIssue(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    const { access, issue } = await issueAccess(ctx, parseId(id, 'Issue'), 'event:admin');
    return (await deleteIssues(ctx.app.db, ctx.app.pubsub, access, [issue.id])) > 0;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Deletes the given issues, or the first 1000 a search finds; returns how many.' })
  async bulkDeleteIssues(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('ids', () => [ID], { nullable: true, description: 'At most 1000.' }) ids: string[] | null,
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('projects', () => [ID], { nullable: true, description: 'Limit to these projects.' }) projects: string[] | null,
  ): Promise<number> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'event:admin');
    const targets = await bulkTargets(ctx, access, { ids, query, projects });
    return deleteIssues(ctx.app.db, ctx.app.pubsub, access, targets);
  }
}

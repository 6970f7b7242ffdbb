import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requireEventRead } from '../events/event-access.js';
import { EventType } from '../events/event-graphql.types.js';
import { ConnectionArgs } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { environmentStats } from './issue-environment-stats.js';
import { issueGroupHashes } from './issue-group-hashes.js';
import { issueTagValues } from './issue-tag-values.js';
import { IssueType, TagValueCountType } from './issue.types.js';
import { GroupHashType, IssueEnvironmentStatsType, TagValueConnectionType } from './issue-views.types.js';

/** What the issue page's Tags and Merged tabs and its environment filter read. */
@Resolver(() => IssueType)
export class IssueViewsResolver {
  @FieldResolver(() => IssueEnvironmentStatsType, { description: 'Counts in one environment.' })
  async environmentStats(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType, @Arg('environment') environment: string): Promise<IssueEnvironmentStatsType> {
    await requireEventRead(ctx, issue.projectId);
    return Object.assign(new IssueEnvironmentStatsType(), { environment, ...(await environmentStats(ctx.app.db, issue.id, environment)) });
  }

  @FieldResolver(() => TagValueConnectionType, { description: 'Every value of one tag key, most frequent first.' })
  async tagValues(
    @Ctx() ctx: GraphQLContext,
    @Root() issue: IssueType,
    @Arg('key') key: string,
    @Arg('environment', () => String, { nullable: true }) environment: string | null,
    @Args() page: ConnectionArgs,
  ): Promise<TagValueConnectionType> {
    await requireEventRead(ctx, issue.projectId);
    const result = await issueTagValues(ctx.app.db, issue.id, key, environment ?? null, page);
    const toType = (v: TagValueCountType) => Object.assign(new TagValueCountType(), v);
    return Object.assign(new TagValueConnectionType(), {
      ...result,
      nodes: result.nodes.map(toType),
      edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: toType(edge.node) })),
    });
  }

  @FieldResolver(() => [GroupHashType], { description: 'Grouping hashes of the issue (one per merged issue), each with its newest event.' })
  async groupHashes(@Ctx() ctx: GraphQLContext, @Root() issue: IssueType): Promise<GroupHashType[]> {
    await requireEventRead(ctx, issue.projectId);
    const hashes = await issueGroupHashes(ctx.app.db, issue.id);
    return hashes.map((h) =>
      Object.assign(new GroupHashType(), { hash: h.hash, eventCount: h.eventCount, latestEvent: h.latestEvent ? EventType.from(h.latestEvent) : null }),
    );
  }
}

import { Arg, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { Project } from './project.entity.js';
import { outcomeCounts, outcomeRange, outcomeTotals, releaseHealthFor } from './project-stats.service.js';
import { OutcomeCount, OutcomeGroupBy, OutcomeTotals, OutcomeType, ReleaseHealth } from './project-stats.types.js';

@Resolver(() => Project)
export class ProjectStatsResolver {
  @Authorized()
  @FieldResolver(() => [OutcomeCount], { description: 'Sums of what happened to what SDKs sent, per hourly bucket and more.' })
  async outcomes(
    @Ctx() ctx: GraphQLContext,
    @Root() project: Project,
    @Arg('since', () => Date, { nullable: true, description: 'Default: 24 hours ago; at most 90 days ago.' }) since: Date | null,
    @Arg('until', () => Date, { nullable: true, description: 'Default: now.' }) until: Date | null,
    @Arg('groupBy', () => [OutcomeGroupBy], { nullable: true, description: 'Nothing: one total.' }) groupBy: OutcomeGroupBy[] | null,
  ): Promise<OutcomeCount[]> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    const rows = await outcomeCounts(ctx.app.db, project.id, outcomeRange(since, until), groupBy ?? []);
    return rows.map((row) => ({ ...row, outcome: row.outcome as OutcomeType | null }));
  }

  @Authorized()
  @FieldResolver(() => OutcomeTotals)
  async outcomeTotals(
    @Ctx() ctx: GraphQLContext,
    @Root() project: Project,
    @Arg('since', () => Date, { nullable: true, description: 'Default: 24 hours ago; at most 90 days ago.' }) since: Date | null,
  ): Promise<OutcomeTotals> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    return outcomeTotals(ctx.app.db, project.id, outcomeRange(since, null));
  }

  @Authorized()
  @FieldResolver(() => [ReleaseHealth], { description: 'Session health per release, from SDK sessions.' })
  async releaseHealth(
    @Ctx() ctx: GraphQLContext,
    @Root() project: Project,
    @Arg('release', () => String, { nullable: true, description: 'Only this release.' }) release: string | null,
    @Arg('environment', () => String, { nullable: true, description: 'Only this environment.' }) environment: string | null,
    @Arg('since', () => Date, { nullable: true, description: 'Only sessions started since; default: all.' }) since: Date | null,
  ): Promise<ReleaseHealth[]> {
    await ctx.access.organizationById(project.organizationId, 'project:read');
    return releaseHealthFor(ctx.app.db, [project.id], release == null ? null : [release], { environment, since });
  }
}

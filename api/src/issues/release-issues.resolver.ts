import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { authorizedRelease } from '../releases/release.loaders.js';
import { ReleaseType } from '../releases/release.types.js';
import { Issue } from './issue.entity.js';
import { IssueType } from './issue.types.js';
import { newIssueCount } from './release-issue-count.js';

/** The issues a release brought and the ones it fixed. */
@Resolver(() => ReleaseType)
export class ReleaseIssuesResolver {
  @FieldResolver(() => [IssueType], { description: 'Issues first seen in this release.' })
  async newIssues(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<IssueType[]> {
    return this.issues(ctx, release, 'first_release_id', first);
  }

  @FieldResolver(() => Int, { description: 'How many issues were first seen in this release.' })
  async newIssueCount(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<number> {
    const entity = await authorizedRelease(ctx, release);
    return newIssueCount(ctx.app.db, entity);
  }

  @FieldResolver(() => [IssueType], { description: 'Issues resolved in this release (by a "Fixes" commit or by hand).' })
  async resolvedIssues(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<IssueType[]> {
    return this.issues(ctx, release, 'resolved_in_release_id', first);
  }

  private async issues(ctx: GraphQLContext, release: ReleaseType, column: 'first_release_id' | 'resolved_in_release_id', first: number): Promise<IssueType[]> {
    const entity = await authorizedRelease(ctx, release);
    const issues = await ctx.app.db
      .getRepository(Issue)
      .createQueryBuilder('i')
      .innerJoin('project', 'p', "p.id = i.project_id AND p.status = 'active' AND p.organization_id = :orgId", { orgId: entity.organizationId })
      .where(`i.${column} = :releaseId`, { releaseId: entity.id })
      .orderBy('i.last_seen', 'DESC')
      .limit(Math.min(Math.max(first, 1), 1000))
      .getMany();
    return issues.map(IssueType.from);
  }
}

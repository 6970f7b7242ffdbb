import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { releaseHealthFor } from '../projects/project-stats.service.js';
import { ReleaseHealth } from '../projects/project-stats.types.js';
import { authorizedRelease } from '../releases/release.loaders.js';
import { releaseProjectIds } from '../releases/release.service.js';
import { ReleaseType } from '../releases/release.types.js';

@Resolver(() => ReleaseType)
export class ReleaseHealthResolver {
  @FieldResolver(() => [ReleaseHealth], { description: 'Crash-free sessions and users, per project of the release.' })
  async health(
    @Ctx() ctx: GraphQLContext,
    @Root() release: ReleaseType,
    @Arg('environment', () => String, { nullable: true }) environment: string | null,
  ): Promise<ReleaseHealth[]> {
    const entity = await authorizedRelease(ctx, release);
    const projectIds = await releaseProjectIds(ctx.app.db, entity.id);
    return releaseHealthFor(ctx.app.db, projectIds, [entity.version], { environment });
  }
}

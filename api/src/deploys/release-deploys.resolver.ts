import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { authorizedRelease, releaseById } from '../releases/release.loaders.js';
import { ReleaseType } from '../releases/release.types.js';
import { releaseDeploys } from './deploy.service.js';
import { DeployType } from './deploy.types.js';

/** Where and when a release went out. */
@Resolver(() => ReleaseType)
export class ReleaseDeploysResolver {
  @FieldResolver(() => [DeployType], { description: 'Newest first.' })
  async deploys(
    @Ctx() ctx: GraphQLContext,
    @Root() release: ReleaseType,
    @Arg('environment', () => String, { nullable: true }) environment: string | null,
  ): Promise<DeployType[]> {
    const deploys = await releaseDeploys(ctx.app.db, (await authorizedRelease(ctx, release)).id, environment);
    return deploys.map((d) => DeployType.from(d));
  }

  @FieldResolver(() => DeployType, { nullable: true })
  async lastDeploy(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<DeployType | null> {
    const [latest] = await releaseDeploys(ctx.app.db, (await authorizedRelease(ctx, release)).id, null);
    return latest ? DeployType.from(latest) : null;
  }
}

@Resolver(() => DeployType)
export class DeployReleaseResolver {
  @FieldResolver(() => ReleaseType, { description: 'The release this deploy shipped.' })
  async release(@Ctx() ctx: GraphQLContext, @Root() deploy: DeployType): Promise<ReleaseType> {
    await ctx.access.organizationById(deploy.organizationId, 'project:read');
    const release = await ctx.loaders.get(releaseById).load(deploy.releaseId);
    if (!release || release.organizationId !== deploy.organizationId) throw new Error(`Release ${deploy.releaseId} is missing`);
    return ReleaseType.from(release);
  }
}

import { Arg, Ctx, Field, FieldResolver, Float, ObjectType, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { authorizedRelease } from '../releases/release.loaders.js';
import { releaseProjectIds } from '../releases/release.service.js';
import { ReleaseType } from '../releases/release.types.js';
import { releaseAdoption } from './release-adoption.js';

@ObjectType('ReleaseAdoption', { description: "The release's share of its projects' sessions and users in the last 24 hours." })
export class ReleaseAdoptionType {
  @Field(() => Float) sessions!: number;
  @Field(() => Float) totalSessions!: number;
  @Field(() => Float) users!: number;
  @Field(() => Float) totalUsers!: number;
  @Field(() => Float, { nullable: true, description: '0-1; null without sessions in the last 24 hours.' }) sessionAdoption!: number | null;
  @Field(() => Float, { nullable: true, description: '0-1; null when no session named a user.' }) userAdoption!: number | null;
}

@Resolver(() => ReleaseType)
export class ReleaseAdoptionResolver {
  @FieldResolver(() => ReleaseAdoptionType)
  async adoption(
    @Ctx() ctx: GraphQLContext,
    @Root() release: ReleaseType,
    @Arg('environment', () => String, { nullable: true }) environment: string | null,
  ): Promise<ReleaseAdoptionType> {
    const entity = await authorizedRelease(ctx, release);
    const projectIds = await releaseProjectIds(ctx.app.db, entity.id);
    return Object.assign(new ReleaseAdoptionType(), await releaseAdoption(ctx.app.db, projectIds, entity.version, { environment }));
  }
}

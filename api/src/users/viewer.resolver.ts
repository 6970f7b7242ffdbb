import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { ViewerType } from './user.types.js';

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { nullable: true, description: 'The caller, or null when not signed in.' })
  viewer(@Ctx() ctx: GraphQLContext): ViewerType | null {
    return ctx.viewer ? ViewerType.fromUser(ctx.viewer.user) : null;
  }
}

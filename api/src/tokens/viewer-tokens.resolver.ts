import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { ViewerType } from '../users/user.types.js';
import { listApiTokens } from './api-token.service.js';
import { ApiTokenType } from './api-token.types.js';

@Resolver(() => ViewerType)
export class ViewerTokensResolver {
  @Authorized()
  @FieldResolver(() => [ApiTokenType], { description: "The viewer's API tokens (without their secret values)." })
  async apiTokens(@Ctx() ctx: GraphQLContext, @Root() _viewer: ViewerType): Promise<ApiTokenType[]> {
    return (await listApiTokens(ctx.app.db, ctx.access.requireViewer())).map(ApiTokenType.from);
  }
}

import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { createApiToken, revokeApiToken } from './api-token.service.js';
import { ApiTokenType, CreateApiTokenInput, CreatedApiToken } from './api-token.types.js';

@Resolver()
export class ApiTokenResolver {
  @Authorized()
  @Mutation(() => CreatedApiToken, { description: 'Needs a dashboard session: tokens cannot mint tokens.' })
  async createApiToken(@Ctx() ctx: GraphQLContext, @Arg('input') input: CreateApiTokenInput): Promise<CreatedApiToken> {
    const viewer = ctx.access.requireSession();
    const { token, apiToken } = await createApiToken(ctx.app.db, viewer.user, input);
    return Object.assign(new CreatedApiToken(), { token, apiToken: ApiTokenType.from(apiToken) });
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Revokes one of your tokens; it stops working immediately.' })
  async revokeApiToken(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string): Promise<boolean> {
    await revokeApiToken(ctx.app.db, ctx.access.requireSession(), parseId(id, 'API token'));
    return true;
  }
}

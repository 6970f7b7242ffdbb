import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { Connection, ConnectionArgs, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { ApiTokenType } from '../tokens/api-token.types.js';
import { listApiTokens } from '../tokens/api-token.service.js';
import { ViewerType } from './user.types.js';

const OrganizationConnection = Connection(Organization, 'Organization');

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { nullable: true, description: 'The caller, or null when not signed in.' })
  viewer(@Ctx() ctx: GraphQLContext): ViewerType | null {
    return ctx.viewer ? ViewerType.fromUser(ctx.viewer.user) : null;
  }

  @Authorized()
  @FieldResolver(() => OrganizationConnection, { description: 'Organizations the viewer is a member of.' })
  async organizations(@Ctx() ctx: GraphQLContext, @Args() args: ConnectionArgs) {
    const ids = await ctx.access.organizationIds();
    const query = ctx.app.db.getRepository(Organization).createQueryBuilder('o').where({ id: In(ids.length ? ids : [0]) });
    return paginateKeyset(query, args, { sortColumn: 'o.slug', sortType: 'text', idColumn: 'o.id', direction: 'ASC' });
  }

  @Authorized()
  @FieldResolver(() => [ApiTokenType], { description: "The viewer's API tokens (without their secret values)." })
  async apiTokens(@Ctx() ctx: GraphQLContext, @Root() _viewer: ViewerType): Promise<ApiTokenType[]> {
    return (await listApiTokens(ctx.app.db, ctx.access.requireViewer())).map(ApiTokenType.from);
  }
}

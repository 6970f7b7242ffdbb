import { Args, Authorized, Ctx, FieldResolver, Resolver } from 'type-graphql';
import { In } from 'typeorm';
import { Connection, ConnectionArgs, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { ViewerType } from '../users/user.types.js';
import { Organization } from './organization.entity.js';

const OrganizationConnection = Connection(Organization, 'Organization');

@Resolver(() => ViewerType)
export class ViewerOrganizationsResolver {
  @Authorized()
  @FieldResolver(() => OrganizationConnection, { description: 'Organizations the viewer is a member of.' })
  async organizations(@Ctx() ctx: GraphQLContext, @Args() args: ConnectionArgs) {
    const ids = await ctx.access.organizationIds();
    const query = ctx.app.db.getRepository(Organization).createQueryBuilder('o').where({ id: In(ids.length ? ids : [0]) });
    return paginateKeyset(query, args, { sortColumn: 'o.slug', sortType: 'text', idColumn: 'o.id', direction: 'ASC' });
  }
}

import { Arg, Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, paginateKeyset } from '../graphql/connection.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Organization } from '../organizations/organization.entity.js';
import { Membership } from '../organizations/membership.entity.js';
import { teamsByMembership } from './team.loaders.js';
import { Team } from './team.entity.js';

const TeamConnection = Connection(Team, 'Team');

@Resolver(() => Organization)
export class OrganizationTeamsResolver {
  @Authorized()
  @FieldResolver(() => TeamConnection)
  async teams(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Args() args: ConnectionArgs) {
    await ctx.access.organizationById(org.id, 'team:read');
    const query = ctx.app.db.getRepository(Team).createQueryBuilder('t').where('t.organization_id = :orgId', { orgId: org.id });
    return paginateKeyset(query, args, { sortColumn: 't.slug', sortType: 'text', idColumn: 't.id', direction: 'ASC' });
  }

  @Authorized()
  @FieldResolver(() => Team, { nullable: true })
  async team(@Ctx() ctx: GraphQLContext, @Root() org: Organization, @Arg('slug') slug: string): Promise<Team | null> {
    await ctx.access.organizationById(org.id, 'team:read');
    return ctx.app.db.getRepository(Team).findOneBy({ organizationId: org.id, slug });
  }
}

@Resolver(() => Membership)
export class MemberTeamsResolver {
  @FieldResolver(() => [Team])
  async teams(@Ctx() ctx: GraphQLContext, @Root() member: Membership): Promise<Team[]> {
    return ctx.loaders.get(teamsByMembership).load(member.id);
  }
}

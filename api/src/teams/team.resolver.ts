import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { findMember } from '../organizations/member.service.js';
import { Membership } from '../organizations/membership.entity.js';
import { Team } from './team.entity.js';
import { addTeamMember, createTeam, deleteTeam, findTeam, removeTeamMember, updateTeam } from './team.service.js';
import { CreateTeamInput, UpdateTeamInput } from './team.types.js';
import { membersByTeam } from './team.loaders.js';

@Resolver(() => Team)
export class TeamResolver {
  @FieldResolver(() => [Membership])
  async members(@Ctx() ctx: GraphQLContext, @Root() team: Team): Promise<Membership[]> {
    return ctx.loaders.get(membersByTeam).load(team.id);
  }

  @Authorized()
  @Mutation(() => Team)
  async createTeam(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('input') input: CreateTeamInput,
  ): Promise<Team> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'team:write');
    return createTeam(ctx.app.db, access, input);
  }

  @Authorized()
  @Mutation(() => Team)
  async updateTeam(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('teamSlug') teamSlug: string,
    @Arg('input') input: UpdateTeamInput,
  ): Promise<Team> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'team:write');
    return updateTeam(ctx.app.db, await findTeam(ctx.app.db, access, teamSlug), input);
  }

  @Authorized()
  @Mutation(() => Boolean)
  async deleteTeam(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('teamSlug') teamSlug: string,
  ): Promise<boolean> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'team:write');
    await deleteTeam(ctx.app.db, await findTeam(ctx.app.db, access, teamSlug));
    return true;
  }

  @Authorized()
  @Mutation(() => Team)
  async addTeamMember(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('teamSlug') teamSlug: string,
    @Arg('memberId', () => ID) memberId: string,
  ): Promise<Team> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'team:write');
    const team = await findTeam(ctx.app.db, access, teamSlug);
    await addTeamMember(ctx.app.db, team, await findMember(ctx.app.db, access, parseId(memberId, 'Member')));
    return team;
  }

  @Authorized()
  @Mutation(() => Team)
  async removeTeamMember(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('teamSlug') teamSlug: string,
    @Arg('memberId', () => ID) memberId: string,
  ): Promise<Team> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'team:write');
    const team = await findTeam(ctx.app.db, access, teamSlug);
    await removeTeamMember(ctx.app.db, team, await findMember(ctx.app.db, access, parseId(memberId, 'Member')));
    return team;
  }
}

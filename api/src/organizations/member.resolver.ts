import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { MemberRole } from '../auth/scopes.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { UserType } from '../users/user.types.js';
import { findMember, removeMember, updateMemberRole } from './member.service.js';
import { Membership } from './membership.entity.js';
import { userById } from '../users/user.loaders.js';

@Resolver(() => Membership)
export class MemberResolver {
  @FieldResolver(() => UserType)
  async user(@Ctx() ctx: GraphQLContext, @Root() member: Membership): Promise<UserType> {
    const user = await ctx.loaders.get(userById).load(member.userId);
    if (!user) throw new Error(`Member ${member.id} has no user`);
    return UserType.from(user);
  }

  @Authorized()
  @Mutation(() => Membership)
  async updateMemberRole(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('role', () => MemberRole) role: MemberRole,
  ): Promise<Membership> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'member:write');
    const member = await findMember(ctx.app.db, access, parseId(memberId, 'Member'));
    const updated = await updateMemberRole(ctx.app.db, access, member, role);
    ctx.access.invalidate();
    return updated;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Removes a member; members may always remove themselves (leave).' })
  async removeMember(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('memberId', () => ID) memberId: string,
  ): Promise<boolean> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'member:read');
    const member = await findMember(ctx.app.db, access, parseId(memberId, 'Member'));
    await removeMember(ctx.app.db, access, member);
    ctx.access.invalidate();
    return true;
  }
}

import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MemberRole } from '../auth/scopes.js';
import type { GraphQLContext } from '../graphql/context.js';
import { parseId } from '../graphql/ids.js';
import { Membership } from '../organizations/membership.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { userById } from '../users/user.loaders.js';
import { UserType } from '../users/user.types.js';
import { acceptInvite, findInvitation, inviteMember, listInvites, revokeInvite } from './invite.service.js';
import { InvitationType, MemberInviteType } from './invite.types.js';

@Resolver(() => MemberInviteType)
export class MemberInviteResolver {
  @FieldResolver(() => UserType, { nullable: true, description: 'Who sent it; null once their account is gone.' })
  async invitedBy(@Ctx() ctx: GraphQLContext, @Root() invite: MemberInviteType): Promise<UserType | null> {
    if (invite.invitedByUserId === null) return null;
    const user = await ctx.loaders.get(userById).load(invite.invitedByUserId);
    return user ? UserType.from(user) : null;
  }
}

@Resolver(() => Organization)
export class OrganizationInvitesResolver {
  @Authorized()
  @FieldResolver(() => [MemberInviteType], { description: 'Pending invitations, newest first.' })
  async invites(@Ctx() ctx: GraphQLContext, @Root() org: Organization): Promise<MemberInviteType[]> {
    await ctx.access.organizationById(org.id, 'member:read');
    return (await listInvites(ctx.app.db, org.id)).map(MemberInviteType.from);
  }
}

@Resolver()
export class InviteResolver {
  @Authorized()
  @Mutation(() => MemberInviteType, { description: 'Emails an invitation with a link that expires; membership starts when they accept. Inviting again renews the link.' })
  async inviteMember(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('email') email: string,
    @Arg('role', () => MemberRole, { defaultValue: MemberRole.MEMBER }) role: MemberRole,
  ): Promise<MemberInviteType> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'member:write');
    return MemberInviteType.from(await inviteMember(ctx.app, access, email, role));
  }

  @Authorized()
  @Mutation(() => MemberInviteType, { description: 'The same as inviteMember: nobody becomes a member without accepting.' })
  async addMember(
    @Ctx() ctx: GraphQLContext,
    @Arg('organizationSlug') organizationSlug: string,
    @Arg('email') email: string,
    @Arg('role', () => MemberRole, { defaultValue: MemberRole.MEMBER }) role: MemberRole,
  ): Promise<MemberInviteType> {
    return this.inviteMember(ctx, organizationSlug, email, role);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Withdraws an invitation; its link stops working.' })
  async revokeInvite(@Ctx() ctx: GraphQLContext, @Arg('organizationSlug') organizationSlug: string, @Arg('inviteId', () => ID) inviteId: string): Promise<boolean> {
    const access = await ctx.access.organizationBySlug(organizationSlug, 'member:write');
    await revokeInvite(ctx.app.db, access, parseId(inviteId, 'Invite'));
    return true;
  }

  @Query(() => InvitationType, { description: 'Opens an invite link (no sign-in needed): NOT_FOUND for a wrong, used or revoked link.' })
  async invitation(@Ctx() ctx: GraphQLContext, @Arg('inviteId', () => ID) inviteId: string, @Arg('token') token: string): Promise<InvitationType> {
    return InvitationType.from(await findInvitation(ctx.app, parseId(inviteId, 'Invite'), token));
  }

  @Mutation(() => Membership, {
    description: 'Accepts an invitation: signed in as the invited address, or (not signed in) with a name and password for a new account; then sign in.',
  })
  async acceptInvite(
    @Ctx() ctx: GraphQLContext,
    @Arg('inviteId', () => ID) inviteId: string,
    @Arg('token') token: string,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Arg('password', () => String, { nullable: true }) password: string | null,
  ): Promise<Membership> {
    const signUp = password == null ? null : { name: name ?? '', password };
    return acceptInvite(ctx.app, ctx.access.viewer, parseId(inviteId, 'Invite'), token, signUp);
  }
}

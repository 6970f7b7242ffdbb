import { Field, ID, ObjectType } from 'type-graphql';
import { MemberRole } from '../auth/scopes.js';
import type { InvitationView } from './invite.service.js';
import type { OrganizationInvite } from './invite.entity.js';

@ObjectType('MemberInvite', { description: 'Someone invited to an organization who has not accepted yet.' })
export class MemberInviteType {
  @Field(() => ID) id!: number;
  @Field() email!: string;
  @Field(() => MemberRole, { description: 'The role they get when they accept.' }) role!: MemberRole;
  @Field() dateCreated!: Date;
  @Field({ description: 'The emailed link stops working then; inviting again renews it.' }) expiresAt!: Date;
  // Resolved by MemberInviteResolver.
  invitedByUserId!: number | null;

  static from(invite: OrganizationInvite): MemberInviteType {
    const { id, email, role, dateCreated, expiresAt, invitedByUserId } = invite;
    return Object.assign(new MemberInviteType(), { id, email, role, dateCreated, expiresAt, invitedByUserId });
  }
}

@ObjectType('Invitation', { description: 'What an invite link shows before the invitee accepts.' })
export class InvitationType {
  @Field() organizationName!: string;
  @Field() organizationSlug!: string;
  @Field({ description: 'The address invited: the account that accepts must have it.' }) email!: string;
  @Field(() => MemberRole) role!: MemberRole;
  @Field() expiresAt!: Date;
  @Field({ description: 'An account with a password exists for the address: sign in, then accept.' }) hasAccount!: boolean;

  static from({ invite, organization, hasAccount }: InvitationView): InvitationType {
    return Object.assign(new InvitationType(), {
      organizationName: organization.name,
      organizationSlug: organization.slug,
      email: invite.email,
      role: invite.role,
      expiresAt: invite.expiresAt,
      hasAccount,
    });
  }
}

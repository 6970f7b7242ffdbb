import { graphql } from '../generated';

export const MemberInviteFieldsFragment = graphql(`
  fragment MemberInviteFields on MemberInvite {
    id
    email
    role
    dateCreated
    expiresAt
    invitedBy {
      id
      name
      email
    }
  }
`);

export const OrganizationInvitesQuery = graphql(`
  query OrganizationInvites($org: String!) {
    organization(slug: $org) {
      id
      invites {
        ...MemberInviteFields
      }
    }
  }
`);

export const InviteMemberMutation = graphql(`
  mutation InviteMember($org: String!, $email: String!, $role: MemberRole!) {
    inviteMember(organizationSlug: $org, email: $email, role: $role) {
      ...MemberInviteFields
    }
  }
`);

export const RevokeInviteMutation = graphql(`
  mutation RevokeInvite($org: String!, $inviteId: ID!) {
    revokeInvite(organizationSlug: $org, inviteId: $inviteId)
  }
`);

export const InvitationQuery = graphql(`
  query Invitation($inviteId: ID!, $token: String!) {
    invitation(inviteId: $inviteId, token: $token) {
      organizationName
      organizationSlug
      email
      role
      expiresAt
      hasAccount
    }
  }
`);

export const AcceptInviteMutation = graphql(`
  mutation AcceptInvite($inviteId: ID!, $token: String!, $name: String, $password: String) {
    acceptInvite(inviteId: $inviteId, token: $token, name: $name, password: $password) {
      id
      role
    }
  }
`);

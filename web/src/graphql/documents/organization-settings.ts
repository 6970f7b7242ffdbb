import { graphql } from '../generated';

export const MemberFieldsFragment = graphql(`
  fragment MemberFields on Member {
    id
    role
    dateCreated
    user {
      id
      name
      email
    }
  }
`);

export const ApiTokenFieldsFragment = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    scopes
    tokenLastCharacters
    dateCreated
    lastUsedAt
  }
`);

export const RepositoryFieldsFragment = graphql(`
  fragment RepositoryFields on Repository {
    id
    name
    provider
    url
    webhookUrl
    dateCreated
  }
`);

export const OrganizationSettingsQuery = graphql(`
  query OrganizationSettings($org: String!) {
    viewer {
      id
    }
    organization(slug: $org) {
      id
      slug
      name
      viewerRole
      dateCreated
      members(first: 100) {
        totalCount
        nodes {
          ...MemberFields
        }
      }
    }
  }
`);

export const UpdateOrganizationMutation = graphql(`
  mutation UpdateOrganization($slug: String!, $input: UpdateOrganizationInput!) {
    updateOrganization(slug: $slug, input: $input) {
      id
      slug
      name
    }
  }
`);

export const UpdateMemberRoleMutation = graphql(`
  mutation UpdateMemberRole($org: String!, $memberId: ID!, $role: MemberRole!) {
    updateMemberRole(organizationSlug: $org, memberId: $memberId, role: $role) {
      id
      role
    }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation RemoveMember($org: String!, $memberId: ID!) {
    removeMember(organizationSlug: $org, memberId: $memberId)
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    viewer {
      id
      apiTokens {
        ...ApiTokenFields
      }
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      token
      apiToken {
        ...ApiTokenFields
      }
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`);

export const RepositoriesQuery = graphql(`
  query Repositories($org: String!) {
    organization(slug: $org) {
      id
      viewerRole
      repositories {
        ...RepositoryFields
      }
    }
  }
`);

export const ConnectRepositoryMutation = graphql(`
  mutation ConnectRepository($org: String!, $name: String!, $url: String) {
    connectRepository(organizationSlug: $org, name: $name, url: $url) {
      webhookSecret
      repository {
        ...RepositoryFields
      }
    }
  }
`);

export const RotateRepositorySecretMutation = graphql(`
  mutation RotateRepositorySecret($org: String!, $id: ID!) {
    rotateRepositoryWebhookSecret(organizationSlug: $org, id: $id) {
      webhookSecret
      repository {
        id
        webhookUrl
      }
    }
  }
`);

export const DeleteRepositoryMutation = graphql(`
  mutation DeleteRepository($org: String!, $id: ID!) {
    deleteRepository(organizationSlug: $org, id: $id)
  }
`);

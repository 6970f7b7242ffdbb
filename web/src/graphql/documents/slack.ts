import { graphql } from '../generated';

export const SlackIdentitiesQuery = graphql(`
  query SlackIdentities {
    viewer {
      id
      slackIdentities {
        id
        teamId
        slackUserId
        slackName
        linkedBy
        dateCreated
      }
    }
  }
`);

export const LinkSlackIdentityMutation = graphql(`
  mutation LinkSlackIdentity($token: String!) {
    linkSlackIdentity(token: $token) {
      id
      teamId
      slackName
    }
  }
`);

export const UnlinkSlackIdentityMutation = graphql(`
  mutation UnlinkSlackIdentity($id: ID!) {
    unlinkSlackIdentity(id: $id)
  }
`);

export const OrganizationSlackQuery = graphql(`
  query OrganizationSlack($org: String!) {
    organization(slug: $org) {
      id
      viewerRole
      slack {
        configured
        requestUrl
        teamId
        linkedBy
        dateConnected
      }
    }
  }
`);

export const ConnectSlackWorkspaceMutation = graphql(`
  mutation ConnectSlackWorkspace($org: String!, $teamId: String!) {
    connectSlackWorkspace(organizationSlug: $org, teamId: $teamId) {
      teamId
      linkedBy
      dateConnected
    }
  }
`);

export const DisconnectSlackWorkspaceMutation = graphql(`
  mutation DisconnectSlackWorkspace($org: String!) {
    disconnectSlackWorkspace(organizationSlug: $org) {
      teamId
    }
  }
`);

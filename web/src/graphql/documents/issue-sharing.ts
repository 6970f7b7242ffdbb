import { graphql } from '../generated';

export const IssueSharingQuery = graphql(`
  query IssueSharing($org: String!, $shortId: String!) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        isPublic
        shareUrl
      }
    }
  }
`);

export const SetIssuePublicMutation = graphql(`
  mutation SetIssuePublic($id: ID!, $isPublic: Boolean!) {
    updateIssue(id: $id, input: { isPublic: $isPublic }) {
      id
      isPublic
      shareUrl
    }
  }
`);

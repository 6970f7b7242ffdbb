import { graphql } from '../generated';

export const AddCommentMutation = graphql(`
  mutation AddComment($issueId: ID!, $text: String!) {
    addComment(issueId: $issueId, text: $text) {
      id
      type
      data
      dateCreated
    }
  }
`);

export const UpdateCommentMutation = graphql(`
  mutation UpdateComment($id: ID!, $text: String!) {
    updateComment(id: $id, text: $text) {
      id
      data
    }
  }
`);

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

export const ActivityAddedSubscription = graphql(`
  subscription ActivityAdded($issueId: ID!) {
    activityAdded(issueId: $issueId) {
      id
      type
    }
  }
`);

export const IssueSubscriptionQuery = graphql(`
  query IssueSubscription($org: String!, $shortId: String!) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        isSubscribed
        subscription {
          isSubscribed
          reason
        }
      }
    }
  }
`);

export const SetIssueSubscriptionMutation = graphql(`
  mutation SetIssueSubscription($id: ID!, $isSubscribed: Boolean!) {
    updateIssue(id: $id, input: { isSubscribed: $isSubscribed }) {
      id
      isSubscribed
      subscription {
        isSubscribed
        reason
      }
    }
  }
`);

export const ViewerMentionsQuery = graphql(`
  query ViewerMentions($after: String) {
    viewer {
      id
      mentions(first: 25, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          dateCreated
          team {
            id
            slug
          }
          issue {
            id
            shortId
            title
            project {
              id
              slug
              organization {
                id
                slug
              }
            }
          }
          activity {
            id
            data
            user {
              id
              name
              email
            }
          }
        }
      }
    }
  }
`);

export const MentionReceivedSubscription = graphql(`
  subscription MentionReceived {
    mentionReceived {
      id
    }
  }
`);

import { graphql } from '../generated';

export const ParkedEnvelopesQuery = graphql(`
  query ParkedEnvelopes($org: String!, $project: String!) {
    organization(slug: $org) {
      id
      project(slug: $project) {
        id
        parkedEnvelopes {
          count
          firstParkedAt
          lastParkedAt
          firstReceivedAt
          reasons {
            reason
            count
            firstParkedAt
            lastParkedAt
          }
        }
      }
    }
  }
`);

export const RetryParkedEnvelopesMutation = graphql(`
  mutation RetryParkedEnvelopes($projectId: ID!) {
    retryParkedEnvelopes(projectId: $projectId)
  }
`);

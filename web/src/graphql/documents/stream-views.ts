import { graphql } from '../generated';

/** The stream tabs' counts: one search each, over the same projects, environment and period as the stream. */
export const IssueCountsQuery = graphql(`
  query IssueCounts($org: String!, $queries: [String!]!, $projects: [ID!], $environment: String, $statsPeriod: String) {
    organization(slug: $org) {
      id
      issueCounts(queries: $queries, projects: $projects, environment: $environment, statsPeriod: $statsPeriod) {
        query
        count
        countIsLowerBound
      }
    }
  }
`);

export const SavedSearchesQuery = graphql(`
  query SavedSearches($org: String!) {
    organization(slug: $org) {
      id
      savedSearches {
        id
        name
        query
        visibility
        isOwn
      }
    }
  }
`);

export const CreateSavedSearchMutation = graphql(`
  mutation CreateSavedSearch($organizationId: ID!, $name: String!, $query: String!, $visibility: SavedSearchVisibility!) {
    createSavedSearch(organizationId: $organizationId, name: $name, query: $query, visibility: $visibility) {
      id
      name
      query
      visibility
      isOwn
    }
  }
`);

export const DeleteSavedSearchMutation = graphql(`
  mutation DeleteSavedSearch($id: ID!) {
    deleteSavedSearch(id: $id)
  }
`);

export const MarkReviewedMutation = graphql(`
  mutation MarkReviewed($issueIds: [ID!]!) {
    markReviewed(issueIds: $issueIds)
  }
`);

export const DeleteIssuesMutation = graphql(`
  mutation DeleteIssues($issueIds: [ID!]!) {
    deleteIssues(issueIds: $issueIds)
  }
`);

export const ReleaseEventCountsQuery = graphql(`
  query ReleaseEventCounts($org: String!, $versions: [String!]!, $projects: [ID!], $environment: String) {
    organization(slug: $org) {
      id
      releaseEventCounts(versions: $versions, projects: $projects, environment: $environment, days: 14) {
        version
        points {
          time
          count
        }
      }
    }
  }
`);

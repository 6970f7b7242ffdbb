import { graphql } from '../generated';

export const IssueRowFragment = graphql(`
  fragment IssueRow on Issue {
    id
    shortId
    title
    culprit
    level
    status
    substatus
    count
    userCount
    firstSeen
    lastSeen
    isBookmarked
    inbox {
      reason
      dateAdded
    }
    metadata {
      type
      value
    }
    project {
      id
      slug
    }
    assignee {
      __typename
      ... on User {
        id
        name
        email
      }
      ... on Team {
        id
        slug
        name
      }
    }
    frequency(period: "24h") {
      time
      count
    }
  }
`);

export const IssueStreamQuery = graphql(`
  query IssueStream(
    $org: String!
    $projects: [ID!]
    $query: String
    $sort: IssueSort!
    $environment: String
    $statsPeriod: String
    $after: String
    $first: Int
  ) {
    organization(slug: $org) {
      id
      issues(
        projects: $projects
        query: $query
        sort: $sort
        environment: $environment
        statsPeriod: $statsPeriod
        after: $after
        first: $first
      ) {
        totalCount
        totalCountIsLowerBound
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...IssueRow
        }
      }
    }
  }
`);

export const IssueCreatedSubscription = graphql(`
  subscription IssueCreated($projectId: ID!) {
    issueCreated(projectId: $projectId) {
      ...IssueRow
    }
  }
`);

export const ProjectIssueUpdatedSubscription = graphql(`
  subscription ProjectIssueUpdated($projectId: ID!) {
    issueUpdated(projectId: $projectId) {
      ...IssueRow
    }
  }
`);

export const BulkUpdateIssuesMutation = graphql(`
  mutation BulkUpdateIssues($org: String!, $ids: [ID!]!, $input: UpdateIssueInput!) {
    bulkUpdateIssues(organizationSlug: $org, ids: $ids, input: $input)
  }
`);

/** Who issues can be assigned to, and values for the search bar. */
export const AssigneeOptionsQuery = graphql(`
  query AssigneeOptions($org: String!) {
    viewer {
      id
    }
    organization(slug: $org) {
      id
      members(first: 100) {
        nodes {
          id
          role
          user {
            id
            name
            email
          }
        }
      }
      teams(first: 100) {
        nodes {
          id
          slug
          name
        }
      }
    }
  }
`);

export const SearchValuesQuery = graphql(`
  query SearchValues($org: String!) {
    organization(slug: $org) {
      id
      releases(first: 20) {
        nodes {
          id
          version
        }
      }
    }
  }
`);

export const EnvironmentsQuery = graphql(`
  query Environments($org: String!, $projects: [ID!]) {
    organization(slug: $org) {
      id
      environments(projects: $projects)
    }
  }
`);

export const JumpToIssueQuery = graphql(`
  query JumpToIssue($org: String!, $query: String!) {
    organization(slug: $org) {
      id
      issueJump(query: $query) {
        id
        shortId
      }
    }
  }
`);

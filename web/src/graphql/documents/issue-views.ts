import { graphql } from '../generated';

/** The issue page's Events tab: its events, searched, newest first. */
export const IssueEventsQuery = graphql(`
  query IssueEvents($org: String!, $shortId: String!, $query: String, $environment: String, $first: Int!, $after: String) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        events(query: $query, environment: $environment, first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            eventId
            timestamp
            title
            message
            environment
            release {
              id
              version
            }
            user {
              id
              email
              username
              ipAddress
            }
          }
        }
      }
    }
  }
`);

/** All values of one key, page by page. */
export const IssueTagValuesQuery = graphql(`
  query IssueTagValues($org: String!, $shortId: String!, $key: String!, $environment: String, $first: Int!, $after: String) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        tagValues(key: $key, environment: $environment, first: $first, after: $after) {
          totalCount
          totalEvents
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            value
            count
            lastSeen
          }
        }
      }
    }
  }
`);

/** The header's numbers in one environment. */
export const IssueEnvironmentStatsQuery = graphql(`
  query IssueEnvironmentStats($org: String!, $shortId: String!, $environment: String!) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        environmentStats(environment: $environment) {
          environment
          count
          userCount
          firstSeen
          lastSeen
        }
      }
    }
  }
`);

/** The Merged issues tab: the issue's grouping hashes, each with its newest event. */
export const IssueGroupHashesQuery = graphql(`
  query IssueGroupHashes($org: String!, $shortId: String!) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        groupHashes {
          hash
          eventCount
          latestEvent {
            id
            eventId
            title
            message
            timestamp
          }
        }
      }
    }
  }
`);

export const MergeIssuesMutation = graphql(`
  mutation MergeIssues($issueIds: [ID!]!) {
    mergeIssues(issueIds: $issueIds) {
      id
      shortId
      count
      userCount
    }
  }
`);

export const UnmergeIssueMutation = graphql(`
  mutation UnmergeIssue($issueId: ID!, $hashes: [String!]!) {
    unmergeIssue(issueId: $issueId, hashes: $hashes) {
      id
      shortId
      count
    }
  }
`);

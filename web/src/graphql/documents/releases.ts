import { graphql } from '../generated';

export const ReleaseListQuery = graphql(`
  query ReleaseList($org: String!, $projects: [String!], $query: String, $environment: String, $after: String) {
    organization(slug: $org) {
      id
      releases(first: 25, after: $after, projects: $projects, query: $query, environment: $environment) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          version
          shortVersion
          dateCreated
          dateReleased
          commitCount
          projects {
            id
            slug
          }
          lastDeploy {
            id
            environment
            dateFinished
          }
          health(environment: $environment) {
            release
            crashFreeSessions
            sessions
          }
          newIssueCount
          adoption(environment: $environment) {
            sessionAdoption
            userAdoption
          }
        }
      }
    }
  }
`);

/** The release header, its stats and deploys; each tab loads its own lists. */
export const ReleasePageQuery = graphql(`
  query ReleasePage($org: String!, $version: String!) {
    organization(slug: $org) {
      id
      release(version: $version) {
        id
        version
        shortVersion
        ref
        url
        status
        dateCreated
        dateReleased
        commitCount
        projects {
          id
          slug
          name
        }
        authors {
          name
          email
        }
        newIssues {
          id
        }
        resolvedIssues {
          id
        }
        deploys {
          id
          environment
          name
          url
          dateStarted
          dateFinished
        }
        health {
          release
          environment
          sessions
          crashed
          errored
          abnormal
          crashFreeSessions
          crashFreeUsers
        }
      }
    }
  }
`);

export const ReleaseCommitsQuery = graphql(`
  query ReleaseCommits($org: String!, $version: String!) {
    organization(slug: $org) {
      id
      release(version: $version) {
        id
        commits {
          ...CommitFields
          message
        }
        authors {
          ...CommitAuthorFields
        }
      }
    }
  }
`);

export const ReleaseFilesQuery = graphql(`
  query ReleaseFiles($org: String!, $version: String!) {
    organization(slug: $org) {
      id
      release(version: $version) {
        id
        filesChanged {
          path
          type
          commitCount
        }
      }
    }
  }
`);

export const ReleaseArtifactsQuery = graphql(`
  query ReleaseArtifacts($org: String!, $version: String!) {
    organization(slug: $org) {
      id
      release(version: $version) {
        id
        size
        files(first: 100) {
          id
          name
          dist
          fileType
          size
          sha1
          dateCreated
        }
      }
    }
  }
`);

export const ReleaseIssueFragment = graphql(`
  fragment ReleaseIssue on Issue {
    id
    shortId
    title
    culprit
    status
    substatus
    count
    metadata {
      type
      value
    }
  }
`);

export const ReleaseIssuesQuery = graphql(`
  query ReleaseIssues($org: String!, $version: String!) {
    organization(slug: $org) {
      id
      release(version: $version) {
        id
        newIssues {
          ...ReleaseIssue
        }
        resolvedIssues {
          ...ReleaseIssue
        }
      }
    }
  }
`);

import { graphql } from '../generated';

export const FrameFieldsFragment = graphql(`
  fragment FrameFields on Frame {
    filename
    absPath
    function
    module
    package
    platform
    lineno
    colno
    inApp
    contextLine
    preContext
    postContext
    vars
    instructionAddr
    symbolAddr
    symbolicatorStatus
  }
`);

export const IssueDetailsFragment = graphql(`
  fragment IssueDetails on Issue {
    ...IssueRow
    platform
    isSubscribed
    ignoreUntil
    ignoreUntilTimesSeen
    resolution
    resolvedAt
    resolvedInRelease {
      id
      version
    }
    firstRelease {
      id
      version
    }
    lastRelease {
      id
      version
    }
    project {
      id
      slug
      name
    }
  }
`);

export const CommitAuthorFieldsFragment = graphql(`
  fragment CommitAuthorFields on CommitAuthor {
    name
    email
    user {
      id
      name
    }
  }
`);

/** A commit as the issue's suspect commits and a release's commit list show it. */
export const CommitFieldsFragment = graphql(`
  fragment CommitFields on Commit {
    id
    sha
    shortSha
    title
    repository
    url
    dateCreated
    author {
      ...CommitAuthorFields
    }
  }
`);

export const IssuePageQuery = graphql(`
  query IssuePage($org: String!, $shortId: String!, $environment: String) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        ...IssueDetails
        latestEvent(environment: $environment) {
          id
          eventId
        }
      }
    }
  }
`);

export const IssueFrequencyQuery = graphql(`
  query IssueFrequency($org: String!, $shortId: String!, $period: String!, $environment: String) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        frequency(period: $period, environment: $environment) {
          time
          count
        }
      }
    }
  }
`);

/** Each tag key with its top values: the issue page's side panel shows 5 keys, the Tags tab 10. */
export const IssueTagsQuery = graphql(`
  query IssueTags($org: String!, $shortId: String!, $environment: String, $limit: Int!) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        tags(limit: $limit, environment: $environment) {
          key
          totalValues
          uniqueValues
          topValues {
            value
            count
          }
        }
      }
    }
  }
`);

export const IssueActivityQuery = graphql(`
  query IssueActivity($org: String!, $shortId: String!) {
    viewer {
      id
    }
    organization(slug: $org) {
      id
      viewerRole
      issue(shortId: $shortId) {
        id
        activity(first: 50) {
          totalCount
          nodes {
            id
            type
            data
            dateCreated
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

/** Event ids newest first, for older/newer navigation. */
export const IssueEventIdsQuery = graphql(`
  query IssueEventIds($org: String!, $shortId: String!, $after: String, $environment: String) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        events(first: 100, after: $after, environment: $environment) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            id
            eventId
          }
        }
      }
    }
  }
`);

export const EventDetailsFragment = graphql(`
  fragment EventDetails on Event {
    id
    eventId
    title
    message
    level
    platform
    culprit
    timestamp
    dateReceived
    environment
    logger
    transaction
    serverName
    dist
    fingerprint
    release {
      id
      version
    }
    tags {
      key
      value
    }
    contexts
    extra
    user {
      id
      email
      username
      ipAddress
      name
      data
    }
    sdk {
      name
      version
      integrations
      packages {
        name
        version
      }
    }
    request {
      method
      url
      queryString
      headers {
        name
        value
      }
      data
      cookies
      env
    }
    breadcrumbs {
      timestamp
      type
      category
      level
      message
      data
    }
    exception {
      values {
        type
        value
        module
        mechanism {
          type
          handled
          synthetic
          data
        }
        frames {
          ...FrameFields
        }
        rawFrames {
          ...FrameFields
        }
      }
    }
    debugImages {
      type
      codeFile
      debugId
      arch
      imageAddr
      imageSize
      debugStatus
      inApp
    }
    attachments {
      id
      name
      size
      contentType
      url
    }
    processingErrors {
      type
      file
      detail
    }
  }
`);

export const EventQuery = graphql(`
  query Event($org: String!, $eventId: String!) {
    organization(slug: $org) {
      id
      event(eventId: $eventId) {
        ...EventDetails
        issue {
          id
          shortId
        }
      }
    }
  }
`);

export const UpdateIssueMutation = graphql(`
  mutation UpdateIssue($id: ID!, $input: UpdateIssueInput!) {
    updateIssue(id: $id, input: $input) {
      ...IssueDetails
    }
  }
`);

export const IssueUpdatedSubscription = graphql(`
  subscription IssueUpdated($issueId: ID!) {
    issueUpdated(issueId: $issueId) {
      ...IssueDetails
    }
  }
`);

export const EventReceivedSubscription = graphql(`
  subscription EventReceived($issueId: ID!) {
    eventReceived(issueId: $issueId) {
      id
      eventId
    }
  }
`);

export const IssueOwnershipQuery = graphql(`
  query IssueOwnership($org: String!, $shortId: String!) {
    organization(slug: $org) {
      id
      issue(shortId: $shortId) {
        id
        commits {
          ...CommitFields
        }
        suggestedAssignees {
          reason
          member {
            id
            user {
              id
              name
              email
            }
          }
          commits {
            id
            shortSha
            title
          }
        }
      }
    }
  }
`);

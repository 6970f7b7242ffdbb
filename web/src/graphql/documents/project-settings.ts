import { graphql } from '../generated';

export const ProjectKeyFieldsFragment = graphql(`
  fragment ProjectKeyFields on ProjectKey {
    id
    label
    dsn
    publicKey
    isActive
    rateLimitCount
    rateLimitWindow
    dateCreated
  }
`);

export const InboundFiltersFieldsFragment = graphql(`
  fragment InboundFiltersFields on InboundFilters {
    browserExtensions
    legacyBrowsers
    localhost
    webCrawlers
    errorMessages
    releases
  }
`);

export const DataScrubbingFieldsFragment = graphql(`
  fragment DataScrubbingFields on DataScrubbing {
    enabled
    scrubDefaults
    scrubIpAddresses
    sensitiveFields
    safeFields
  }
`);

export const HerokuIntegrationFieldsFragment = graphql(`
  fragment HerokuIntegrationFields on HerokuIntegration {
    repository
    environment
    webhookUrl
  }
`);

export const ProjectSettingsQuery = graphql(`
  query ProjectSettings($org: String!, $project: String!) {
    organization(slug: $org) {
      id
      viewerRole
      project(slug: $project) {
        ...ProjectSummary
        dsn
        keys {
          ...ProjectKeyFields
        }
        settings {
          rateLimit {
            count
            window
          }
          inboundFilters {
            ...InboundFiltersFields
          }
          scrubbing {
            ...DataScrubbingFields
          }
        }
        heroku {
          ...HerokuIntegrationFields
        }
      }
    }
  }
`);

export const ProjectSetupQuery = graphql(`
  query ProjectSetup($org: String!, $project: String!) {
    organization(slug: $org) {
      id
      project(slug: $project) {
        ...ProjectSummary
        dsn
        keys {
          ...ProjectKeyFields
        }
      }
    }
  }
`);

export const UpdateProjectMutation = graphql(`
  mutation UpdateProject($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      ...ProjectSummary
    }
  }
`);

export const CreateProjectKeyMutation = graphql(`
  mutation CreateProjectKey($projectId: ID!, $input: ProjectKeyInput) {
    createProjectKey(projectId: $projectId, input: $input) {
      ...ProjectKeyFields
    }
  }
`);

export const UpdateProjectKeyMutation = graphql(`
  mutation UpdateProjectKey($id: ID!, $input: ProjectKeyInput!) {
    updateProjectKey(id: $id, input: $input) {
      ...ProjectKeyFields
    }
  }
`);

export const DeleteProjectKeyMutation = graphql(`
  mutation DeleteProjectKey($id: ID!) {
    deleteProjectKey(id: $id)
  }
`);

export const UpdateInboundFiltersMutation = graphql(`
  mutation UpdateInboundFilters($projectId: ID!, $input: InboundFiltersInput!) {
    updateProjectInboundFilters(projectId: $projectId, input: $input) {
      id
      settings {
        inboundFilters {
          ...InboundFiltersFields
        }
      }
    }
  }
`);

export const UpdateDataScrubbingMutation = graphql(`
  mutation UpdateDataScrubbing($projectId: ID!, $input: DataScrubbingInput!) {
    updateProjectDataScrubbing(projectId: $projectId, input: $input) {
      id
      settings {
        scrubbing {
          ...DataScrubbingFields
        }
      }
    }
  }
`);

export const UpdateProjectRateLimitMutation = graphql(`
  mutation UpdateProjectRateLimit($projectId: ID!, $count: Int, $window: Int) {
    updateProjectRateLimit(projectId: $projectId, count: $count, window: $window) {
      id
      settings {
        rateLimit {
          count
          window
        }
      }
    }
  }
`);

export const ConnectHerokuMutation = graphql(`
  mutation ConnectHeroku($projectId: ID!, $repository: String!, $environment: String) {
    connectHeroku(projectId: $projectId, repository: $repository, environment: $environment) {
      secret
      deployHookUrl
      integration {
        ...HerokuIntegrationFields
      }
    }
  }
`);

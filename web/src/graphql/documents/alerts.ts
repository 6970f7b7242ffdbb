import { graphql } from '../generated';

export const AlertRulesQuery = graphql(`
  query AlertRules($org: String!, $project: String!) {
    organization(slug: $org) {
      id
      project(slug: $project) {
        id
        alertRules {
          id
          name
          isActive
          frequencyMinutes
          conditionMatch
          conditions {
            type
            value
            intervalMinutes
          }
          filters {
            environment
            minLevel
            latestRelease
            issueOlderThanMinutes
            issueNewerThanMinutes
            tags {
              key
              value
            }
          }
          actions {
            type
            target
            teamSlug
            userId
            channel
          }
          history(first: 10) {
            totalCount
            nodes {
              id
              firedAt
              eventId
              issue {
                id
                title
                shortId
              }
              results {
                type
                status
                detail
              }
            }
          }
        }
      }
    }
  }
`);

export const CreateAlertRuleMutation = graphql(`
  mutation CreateAlertRule($projectId: ID!, $input: AlertRuleInput!) {
    createAlertRule(projectId: $projectId, input: $input) {
      id
      name
    }
  }
`);

export const UpdateAlertRuleMutation = graphql(`
  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {
    updateAlertRule(id: $id, input: $input) {
      id
      name
      isActive
      frequencyMinutes
    }
  }
`);

export const DeleteAlertRuleMutation = graphql(`
  mutation DeleteAlertRule($id: ID!) {
    deleteAlertRule(id: $id)
  }
`);

export const ServiceHooksQuery = graphql(`
  query ServiceHooks($org: String!, $project: String!) {
    organization(slug: $org) {
      id
      project(slug: $project) {
        id
        serviceHooks {
          id
          url
          events
          status
          dateCreated
          deliveries(first: 20) {
            id
            event
            status
            attempts
            responseCode
            durationMs
            error
            dateCreated
          }
        }
      }
    }
  }
`);

export const CreateServiceHookMutation = graphql(`
  mutation CreateServiceHook($projectId: ID!, $input: ServiceHookInput!) {
    createServiceHook(projectId: $projectId, input: $input) {
      secret
      hook {
        id
        url
        events
      }
    }
  }
`);

export const DeleteServiceHookMutation = graphql(`
  mutation DeleteServiceHook($projectId: ID!, $id: ID!) {
    deleteServiceHook(projectId: $projectId, id: $id)
  }
`);

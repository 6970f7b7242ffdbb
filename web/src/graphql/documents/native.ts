import { graphql } from '../generated';

export const DebugFilesQuery = graphql(`
  query DebugFiles($org: String!, $project: String!) {
    organization(slug: $org) {
      id
      project(slug: $project) {
        id
        reprocessingActive
        debugFiles(first: 100) {
          id
          debugId
          codeId
          arch
          kind
          features
          objectName
          size
          dateCreated
        }
        processingIssues {
          heldEvents
          uploadInstructions
          issues {
            id
            debugId
            type
            imagePath
            arch
            message
            numEvents
            lastSeen
          }
        }
      }
    }
  }
`);

export const StreamProcessingIssuesQuery = graphql(`
  query StreamProcessingIssues($org: String!, $project: String!) {
    organization(slug: $org) {
      id
      project(slug: $project) {
        id
        processingIssues {
          heldEvents
          uploadInstructions
          issues {
            id
            debugId
            imagePath
            numEvents
          }
        }
      }
    }
  }
`);

export const SetReprocessingMutation = graphql(`
  mutation SetReprocessing($id: ID!, $active: Boolean!) {
    updateProject(id: $id, input: { reprocessingActive: $active }) {
      id
      reprocessingActive
    }
  }
`);

export const ReprocessProjectMutation = graphql(`
  mutation ReprocessProject($projectId: ID!) {
    reprocessProject(projectId: $projectId)
  }
`);

export const ReprocessIssueMutation = graphql(`
  mutation ReprocessIssue($issueId: ID!) {
    reprocessIssue(issueId: $issueId)
  }
`);

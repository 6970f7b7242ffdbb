import { graphql } from '../generated';

export const OrganizationQuery = graphql(`
  query Organization($org: String!) {
    organization(slug: $org) {
      id
      slug
      name
      viewerRole
      projects(first: 100) {
        nodes {
          id
          slug
          name
          platform
        }
      }
    }
  }
`);

export const CreateProjectMutation = graphql(`
  mutation CreateProject($org: String!, $input: CreateProjectInput!) {
    createProject(organizationSlug: $org, input: $input) {
      id
      slug
      name
      platform
    }
  }
`);

/** Is there anything yet? Decides between the stream and the first-run page. */
export const HasIssuesQuery = graphql(`
  query HasIssues($org: String!) {
    organization(slug: $org) {
      id
      issues(first: 1, query: "") {
        totalCount
      }
    }
  }
`);

export const ProjectChangedSubscription = graphql(`
  subscription ProjectChanged($org: String!) {
    projectChanged(organizationSlug: $org) {
      kind
      projectId
      project {
        id
        slug
        name
        platform
      }
    }
  }
`);

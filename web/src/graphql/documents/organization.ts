import { graphql } from '../generated';

/** What the sidebar and project pickers show; mutations return it so the lists update in place. */
export const ProjectSummaryFragment = graphql(`
  fragment ProjectSummary on Project {
    id
    slug
    name
    platform
  }
`);

export const OrganizationQuery = graphql(`
  query Organization($org: String!) {
    organization(slug: $org) {
      id
      slug
      name
      viewerRole
      projects(first: 100) {
        nodes {
          ...ProjectSummary
        }
      }
    }
  }
`);

export const CreateProjectMutation = graphql(`
  mutation CreateProject($org: String!, $input: CreateProjectInput!) {
    createProject(organizationSlug: $org, input: $input) {
      ...ProjectSummary
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
        ...ProjectSummary
      }
    }
  }
`);

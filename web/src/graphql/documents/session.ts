import { graphql } from '../generated';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      name
      email
      organizations(first: 100) {
        nodes {
          id
          slug
          name
          viewerRole
        }
      }
    }
  }
`);

export const LoginMutation = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      id
      name
      email
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

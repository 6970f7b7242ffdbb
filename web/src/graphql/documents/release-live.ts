import { graphql } from '../generated';

export const ReleaseChangedSubscription = graphql(`
  subscription ReleaseChanged($org: String!) {
    releaseChanged(organizationSlug: $org) {
      kind
      releaseId
      version
      release {
        id
        version
        shortVersion
        status
        dateReleased
      }
    }
  }
`);

export const DeployCreatedSubscription = graphql(`
  subscription DeployCreated($org: String!) {
    deployCreated(organizationSlug: $org) {
      id
      environment
      dateFinished
      release {
        id
      }
    }
  }
`);

import { graphql } from '../generated';

/** Polled by the banner in the app shell: is processing behind, or were envelopes set aside? */
export const PipelineHealthQuery = graphql(`
  query PipelineHealth($org: String!) {
    organization(slug: $org) {
      id
      pipelineHealth {
        queuedEnvelopes
        oldestQueuedSeconds
        parkedEnvelopes
      }
    }
  }
`);

import { useSubscription } from 'urql';
import { DeployCreatedSubscription, ReleaseChangedSubscription } from '../../graphql/documents/release-live';

/** Keeps release lists and pages current: the cache drops what a new release or deploy changes (see cache.ts). */
export function useReleaseLiveUpdates(org: string): void {
  useSubscription({ query: ReleaseChangedSubscription, variables: { org } });
  useSubscription({ query: DeployCreatedSubscription, variables: { org } });
}

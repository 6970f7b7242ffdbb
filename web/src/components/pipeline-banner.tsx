import { useEffect } from 'react';
import { useQuery } from 'urql';
import { PipelineHealthQuery } from '../graphql/documents/pipeline';

/** Processing further behind than this is worth a banner (the server's `degraded` uses the same minute). */
export const LAG_THRESHOLD_SECONDS = 60;
const POLL_MS = 30_000;

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  return `${Math.round(seconds / 3600)} hours`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Says why events an SDK sent (and got 200 for) do not show up yet: the workers are behind, or
 * envelopes failed processing and were set aside. Renders nothing while all is well.
 */
export function PipelineBanner({ org }: { org: string }) {
  const [result, refetch] = useQuery({ query: PipelineHealthQuery, variables: { org }, requestPolicy: 'cache-and-network' });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [refetch]);

  const health = result.data?.organization.pipelineHealth;
  if (!health) return null;
  const lagging = health.oldestQueuedSeconds > LAG_THRESHOLD_SECONDS;
  if (!lagging && health.parkedEnvelopes === 0) return null;
  return (
    <div className="message warning pipeline-banner" role="alert">
      {lagging && (
        <p>
          Event processing is {duration(health.oldestQueuedSeconds)} behind: {plural(health.queuedEnvelopes, 'envelope')} waiting. They are
          stored safely and appear once the workers catch up (are they running?).
        </p>
      )}
      {health.parkedEnvelopes > 0 && (
        <p>
          {plural(health.parkedEnvelopes, 'envelope')} failed processing repeatedly and {health.parkedEnvelopes === 1 ? 'was' : 'were'} set
          aside for inspection (table <code>ingest_failed</code>); the worker logs say why.
        </p>
      )}
    </div>
  );
}

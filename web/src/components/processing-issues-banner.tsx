import { Link } from 'react-router';
import { useQuery } from 'urql';
import { StreamProcessingIssuesQuery } from '../graphql/documents/native';
import { paths } from '../lib/paths';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The stream's reprocessing warning: crashes are held (not in the stream, no alerts) until the
 * listed debug files are uploaded. Renders nothing when the project waits for nothing.
 */
export function ProcessingIssuesBanner({ org, project }: { org: string; project: string }) {
  const [result] = useQuery({ query: StreamProcessingIssuesQuery, variables: { org, project }, requestPolicy: 'cache-and-network' });
  const state = result.data?.organization.project?.processingIssues;
  if (!state || (state.heldEvents === 0 && state.issues.length === 0)) return null;
  return (
    <div className="message warning processing-issues-banner" role="alert">
      <p>
        {plural(state.heldEvents, 'event')} held until {plural(state.issues.length, 'debug file')} {state.issues.length === 1 ? 'is' : 'are'} uploaded:{' '}
        {state.issues.map((i) => `${i.imagePath.split('/').pop()} (${i.debugId})`).join(', ')}. They appear, correctly grouped, once the files arrive.
      </p>
      <details>
        <summary>How to upload them</summary>
        <pre className="context">{state.uploadInstructions}</pre>
      </details>
      <Link to={paths.settings.project(org, project, 'debug-files')}>Debug files and processing issues</Link>
    </div>
  );
}

import { Link } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { Markdown } from '../components/markdown';
import { QueryResult } from '../components/query-state';
import { RelativeTime } from '../components/relative-time';
import { MentionReceivedSubscription, ViewerMentionsQuery } from '../graphql/documents/collaboration';
import { paths } from '../lib/paths';
import { useTitle } from '../lib/use-title';

/** Comments that mentioned the viewer (or their team), newest first; new ones appear live. */
export function MentionsPage() {
  useTitle('Mentions');
  const [result] = useQuery({ query: ViewerMentionsQuery, variables: {} });
  // New mentions drop the cached list (graphql/cache.ts), so it refetches.
  useSubscription({ query: MentionReceivedSubscription });
  return (
    <>
      <h1>Mentions</h1>
      <QueryResult result={result}>
        {(data) => {
          const mentions = data.viewer?.mentions.nodes ?? [];
          if (mentions.length === 0) return <p className="muted">Nobody has mentioned you yet.</p>;
          return (
            <ul className="panel mentions" aria-label="Mentions">
              {mentions.map((mention) => {
                const author = mention.activity.user;
                const org = mention.issue.project.organization.slug;
                return (
                  <li key={mention.id} className="body">
                    <div>
                      <strong>{author ? author.name || author.email : 'Someone'}</strong> mentioned {mention.team ? `#${mention.team.slug}` : 'you'} on{' '}
                      <Link to={paths.issue(org, mention.issue.shortId)}>{mention.issue.shortId}</Link> · {mention.issue.title}{' '}
                      <span className="faint">
                        <RelativeTime date={mention.dateCreated} />
                      </span>
                    </div>
                    <Markdown text={typeof mention.activity.data.text === 'string' ? mention.activity.data.text : ''} />
                  </li>
                );
              })}
            </ul>
          );
        }}
      </QueryResult>
    </>
  );
}

import { Link } from 'react-router';
import { useQuery } from 'urql';
import { QueryResult } from '../../components/query-state';
import { IssueTagsQuery } from '../../graphql/documents/issue';
import { paths } from '../../lib/paths';

const quote = (value: string) => (/[\s"[\],]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value);

/** The top values of each tag, as shares of the issue's events; a value links to a search. */
export function TagDistributions({ org, shortId, project, environment }: { org: string; shortId: string; project: string; environment: string | null }) {
  const [result] = useQuery({ query: IssueTagsQuery, variables: { org, shortId, environment, limit: 5 } });
  return (
    <section className="sidebar-section" aria-label="Tags">
      <h3>Tags</h3>
      <QueryResult result={result}>
        {(data) => {
          const tags = data.organization.issue.tags;
          if (tags.length === 0) return <p className="muted">No tags.</p>;
          return tags.map((tag) => (
            <div className="tag-bar" key={tag.key}>
              <div className="tag-key">
                <span>{tag.key}</span>
                <span className="faint">{tag.uniqueValues} value{tag.uniqueValues === 1 ? '' : 's'}</span>
              </div>
              <div className="segments" aria-hidden="true">
                {tag.topValues.map((value) => (
                  <span key={value.value} style={{ width: `${(value.count / Math.max(1, tag.totalValues)) * 100}%` }} />
                ))}
              </div>
              <ul>
                {tag.topValues.map((value) => (
                  <li key={value.value}>
                    <Link className="truncate" title={value.value} to={paths.stream(org, new URLSearchParams({ project, query: `is:unresolved ${tag.key}:${quote(value.value)}` }))}>
                      {value.value}
                    </Link>
                    <span className="num faint">{Math.round((value.count / Math.max(1, tag.totalValues)) * 100)}%</span>
                  </li>
                ))}
              </ul>
            </div>
          ));
        }}
      </QueryResult>
    </section>
  );
}

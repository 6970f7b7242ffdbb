import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { QueryResult } from '../../components/query-state';
import { IssueTagsQuery } from '../../graphql/documents/issue';
import { IssueTagValuesQuery } from '../../graphql/documents/issue-views';

const VALUES_PAGE = 25;
const quote = (value: string) => (/[\s"[\],]/.test(value) || value === '' ? `"${value.replace(/["\\]/g, '\\$&')}"` : value);
/** `key:value` in the search language (`tags[key]` for keys it would read otherwise). */
const term = (key: string, value: string) => `${/^[\w.-]+$/.test(key) ? key : `tags[${key}]`}:${quote(value)}`;
const percent = (count: number, total: number) => `${Math.round((count / Math.max(1, total)) * 1000) / 10}%`;

/** A link that opens the Events tab filtered to `key:value`. */
function ValueLink({ tagKey, value, environment }: { tagKey: string; value: string; environment: string | null }) {
  const params = new URLSearchParams({ tab: 'events', eventsQuery: term(tagKey, value) });
  if (environment) params.set('environment', environment);
  return (
    <Link className="truncate" title={value} to={`?${params.toString()}`}>
      {value}
    </Link>
  );
}

function ValueRows({ tagKey, values, total, environment }: { tagKey: string; values: { value: string; count: number }[]; total: number; environment: string | null }) {
  return (
    <>
      {values.map((v) => (
        <tr key={v.value}>
          <td>
            <ValueLink tagKey={tagKey} value={v.value} environment={environment} />
          </td>
          <td className="num">{v.count}</td>
          <td className="num">
            <span className="share-bar" aria-hidden="true">
              <span style={{ width: percent(v.count, total) }} />
            </span>{' '}
            {percent(v.count, total)}
          </td>
        </tr>
      ))}
    </>
  );
}

/** Every value of a key, loaded page by page once asked for. */
function AllValues({ org, shortId, tagKey, environment }: { org: string; shortId: string; tagKey: string; environment: string | null }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return (
    <>
      {cursors.map((after, index) => (
        <ValuesPage
          key={after ?? 'first'}
          org={org}
          shortId={shortId}
          tagKey={tagKey}
          environment={environment}
          after={after}
          onMore={index === cursors.length - 1 ? (next) => setCursors([...cursors, next]) : undefined}
        />
      ))}
    </>
  );
}

function ValuesPage(props: { org: string; shortId: string; tagKey: string; environment: string | null; after: string | null; onMore: ((cursor: string) => void) | undefined }) {
  const { org, shortId, tagKey, environment, after, onMore } = props;
  const [result] = useQuery({ query: IssueTagValuesQuery, variables: { org, shortId, key: tagKey, environment, first: VALUES_PAGE, after } });
  const page = result.data?.organization.issue.tagValues;
  if (!page) return null;
  return (
    <>
      <ValueRows tagKey={tagKey} values={page.nodes} total={page.totalEvents} environment={environment} />
      {onMore && page.pageInfo.hasNextPage && (
        <tr>
          <td colSpan={3}>
            <button type="button" className="small" onClick={() => page.pageInfo.endCursor && onMore(page.pageInfo.endCursor)}>
              More values of {tagKey}
            </button>
          </td>
        </tr>
      )}
    </>
  );
}

/** Every tag key of the issue with its values, counts and shares; values filter the Events tab. */
export function IssueTagsTab({ org, shortId, environment }: { org: string; shortId: string; environment: string | null }) {
  const [result] = useQuery({ query: IssueTagsQuery, variables: { org, shortId, environment, limit: 10 } });
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  return (
    <section aria-label="Tags of this issue">
      <QueryResult result={result} loadingLabel="Loading tags…">
        {(data) => {
          const tags = data.organization.issue.tags;
          if (tags.length === 0) return <p className="muted">No tags{environment ? ` in ${environment}` : ''}.</p>;
          return (
            <div className="tag-cards">
              {tags.map((tag) => {
                const all = expanded.has(tag.key);
                return (
                  <div className="panel tag-card" key={tag.key} data-testid={`tag-${tag.key}`}>
                    <header>
                      <h2 className="h3">{tag.key}</h2>
                      <span className="muted">
                        {tag.uniqueValues} value{tag.uniqueValues === 1 ? '' : 's'} · {tag.totalValues} event{tag.totalValues === 1 ? '' : 's'}
                      </span>
                    </header>
                    <table className="table">
                      <thead>
                        <tr>
                          <th scope="col">Value</th>
                          <th scope="col" className="num">
                            Count
                          </th>
                          <th scope="col" className="num">
                            Share
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {all ? (
                          <AllValues org={org} shortId={shortId} tagKey={tag.key} environment={environment} />
                        ) : (
                          <ValueRows tagKey={tag.key} values={tag.topValues} total={tag.totalValues} environment={environment} />
                        )}
                      </tbody>
                    </table>
                    {!all && tag.uniqueValues > tag.topValues.length && (
                      <button type="button" className="small" onClick={() => setExpanded(new Set([...expanded, tag.key]))}>
                        Show all {tag.uniqueValues} values
                      </button>
                    )}
                  </div>
                );
              })}
            </div>
          );
        }}
      </QueryResult>
    </section>
  );
}

import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { BarChart } from '../../components/bar-chart';
import { QueryResult } from '../../components/query-state';
import { IssueFrequencyQuery } from '../../graphql/documents/issue';

/** Events per hour (24h) or per day (30d); the period is in the URL (`?chart=30d`). */
export function FrequencyChart({ org, shortId, environment }: { org: string; shortId: string; environment: string | null }) {
  const [search, setSearch] = useSearchParams();
  const period = search.get('chart') === '30d' ? '30d' : '24h';
  const [result] = useQuery({ query: IssueFrequencyQuery, variables: { org, shortId, period, environment } });
  const choose = (next: '24h' | '30d') => {
    const params = new URLSearchParams(search);
    if (next === '24h') params.delete('chart');
    else params.set('chart', next);
    setSearch(params, { replace: true });
  };
  return (
    <section className="panel" aria-label="Event frequency">
      <header>
        <h3>Events{environment ? ` in ${environment}` : ''}</h3>
        <span className="button-group">
          <button type="button" className={`small${period === '24h' ? ' active' : ''}`} aria-pressed={period === '24h'} onClick={() => choose('24h')}>
            24 hours
          </button>
          <button type="button" className={`small${period === '30d' ? ' active' : ''}`} aria-pressed={period === '30d'} onClick={() => choose('30d')}>
            30 days
          </button>
        </span>
      </header>
      <div className="body" style={{ minHeight: 128 }}>
        <QueryResult result={result}>{(data) => <BarChart points={data.organization.issue.frequency} hourly={period === '24h'} />}</QueryResult>
      </div>
    </section>
  );
}

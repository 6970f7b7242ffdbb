import { useQuery } from 'urql';
import { ReleaseEventCountsQuery } from '../../graphql/documents/stream-views';
import { formatDate } from '../../lib/time';

const WIDTH = 600;
const HEIGHT = 120;
/** Series colours (CSS classes), each ≥ 4.5:1 against the panel in light and dark mode. */
const SERIES = ['series-0', 'series-1', 'series-2', 'series-3', 'series-4'];
export const CHARTED_RELEASES = SERIES.length;

/** Events per day of the newest releases shown, one line each; the legend carries every number a reader needs. */
export function ReleaseEventsChart({ org, versions, projects, environment }: { org: string; versions: string[]; projects: string[] | null; environment: string | null }) {
  const [result] = useQuery({ query: ReleaseEventCountsQuery, variables: { org, versions, projects, environment }, pause: versions.length === 0 });
  const series = result.data?.organization.releaseEventCounts ?? [];
  if (series.length === 0) return null;
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.count)));
  const days = series[0]?.points ?? [];
  const x = (i: number) => (days.length <= 1 ? 0 : (i / (days.length - 1)) * WIDTH);
  const y = (count: number) => HEIGHT - 2 - (count / max) * (HEIGHT - 6);
  const totals = series.map((s) => s.points.reduce((sum, p) => sum + p.count, 0));
  const summary = series.map((s, i) => `${s.version}: ${totals[i]} events`).join('; ');
  return (
    <section className="panel section release-events-chart" aria-labelledby="release-events-heading">
      <h2 id="release-events-heading">Events per release, last {days.length} days</h2>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" height={HEIGHT} role="img" aria-label={`Events per day, up to ${max}. ${summary}`}>
        <line x1="0" x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="var(--border-strong)" vectorEffect="non-scaling-stroke" />
        {series.map((s, i) => (
          <polyline
            key={s.version}
            className={SERIES[i]}
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
            points={s.points.map((p, j) => `${x(j)},${y(p.count)}`).join(' ')}
          >
            <title>{`${s.version}: ${totals[i]} events`}</title>
          </polyline>
        ))}
      </svg>
      <div className="chart-axis">
        <span>{formatDate(days[0]?.time)}</span>
        <span>max {max} a day</span>
        <span>{formatDate(days.at(-1)?.time)}</span>
      </div>
      <ul className="chart-legend">
        {series.map((s, i) => (
          <li key={s.version}>
            <span className={`swatch ${SERIES[i]}`} aria-hidden="true" />
            <span className="mono">{s.version}</span> <span className="muted">{totals[i]} events</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

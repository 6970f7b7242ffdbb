import { formatDate, formatDateTime } from '../lib/time';
import type { Point } from './sparkline';

/** Event frequency: one bar per bucket, each with its count and time in a tooltip. */
export function BarChart({ points, height = 90, hourly }: { points: readonly Point[]; height?: number; hourly: boolean }) {
  const width = 600;
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = points.length > 0 ? width / points.length : width;
  const first = points[0];
  const last = points[points.length - 1];
  const label = (time: string) => (hourly ? formatDateTime(time) : formatDate(time));
  return (
    <div>
      <svg className="bar-chart" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" height={height} role="img" aria-label={`Events per ${hourly ? 'hour' : 'day'}, up to ${max}`}>
        <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--border)" vectorEffect="non-scaling-stroke" />
        {points.map((point, i) => {
          const h = point.count === 0 ? 0 : Math.max(2, (point.count / max) * (height - 4));
          return (
            <g key={point.time}>
              <rect x={i * step} y={0} width={step} height={height} fill="transparent">
                <title>{`${label(point.time)}: ${point.count} event${point.count === 1 ? '' : 's'}`}</title>
              </rect>
              <rect className="bar" x={i * step + step * 0.1} y={height - h} width={step * 0.8} height={h} fill="currentColor" pointerEvents="none" />
            </g>
          );
        })}
      </svg>
      {first && last && (
        <div className="chart-axis">
          <span>{label(first.time)}</span>
          <span>max {max}</span>
          <span>{label(last.time)}</span>
        </div>
      )}
    </div>
  );
}

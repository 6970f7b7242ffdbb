export interface Point {
  time: string;
  count: number;
}

/** Bars of a fixed size: live updates change heights, never the layout. */
export function Sparkline({ points, width = 160, height = 32, label }: { points: readonly Point[]; width?: number; height?: number; label?: string }) {
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = points.length > 0 ? width / points.length : width;
  const total = points.reduce((sum, p) => sum + p.count, 0);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label ?? `${total} events in the last 24 hours`}>
      <line x1="0" x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--border)" />
      {points.map((point, i) => {
        const h = point.count === 0 ? 0 : Math.max(2, (point.count / max) * (height - 2));
        return <rect key={point.time} x={i * step + 0.5} y={height - h} width={Math.max(1, step - 1)} height={h} fill="currentColor" rx="0.5" />;
      })}
    </svg>
  );
}

import { useEffect, useState } from 'react';
import { formatDateTime, relativeTime } from '../lib/time';

const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

/** One shared clock for every relative time on the page, ticking every 30 seconds. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    listeners.add(setNow);
    timer ??= setInterval(() => listeners.forEach((listener) => listener(Date.now())), 30_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}

export function RelativeTime({ date, className }: { date: string | null | undefined; className?: string }) {
  const now = useNow();
  if (!date) return <span className={className}>—</span>;
  return (
    <time dateTime={date} title={formatDateTime(date)} className={className}>
      {relativeTime(date, Math.max(now, Date.now()))}
    </time>
  );
}

import type { DataSource } from 'typeorm';

export interface RateLimitVerdict {
  /** Seconds until the window resets. */
  retryAfter: number;
  scope: 'key' | 'project';
  reason: 'key_quota' | 'project_quota';
}

interface Limit {
  scope: 'key' | 'project';
  id: number;
  count: number;
  window: number;
}

/**
 * Fixed-window event quotas, counted in PostgreSQL so every web process shares them. Only
 * configured limits cost a query; once a window is exhausted it is answered from memory.
 */
export class RateLimiter {
  private readonly exhausted = new Map<string, number>();

  constructor(private readonly db: DataSource) {}

  /** Counts one event against each limit; returns the first that it exceeds, if any. */
  async consume(limits: (Limit | null)[], now = Date.now()): Promise<RateLimitVerdict | null> {
    for (const limit of limits) {
      if (!limit) continue;
      const scopeKey = `${limit.scope}:${limit.id}`;
      const windowMs = limit.window * 1000;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const resetAt = windowStart + windowMs;
      const verdict: RateLimitVerdict = {
        retryAfter: Math.max(1, Math.ceil((resetAt - now) / 1000)),
        scope: limit.scope,
        reason: limit.scope === 'key' ? 'key_quota' : 'project_quota',
      };
      if ((this.exhausted.get(scopeKey) ?? 0) > now) return verdict;
      const rows: { count: number }[] = await this.db.query(
        `INSERT INTO rate_limit_window (scope, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (scope, window_start) DO UPDATE SET count = rate_limit_window.count + 1
         RETURNING count`,
        [scopeKey, new Date(windowStart)],
      );
      if ((rows[0]?.count ?? 0) > limit.count) {
        this.exhausted.set(scopeKey, resetAt);
        return verdict;
      }
    }
    return null;
  }
}

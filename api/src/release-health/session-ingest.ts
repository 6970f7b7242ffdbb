import type { EntityManager } from 'typeorm';
import type { SessionStatus } from './release-session.entity.js';

const STATUSES = new Set<SessionStatus>(['ok', 'exited', 'crashed', 'abnormal', 'errored']);

interface SessionUpdate {
  sid: string;
  status: SessionStatus;
  errors: number;
  did: string | null;
  started: Date;
  timestamp: Date;
  duration: number | null;
  release: string;
  environment: string;
}

function asDate(value: unknown, fallback: Date): Date {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : fallback;
  return Number.isNaN(date.getTime()) ? fallback : date;
}

/** A `session` item, or null when it lacks what release health needs (a sid and a release). */
export function parseSession(payload: unknown, receivedAt: Date): SessionUpdate | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const s = payload as Record<string, unknown>;
  const attrs = (typeof s.attrs === 'object' && s.attrs !== null ? s.attrs : {}) as Record<string, unknown>;
  if (typeof s.sid !== 'string' || typeof attrs.release !== 'string' || !attrs.release) return null;
  const status = (typeof s.status === 'string' && STATUSES.has(s.status as SessionStatus) ? s.status : 'ok') as SessionStatus;
  return {
    sid: s.sid.replace(/-/g, '').toLowerCase().slice(0, 64),
    status,
    errors: Number.isFinite(s.errors) ? Math.max(0, Math.floor(Number(s.errors))) : 0,
    did: typeof s.did === 'string' ? s.did.slice(0, 200) : null,
    started: asDate(s.started, receivedAt),
    timestamp: asDate(s.timestamp, receivedAt),
    duration: Number.isFinite(s.duration) ? Number(s.duration) : null,
    release: attrs.release.slice(0, 200),
    environment: typeof attrs.environment === 'string' && attrs.environment ? attrs.environment.slice(0, 64) : 'production',
  };
}

/**
 * Upserts by sid: updates may come in any order (v10 sends init then update, v11 one final
 * update), so the later timestamp wins and a crash is never downgraded.
 */
export async function storeSession(tx: EntityManager, projectId: number, session: SessionUpdate): Promise<void> {
  await tx.query(
    `INSERT INTO release_session (project_id, sid, release, environment, status, errors, distinct_id, started, last_update, duration)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (project_id, sid) DO UPDATE SET
       status = CASE WHEN release_session.status IN ('crashed', 'abnormal') THEN release_session.status
                     WHEN EXCLUDED.last_update >= release_session.last_update THEN EXCLUDED.status
                     ELSE release_session.status END,
       errors = GREATEST(release_session.errors, EXCLUDED.errors),
       distinct_id = COALESCE(EXCLUDED.distinct_id, release_session.distinct_id),
       last_update = GREATEST(release_session.last_update, EXCLUDED.last_update),
       duration = COALESCE(EXCLUDED.duration, release_session.duration)`,
    [projectId, session.sid, session.release, session.environment, session.status, session.errors, session.did, session.started, session.timestamp, session.duration],
  );
}

/** A `sessions` item: per-minute counts from request-mode SDKs, added to the totals. */
export async function storeSessionAggregates(tx: EntityManager, projectId: number, payload: unknown): Promise<number> {
  if (typeof payload !== 'object' || payload === null) return 0;
  const { aggregates, attrs } = payload as { aggregates?: unknown; attrs?: Record<string, unknown> };
  if (!Array.isArray(aggregates) || typeof attrs?.release !== 'string') return 0;
  const environment = typeof attrs.environment === 'string' && attrs.environment ? attrs.environment : 'production';
  let stored = 0;
  for (const aggregate of aggregates as Record<string, unknown>[]) {
    const started = asDate(aggregate.started, new Date());
    const count = (key: string) => (Number.isFinite(aggregate[key]) ? Math.max(0, Math.floor(Number(aggregate[key]))) : 0);
    await tx.query(
      `INSERT INTO session_aggregate (project_id, release, environment, started, exited, errored, crashed, abnormal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (project_id, release, environment, started) DO UPDATE SET
         exited = session_aggregate.exited + EXCLUDED.exited, errored = session_aggregate.errored + EXCLUDED.errored,
         crashed = session_aggregate.crashed + EXCLUDED.crashed, abnormal = session_aggregate.abnormal + EXCLUDED.abnormal`,
      [projectId, attrs.release.slice(0, 200), environment.slice(0, 64), started, count('exited'), count('errored'), count('crashed'), count('abnormal')],
    );
    stored++;
  }
  return stored;
}

import type { EntityManager } from 'typeorm';
import { releaseVersionProblem } from '../releases/release-version.js';
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

/** Counters are `integer` columns. */
const MAX_COUNT = 2 ** 31 - 1;
// Dates PostgreSQL's timestamptz holds comfortably (JS dates reach year -271821, PostgreSQL 4713 BC).
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);

function asDate(value: unknown, fallback: Date): Date {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : fallback;
  const time = date.getTime();
  return Number.isNaN(time) || time < MIN_TIME || time > MAX_TIME ? fallback : date;
}

const asCount = (value: unknown): number => (Number.isFinite(value) ? Math.min(MAX_COUNT, Math.max(0, Math.floor(Number(value)))) : 0);

const attrsOf = (payload: Record<string, unknown>): Record<string, unknown> =>
  (typeof payload.attrs === 'object' && payload.attrs !== null ? payload.attrs : {}) as Record<string, unknown>;

/**
 * Why the edge refuses a `session` or `sessions` item (an outcome reason), or null when release
 * health can store it. The release must be a version Sentry accepts too.
 */
export function sessionItemProblem(type: 'session' | 'sessions', payload: unknown): 'invalid_session' | 'invalid_release' | null {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'invalid_session';
  const s = payload as Record<string, unknown>;
  const release = attrsOf(s).release;
  if (typeof release !== 'string' || releaseVersionProblem(release)) return 'invalid_release';
  if (type === 'session') return typeof s.sid === 'string' && s.sid !== '' ? null : 'invalid_session';
  return Array.isArray(s.aggregates) ? null : 'invalid_session';
}

/** A `session` item, or null when it lacks what release health needs (a sid and a release). */
export function parseSession(payload: unknown, receivedAt: Date): SessionUpdate | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const s = payload as Record<string, unknown>;
  const attrs = attrsOf(s);
  if (typeof s.sid !== 'string' || typeof attrs.release !== 'string' || !attrs.release) return null;
  const status = (typeof s.status === 'string' && STATUSES.has(s.status as SessionStatus) ? s.status : 'ok') as SessionStatus;
  return {
    sid: s.sid.replace(/-/g, '').toLowerCase().slice(0, 64),
    status,
    errors: asCount(s.errors),
    did: typeof s.did === 'string' ? s.did.slice(0, 200) : null,
    started: asDate(s.started, receivedAt),
    timestamp: asDate(s.timestamp, receivedAt),
    duration: Number.isFinite(s.duration) && Number(s.duration) >= 0 ? Number(s.duration) : null,
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
    if (typeof aggregate !== 'object' || aggregate === null) continue;
    const count = (key: string) => asCount(aggregate[key]);
    await tx.query(
      `INSERT INTO session_aggregate (project_id, release, environment, started, exited, errored, crashed, abnormal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (project_id, release, environment, started) DO UPDATE SET
         exited = LEAST(session_aggregate.exited::bigint + EXCLUDED.exited, ${MAX_COUNT}),
         errored = LEAST(session_aggregate.errored::bigint + EXCLUDED.errored, ${MAX_COUNT}),
         crashed = LEAST(session_aggregate.crashed::bigint + EXCLUDED.crashed, ${MAX_COUNT}),
         abnormal = LEAST(session_aggregate.abnormal::bigint + EXCLUDED.abnormal, ${MAX_COUNT})`,
      [projectId, attrs.release.slice(0, 200), environment.slice(0, 64), started, count('exited'), count('errored'), count('crashed'), count('abnormal')],
    );
    stored++;
  }
  return stored;
}

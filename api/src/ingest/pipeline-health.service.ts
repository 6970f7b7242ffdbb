import type { DataSource } from 'typeorm';
import { JOB_NAMES, type JobName } from '../../../schema/src/jobs.js';

/** What lies between "the SDK got 200" and "the event shows up", for some set of projects. */
export interface PipelineFigures {
  /** Accepted envelopes still waiting in `ingest_queue`. */
  queuedEnvelopes: number;
  /** Age of the oldest queued envelope; 0 when the queue is empty. */
  oldestQueuedSeconds: number;
  /** Envelopes that failed processing repeatedly and were moved to `ingest_failed`. */
  parkedEnvelopes: number;
}

/** Outcome sums of the current and the previous hour bucket (outcomes are counted per hour). */
export interface RecentOutcomes {
  processedLastHour: number;
  filteredLastHour: number;
  rateLimitedLastHour: number;
  invalidLastHour: number;
}

export interface OrganizationPipelineHealth extends PipelineFigures, RecentOutcomes {
  /** True when the queue is more than `LAG_THRESHOLD_SECONDS` behind or envelopes were parked. */
  degraded: boolean;
}

/** Processing further behind than this is worth telling people about. */
export const LAG_THRESHOLD_SECONDS = 60;

const toNumber = (value: unknown): number => Number(value ?? 0);

async function queueFigures(db: DataSource, projectFilter: string, params: unknown[]): Promise<PipelineFigures> {
  const [queue] = (await db.query(
    `SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(received_at)), 0) AS oldest
     FROM ingest_queue WHERE ${projectFilter}`,
    params,
  )) as { n: string; oldest: string }[];
  const [parked] = (await db.query(`SELECT count(*) AS n FROM ingest_failed WHERE ${projectFilter}`, params)) as { n: string }[];
  return {
    queuedEnvelopes: toNumber(queue?.n),
    oldestQueuedSeconds: Math.max(0, Math.floor(toNumber(queue?.oldest))),
    parkedEnvelopes: toNumber(parked?.n),
  };
}

/** Pipeline figures of one organization's projects (deleted projects included: their envelopes still queue). */
export async function organizationPipelineHealth(db: DataSource, organizationId: number): Promise<OrganizationPipelineHealth> {
  const ofOrganization = 'project_id IN (SELECT id FROM project WHERE organization_id = $1)';
  const figures = await queueFigures(db, ofOrganization, [organizationId]);
  const rows = (await db.query(
    `SELECT outcome, sum(quantity) AS n FROM outcome
     WHERE ${ofOrganization} AND category = 'error' AND hour >= date_trunc('hour', now()) - interval '1 hour'
     GROUP BY outcome`,
    [organizationId],
  )) as { outcome: string; n: string }[];
  const sum = (outcome: string) => toNumber(rows.find((r) => r.outcome === outcome)?.n);
  return {
    ...figures,
    processedLastHour: sum('accepted'),
    filteredLastHour: sum('filtered'),
    rateLimitedLastHour: sum('rate_limited'),
    invalidLastHour: sum('invalid'),
    degraded: figures.oldestQueuedSeconds > LAG_THRESHOLD_SECONDS || figures.parkedEnvelopes > 0,
  };
}

export interface InstanceFigures extends PipelineFigures {
  /** All-time sums of the outcome table, per outcome and data category. */
  outcomes: { outcome: string; category: string; quantity: number }[];
  /** pg-boss jobs per name: waiting (created or retrying) and running. */
  jobs: { name: JobName; queued: number; active: number }[];
}

/**
 * The whole instance, for `/metrics`. Read from the database at scrape time, so the figures are
 * right whichever process (worker thread, `vigil worker`) does the processing.
 */
export async function instancePipelineFigures(db: DataSource): Promise<InstanceFigures> {
  const figures = await queueFigures(db, 'true', []);
  const outcomes = (await db.query('SELECT outcome, category, sum(quantity) AS n FROM outcome GROUP BY outcome, category')) as {
    outcome: string;
    category: string;
    n: string;
  }[];
  const jobRows = (await db.query(
    `SELECT name, count(*) FILTER (WHERE state IN ('created', 'retry')) AS queued, count(*) FILTER (WHERE state = 'active') AS active
     FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name`,
  )) as { name: string; queued: string; active: string }[];
  return {
    ...figures,
    outcomes: outcomes.map((r) => ({ outcome: r.outcome, category: r.category, quantity: toNumber(r.n) })),
    jobs: JOB_NAMES.map((name) => {
      const row = jobRows.find((r) => r.name === name);
      return { name, queued: toNumber(row?.queued), active: toNumber(row?.active) };
    }),
  };
}

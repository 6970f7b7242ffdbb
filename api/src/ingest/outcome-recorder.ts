import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger.js';
import type { OutcomeKind } from '../projects/outcome.entity.js';
import { postgresSafeString } from './postgres-safe.js';

export interface OutcomeCount {
  projectId: number;
  outcome: OutcomeKind;
  reason: string;
  category: string;
  quantity: number;
}

const FLUSH_INTERVAL_MS = 1000;
/** Rows per INSERT: far below PostgreSQL's 65535 parameters, and a failure costs at most this many. */
const CHUNK_ROWS = 500;
/** Distinct counters held between flushes; more trigger an early flush. */
const MAX_PENDING_KEYS = 10_000;
const MAX_LABEL_LENGTH = 64;

function hourOf(time: number): Date {
  return new Date(Math.floor(time / 3_600_000) * 3_600_000);
}

const keyOf = (c: OutcomeCount) => `${c.projectId}|${c.outcome}|${c.reason}|${c.category}`;

/** A count PostgreSQL can store, or null: quantities are non-negative safe integers, labels short and NUL-free. */
export function validOutcome(count: OutcomeCount): OutcomeCount | null {
  if (!Number.isSafeInteger(count.quantity) || count.quantity < 0 || !Number.isSafeInteger(count.projectId)) return null;
  if (typeof count.reason !== 'string' || typeof count.category !== 'string') return null;
  const label = (value: string) => postgresSafeString(value.slice(0, MAX_LABEL_LENGTH));
  return { ...count, reason: label(count.reason), category: label(count.category) };
}

/** Adds counts to the hourly outcome table, in chunks of at most CHUNK_ROWS rows. */
export async function writeOutcomes(db: DataSource | EntityManager, all: OutcomeCount[], at = Date.now()): Promise<void> {
  // One row per key: a multi-row upsert may not touch the same row twice.
  const summed = new Map<string, OutcomeCount>();
  for (const c of all) {
    const existing = summed.get(keyOf(c));
    if (existing) existing.quantity += c.quantity;
    else summed.set(keyOf(c), { ...c });
  }
  const counts = [...summed.values()];
  for (let start = 0; start < counts.length; start += CHUNK_ROWS) await insertOutcomes(db, counts.slice(start, start + CHUNK_ROWS), hourOf(at));
}

async function insertOutcomes(db: DataSource | EntityManager, counts: OutcomeCount[], hour: Date): Promise<void> {
  const values: unknown[] = [];
  const rows = counts.map((c, i) => {
    values.push(c.projectId, hour, c.outcome, c.reason, c.category, c.quantity);
    const o = i * 6;
    return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6})`;
  });
  await db.query(
    `INSERT INTO outcome (project_id, hour, outcome, reason, category, quantity) VALUES ${rows.join(', ')}
     ON CONFLICT (project_id, hour, outcome, reason, category) DO UPDATE SET quantity = outcome.quantity + EXCLUDED.quantity`,
    values,
  );
}

/**
 * Counts what the edge drops (filtered, rate limited, invalid, client discards) in memory and
 * writes the sums once a second, so a flood of rejected events costs no write per event.
 * Accepted events are counted exactly, in the transaction that stores them.
 */
export class OutcomeRecorder {
  private pending = new Map<string, OutcomeCount>();
  /** Flushes run one after another, and close() waits for all of them. */
  private flushed: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  record(count: OutcomeCount): void {
    const valid = validOutcome(count);
    if (!valid) {
      this.log.warn({ projectId: count.projectId, outcome: count.outcome }, 'outcomes.invalid-count');
      return;
    }
    const existing = this.pending.get(keyOf(valid));
    if (existing) existing.quantity += valid.quantity;
    else this.pending.set(keyOf(valid), valid);
    if (this.pending.size >= MAX_PENDING_KEYS) void this.flush();
  }

  flush(): Promise<void> {
    if (this.pending.size === 0) return this.flushed;
    const counts = [...this.pending.values()];
    this.pending = new Map();
    this.flushed = this.flushed.then(() => this.write(counts));
    return this.flushed;
  }

  private async write(counts: OutcomeCount[]): Promise<void> {
    const at = Date.now();
    for (let start = 0; start < counts.length; start += CHUNK_ROWS) {
      const chunk = counts.slice(start, start + CHUNK_ROWS);
      try {
        await writeOutcomes(this.db, chunk, at);
      } catch {
        // Whatever PostgreSQL refused, it costs only its own row, not the others' counts.
        await this.writeOneByOne(chunk, at);
      }
    }
  }

  private async writeOneByOne(counts: OutcomeCount[], at: number): Promise<void> {
    let lost = 0;
    for (const count of counts) {
      try {
        await writeOutcomes(this.db, [count], at);
      } catch (error) {
        lost++;
        if (lost === 1) this.log.warn({ error: String(error), projectId: count.projectId }, 'outcomes.write-failed');
      }
    }
    if (lost > 0) this.log.warn({ lost }, 'outcomes.flush-failed');
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

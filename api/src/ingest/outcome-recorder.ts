import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger.js';
import type { OutcomeKind } from '../projects/outcome.entity.js';

export interface OutcomeCount {
  projectId: number;
  outcome: OutcomeKind;
  reason: string;
  category: string;
  quantity: number;
}

const FLUSH_INTERVAL_MS = 1000;

function hourOf(time: number): Date {
  return new Date(Math.floor(time / 3_600_000) * 3_600_000);
}

/** Adds counts to the hourly outcome table in one statement. */
export async function writeOutcomes(db: DataSource | EntityManager, all: OutcomeCount[], at = Date.now()): Promise<void> {
  // One row per key: a multi-row upsert may not touch the same row twice.
  const summed = new Map<string, OutcomeCount>();
  for (const c of all) {
    const key = `${c.projectId}|${c.outcome}|${c.reason}|${c.category}`;
    const existing = summed.get(key);
    if (existing) existing.quantity += c.quantity;
    else summed.set(key, { ...c });
  }
  const counts = [...summed.values()];
  if (counts.length === 0) return;
  const values: unknown[] = [];
  const rows = counts.map((c, i) => {
    values.push(c.projectId, hourOf(at), c.outcome, c.reason, c.category, c.quantity);
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
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  record(count: OutcomeCount): void {
    const key = `${count.projectId}|${count.outcome}|${count.reason}|${count.category}`;
    const existing = this.pending.get(key);
    if (existing) existing.quantity += count.quantity;
    else this.pending.set(key, { ...count });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const counts = [...this.pending.values()];
    this.pending = new Map();
    try {
      await writeOutcomes(this.db, counts);
    } catch (error) {
      this.log.warn({ error: String(error), lost: counts.length }, 'outcomes.flush-failed');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

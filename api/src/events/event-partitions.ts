import type { DataSource } from 'typeorm';

/**
 * The event table is range-partitioned by `received_at`, one partition per UTC week (Monday to
 * Monday), plus a default partition so an event is never refused for want of one. Maintenance
 * (the `events.maintain-partitions` job) creates the partitions of the coming weeks ahead of
 * time, moving into them whatever the default partition holds for their week (after an upgrade
 * it holds every older event), and drops whole partitions once they are past retention: no row
 * is ever deleted one by one. Attachments follow the events of a dropped week.
 */

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Partitions kept ready ahead of the current week. */
export const WEEKS_AHEAD = 4;
const PARTITION_NAME = /^event_p(\d{4})(\d{2})(\d{2})$/;
// Waiting behind a long query with the parent's lock would stall ingest: give up and retry later.
const LOCK_TIMEOUT = '5s';

/** The Monday 00:00 UTC that starts the week of `at`. */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 24 * 3600 * 1000);
}

export function partitionName(start: Date): string {
  return `event_p${start.toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** The weekly partitions that exist, oldest first, with the week each one holds. */
export async function eventPartitions(db: DataSource): Promise<{ name: string; from: Date; to: Date }[]> {
  const rows: { name: string }[] = await db.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'event'::regclass ORDER BY 1`,
  );
  return rows.flatMap(({ name }) => {
    const match = PARTITION_NAME.exec(name);
    if (!match) return [];
    const from = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return [{ name, from, to: new Date(from.getTime() + WEEK_MS) }];
  });
}

/**
 * Creates the week's partition unless it exists. In one transaction: a plain table shaped like
 * `event`, the week's rows moved in from the default partition, then attached (PostgreSQL builds
 * its indexes and checks the default no longer holds rows of that week). Moving rows locks the
 * event table for the whole transaction.
 */
async function createPartition(db: DataSource, from: Date): Promise<boolean> {
  const name = partitionName(from);
  const to = new Date(from.getTime() + WEEK_MS);
  return db.transaction(async (tx) => {
    await tx.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    // One maintainer at a time (several worker processes may run the job at once).
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('event-partitions'))`);
    const [exists] = await tx.query(`SELECT 1 FROM pg_class WHERE relname = $1`, [name]);
    if (exists) return false;
    const [held] = await tx.query(`SELECT 1 FROM event_default WHERE received_at >= $1 AND received_at < $2 LIMIT 1`, [from, to]);
    // A query planned before the attach but run after it would see the moved rows in neither table;
    // readers wait instead. (Only when there is something to move: after an upgrade, or events
    // that arrived before any maintenance ran.)
    if (held) await tx.query('LOCK TABLE event IN ACCESS EXCLUSIVE MODE');
    await tx.query(`CREATE TABLE "${name}" (LIKE event INCLUDING DEFAULTS INCLUDING STORAGE)`);
    await tx.query(
      `WITH moved AS (DELETE FROM event_default WHERE received_at >= $1 AND received_at < $2 RETURNING *) INSERT INTO "${name}" SELECT * FROM moved`,
      [from, to],
    );
    await tx.query(`ALTER TABLE event ATTACH PARTITION "${name}" FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
    return true;
  });
}

/** Drops a week past retention with its events' attachments. */
async function dropPartition(db: DataSource, name: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('event-partitions'))`);
    await tx.query(`DELETE FROM event_attachment a USING "${name}" e WHERE a.project_id = e.project_id AND a.event_id = e.event_id`);
    await tx.query(`ALTER TABLE event DETACH PARTITION "${name}"`);
    await tx.query(`DROP TABLE "${name}"`);
  });
}

export interface PartitionMaintenance {
  created: string[];
  dropped: string[];
}

/**
 * Creates the partitions for every week from the oldest event in the default partition (or this
 * week) up to `WEEKS_AHEAD` weeks ahead. Returns the names created.
 *
 * Processes run it at start, before they accept events: rows moved out of the default partition
 * are briefly invisible to a query planned before the move committed, so a fresh database must
 * not have to move the first events it takes.
 */
export async function createEventPartitions(db: DataSource, now = new Date()): Promise<string[]> {
  const [{ oldest }] = (await db.query('SELECT min(received_at) AS oldest FROM event_default')) as [{ oldest: Date | null }];
  const first = weekStart(oldest && new Date(oldest) < now ? new Date(oldest) : now);
  const created: string[] = [];
  for (let from = first; from <= new Date(weekStart(now).getTime() + WEEKS_AHEAD * WEEK_MS); from = new Date(from.getTime() + WEEK_MS)) {
    if (await createPartition(db, from)) created.push(partitionName(from));
  }
  return created;
}

/**
 * Partitions for every week from the oldest event in the default partition (or this week) up to
 * `WEEKS_AHEAD` weeks ahead; drops weeks that ended more than `retentionDays` before `now`.
 */
export async function maintainEventPartitions(db: DataSource, options: { retentionDays: number; now?: Date }): Promise<PartitionMaintenance> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * 24 * 3600 * 1000);
  const result: PartitionMaintenance = { created: await createEventPartitions(db, now), dropped: [] };
  // (A week past retention that the default partition held is created first, then dropped whole.)
  for (const partition of await eventPartitions(db)) {
    if (partition.to.getTime() > cutoff.getTime()) continue;
    await dropPartition(db, partition.name);
    result.dropped.push(partition.name);
  }
  return result;
}

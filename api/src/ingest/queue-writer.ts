import type { DataSource } from 'typeorm';
import type { PgPubSub } from '../pubsub/pg-pubsub.js';

export interface QueuedRow {
  projectId: number;
  keyId: number;
  clientIp: string | null;
  userAgent: string | null;
  envelope: Buffer;
}

interface Pending extends QueuedRow {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface QueueWriterLimits {
  /** `VIGIL_INGEST_QUEUE_MAX_BYTES`: past this many queued envelope bytes the edge answers 429. */
  maxQueueBytes: number;
  /** Envelopes waiting in this process for their INSERT. */
  maxPendingBytes: number;
}

/** The queue is over its budget: SDKs hear 429 and back off for `retryAfter` seconds. */
export class QueueFullError extends Error {
  readonly retryAfter = RETRY_AFTER_SECONDS;
  constructor() {
    super(`The ingest queue is full; retry after ${RETRY_AFTER_SECONDS} s`);
  }
}

/** Envelope bytes (and at most this many envelopes) per INSERT. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
const MAX_BATCH_ROWS = 500;
/** Idle consumers are woken at most this often (NOTIFY per request would serialize commits). */
const WAKE_INTERVAL_MS = 20;
/** How often the queue's real size is measured; in between, this process adds what it inserted. */
const MEASURE_INTERVAL_MS = 2000;
const RETRY_AFTER_SECONDS = 10;

/**
 * Writes accepted envelopes to the ingest queue. Requests that arrive while an INSERT is in
 * flight join the next one, so under load many envelopes share a commit; each request still
 * gets its answer only after its row is durably committed. The queue's size is an estimate:
 * measured at most every MEASURE_INTERVAL_MS while requests arrive (all processes' rows, minus what
 * workers deleted), plus what this process inserted since, so no request waits for a SUM() and an
 * idle server runs none.
 */
export class QueueWriter {
  private pending: Pending[] = [];
  private pendingBytes = 0;
  private queuedBytes = 0;
  private flushing = false;
  private wakeScheduled = false;
  private measuredAt = 0;
  private measuring = false;
  private closed = false;

  constructor(
    private readonly db: DataSource,
    private readonly pubsub: PgPubSub,
    private readonly limits: QueueWriterLimits,
    /** Hears how many envelopes each commit made durable (for `/metrics`). */
    private readonly onCommitted: (envelopes: number) => void = () => undefined,
  ) {
    void this.measure();
  }

  /** True when new envelopes should be refused (checked before a body is decompressed). */
  isFull(): boolean {
    if (Date.now() - this.measuredAt >= MEASURE_INTERVAL_MS) void this.measure();
    return this.queuedBytes >= this.limits.maxQueueBytes || this.pendingBytes >= this.limits.maxPendingBytes;
  }

  /** The current estimate, for tests and metrics. */
  get usage(): { queuedBytes: number; pendingBytes: number } {
    return { queuedBytes: this.queuedBytes, pendingBytes: this.pendingBytes };
  }

  enqueue(row: QueuedRow): Promise<void> {
    const size = row.envelope.length;
    if (this.queuedBytes + size > this.limits.maxQueueBytes || this.pendingBytes + size > this.limits.maxPendingBytes) {
      return Promise.reject(new QueueFullError());
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ ...row, resolve, reject });
      this.pendingBytes += size;
      if (!this.flushing) void this.flush();
    });
  }

  close(): void {
    this.closed = true;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.takeBatch();
      const bytes = batch.reduce((sum, row) => sum + row.envelope.length, 0);
      try {
        // The envelopes travel as one binary parameter, cut apart by offset: a bytea[] parameter is
        // text, so each envelope would be hex-encoded here and decoded again by PostgreSQL.
        const starts: number[] = [];
        let start = 1;
        for (const row of batch) {
          starts.push(start);
          start += row.envelope.length;
        }
        await this.db.query(
          `INSERT INTO ingest_queue (project_id, key_id, received_at, client_ip, user_agent, envelope)
           SELECT p, k, now(), ip, ua, substring($5::bytea FROM s FOR n)
             FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $6::int[], $7::int[]) AS r(p, k, ip, ua, s, n)`,
          [
            batch.map((r) => r.projectId),
            batch.map((r) => r.keyId),
            batch.map((r) => r.clientIp),
            batch.map((r) => r.userAgent),
            Buffer.concat(batch.map((r) => r.envelope), bytes),
            starts,
            batch.map((r) => r.envelope.length),
          ],
        );
        this.queuedBytes += bytes;
        this.onCommitted(batch.length);
        for (const row of batch) row.resolve();
        this.scheduleWake();
      } catch (error) {
        for (const row of batch) row.reject(error);
      } finally {
        this.pendingBytes -= bytes;
      }
    }
    this.flushing = false;
  }

  /** The oldest pending envelopes up to MAX_BATCH_BYTES (always at least one). */
  private takeBatch(): Pending[] {
    let count = 0;
    let bytes = 0;
    for (const row of this.pending) {
      if (count > 0 && (count === MAX_BATCH_ROWS || bytes + row.envelope.length > MAX_BATCH_BYTES)) break;
      count++;
      bytes += row.envelope.length;
    }
    return this.pending.splice(0, count);
  }

  private async measure(): Promise<void> {
    if (this.measuring || this.closed) return;
    this.measuring = true;
    this.measuredAt = Date.now();
    try {
      // octet_length of a bytea reads the TOAST header, not the value.
      const [row] = (await this.db.query('SELECT coalesce(sum(octet_length(envelope)), 0)::float8 AS bytes FROM ingest_queue')) as { bytes: number }[];
      this.queuedBytes = row?.bytes ?? 0;
    } catch {
      // Keep the last estimate; the next measurement corrects it.
    } finally {
      this.measuring = false;
    }
  }

  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setTimeout(() => {
      this.wakeScheduled = false;
      void this.pubsub.publish('ingestQueued', {}).catch(() => undefined);
    }, WAKE_INTERVAL_MS).unref();
  }
}

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

/** At most this many envelopes per INSERT. */
const MAX_BATCH = 200;
/** Idle consumers are woken at most this often (NOTIFY per request would serialize commits). */
const WAKE_INTERVAL_MS = 20;

/**
 * Writes accepted envelopes to the ingest queue. Requests that arrive while an INSERT is in
 * flight join the next one, so under load many envelopes share a commit; each request still
 * gets its answer only after its row is durably committed.
 */
export class QueueWriter {
  private pending: Pending[] = [];
  private flushing = false;
  private wakeScheduled = false;

  constructor(
    private readonly db: DataSource,
    private readonly pubsub: PgPubSub,
  ) {}

  enqueue(row: QueuedRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...row, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await this.db.query(
          `INSERT INTO ingest_queue (project_id, key_id, received_at, client_ip, user_agent, envelope)
           SELECT p, k, now(), ip, ua, e FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::bytea[]) AS r(p, k, ip, ua, e)`,
          [batch.map((r) => r.projectId), batch.map((r) => r.keyId), batch.map((r) => r.clientIp), batch.map((r) => r.userAgent), batch.map((r) => r.envelope)],
        );
        for (const row of batch) row.resolve();
        this.scheduleWake();
      } catch (error) {
        for (const row of batch) row.reject(error);
      }
    }
    this.flushing = false;
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

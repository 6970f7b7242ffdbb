import type { Deps } from '../../api/src/runtime/deps.js';
import { processQueuedEnvelopes } from '../../api/src/ingest/process-envelopes.js';

export interface IngestConsumerOptions {
  /** Envelopes stored per transaction. */
  batchSize?: number;
  /** Parallel consumer loops in this process. */
  concurrency?: number;
}

/** After this many failed attempts an envelope is parked in ingest_failed instead of retried forever. */
const MAX_ATTEMPTS = 3;
// Idle loops also poll, in case a wake-up notification was missed.
const IDLE_WAIT_MS = 250;

/**
 * Drains the ingest queue: each loop claims a batch, stores it, and repeats; when the queue is
 * empty it sleeps until an `ingestQueued` notification (or a second) wakes it. A batch that
 * fails is retried envelope by envelope, so one bad envelope cannot block the others.
 */
export class IngestConsumer {
  private running = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void)[] = [];
  private readonly notifications: AsyncIterableIterator<unknown>;

  constructor(
    private readonly app: Deps,
    private readonly options: IngestConsumerOptions = {},
  ) {
    this.notifications = app.pubsub.subscribe('ingestQueued');
  }

  start(): void {
    this.running = true;
    void this.listen();
    for (let i = 0; i < (this.options.concurrency ?? 2); i++) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeAll();
    await this.notifications.return?.();
    await Promise.all(this.loops);
  }

  private async listen(): Promise<void> {
    for await (const _ of this.notifications) this.wakeAll();
  }

  private wakeAll(): void {
    for (const resolve of this.wake.splice(0)) resolve();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let processed = 0;
      try {
        processed = await processQueuedEnvelopes(this.app, this.options.batchSize ?? 100);
      } catch (error) {
        this.app.log.warn({ error: error instanceof Error ? error.message : String(error) }, 'ingest.batch-failed');
        processed = await this.oneByOne();
      }
      if (processed === 0 && this.running) {
        await new Promise<void>((resolve) => {
          this.wake.push(resolve);
          setTimeout(resolve, IDLE_WAIT_MS).unref();
        });
      }
    }
  }

  /** Retries the head of the queue one envelope per transaction, parking the ones that keep failing. */
  private async oneByOne(): Promise<number> {
    const rows: { id: string }[] = await this.app.db.query('SELECT id FROM ingest_queue ORDER BY id LIMIT $1', [this.options.batchSize ?? 100]);
    let processed = 0;
    for (const { id } of rows) {
      try {
        processed += await processQueuedEnvelopes(this.app, 1, id);
      } catch (error) {
        await this.recordFailure(id, error instanceof Error ? error.stack ?? error.message : String(error));
      }
    }
    return processed;
  }

  private async recordFailure(id: string, error: string): Promise<void> {
    const log = this.app.log.child({ ingestQueueId: id });
    await this.app.db.transaction(async (tx) => {
      const [[row]] = (await tx.query('UPDATE ingest_queue SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts', [id])) as [
        [{ attempts: number } | undefined],
        number,
      ];
      if (!row || row.attempts < MAX_ATTEMPTS) return;
      await tx.query(
        `INSERT INTO ingest_failed (project_id, received_at, client_ip, user_agent, envelope, error)
         SELECT project_id, received_at, client_ip, user_agent, envelope, $2 FROM ingest_queue WHERE id = $1`,
        [id, error.slice(0, 10_000)],
      );
      await tx.query('DELETE FROM ingest_queue WHERE id = $1', [id]);
      log.error({ error }, 'ingest.envelope-parked');
    });
  }
}

import { randomUUID } from 'node:crypto';
import type { Deps } from '../../api/src/runtime/deps.js';
import { claimBatch, MAX_ATTEMPTS, parkEnvelope, parkReason, releaseClaims, type Claim } from '../../api/src/ingest/ingest-queue.js';
import { processClaimed } from '../../api/src/ingest/process-envelopes.js';
import { isTransientDatabaseError } from '../../api/src/ingest/transient-errors.js';

export interface IngestConsumerOptions {
  /** Parallel consumer loops in this process. */
  concurrency?: number;
  /** Sum of envelope sizes per transaction (at least one envelope is taken). */
  batchBytes?: number;
  /** Envelopes per transaction, whatever their size. */
  batchSize?: number;
  /** Waits after database failures: doubling from `initialMs`, at most `maxMs`. */
  backoff?: { initialMs: number; maxMs: number };
}

// Idle loops also poll, in case a wake-up notification was missed.
const IDLE_WAIT_MS = 250;
const DEFAULT_BACKOFF = { initialMs: 100, maxMs: 5000 };

/**
 * Drains the ingest queue: each loop claims a batch (counting an attempt on each envelope first),
 * stores it, and repeats; when the queue is empty it sleeps until an `ingestQueued` notification
 * (or a poll) wakes it. Envelopes of a failed batch are retried alone and parked in ingest_failed
 * once their attempts run out. When the database itself fails, the loop backs off and hands its
 * claims back without counting the attempt; nothing makes it stop but stop().
 */
export class IngestConsumer {
  private running = false;
  private loops: Promise<void>[] = [];
  /** Sleepers a new envelope wakes; stop() wakes these and `backingOff`. */
  private wake: (() => void)[] = [];
  private backingOff: (() => void)[] = [];
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
    for (let i = 0; i < (this.options.concurrency ?? 2); i++) this.loops.push(this.loop(randomUUID()));
  }

  /** Resolves once every loop has finished its batch; never rejects, even on a closing database. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeAll();
    for (const resolve of this.backingOff.splice(0)) resolve();
    await this.notifications.return?.();
    await Promise.all(this.loops);
  }

  private async listen(): Promise<void> {
    try {
      for await (const _ of this.notifications) this.wakeAll();
    } catch (error) {
      this.app.log.warn({ error: String(error) }, 'ingest.notifications-failed');
    }
  }

  private wakeAll(): void {
    for (const resolve of this.wake.splice(0)) resolve();
  }

  /** Sleeps `ms`; stop() always ends it early, a new envelope only when `onNotify`. */
  private sleep(ms: number, onNotify: boolean): Promise<void> {
    const sleepers = onNotify ? this.wake : this.backingOff;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        const index = sleepers.indexOf(done);
        if (index >= 0) sleepers.splice(index, 1);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      sleepers.push(done);
    });
  }

  private async loop(owner: string): Promise<void> {
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    let failures = 0;
    let holdsClaims = false;
    while (this.running) {
      try {
        if (holdsClaims) {
          await releaseClaims(this.app.db, owner, { refund: true });
          holdsClaims = false;
        }
        holdsClaims = true;
        const claimed = await this.step(owner);
        holdsClaims = false;
        if (failures > 0) this.app.log.info({ failures }, 'ingest.database-back');
        failures = 0;
        if (claimed === 0 && this.running) await this.sleep(IDLE_WAIT_MS, true);
      } catch (error) {
        failures++;
        const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 20));
        const fields = { error: error instanceof Error ? error.message : String(error), failures, retryInMs: delay };
        if (isTransientDatabaseError(error)) this.app.log.warn(fields, 'ingest.database-unavailable');
        else this.app.log.error(fields, 'ingest.loop-failed');
        if (this.running) await this.sleep(delay, false);
      }
    }
    // Claims run out on their own; handing them back now just lets another process start sooner.
    if (holdsClaims) await releaseClaims(this.app.db, owner, { refund: true }).catch(() => undefined);
  }

  /**
   * One batch. Throws only when the database failed (then the claims are handed back by the
   * loop); what an envelope did is settled here: stored, retried alone, or parked.
   */
  private async step(owner: string): Promise<number> {
    const { batchBytes, batchSize } = this.options;
    const claims = await claimBatch(this.app.db, { owner, ...(batchBytes ? { maxBytes: batchBytes } : {}), ...(batchSize ? { maxCount: batchSize } : {}) });
    if (claims.length === 0) return 0;
    // Attempts are counted before processing: these were claimed that often and never finished.
    for (const claim of claims.filter((c) => c.attempts > MAX_ATTEMPTS)) {
      await this.park(claim, `Processing did not finish in ${MAX_ATTEMPTS} attempts (the worker stopped or crashed during each)`);
    }
    const tries = claims.filter((c) => c.attempts <= MAX_ATTEMPTS);
    if (tries.length === 0) return claims.length;
    try {
      await processClaimed(this.app, owner, tries.map((c) => c.id));
    } catch (error) {
      if (isTransientDatabaseError(error)) throw error;
      const [only] = tries;
      if (tries.length === 1 && only!.attempts >= MAX_ATTEMPTS) {
        await this.park(only!, parkReason(error));
      } else {
        // Each envelope of the batch is retried alone next, so only the bad one uses up its attempts.
        this.app.log.warn({ error: parkReason(error), envelopes: tries.length }, 'ingest.batch-failed');
        await releaseClaims(this.app.db, owner, { refund: false });
      }
    }
    return claims.length;
  }

  private async park(claim: Claim, reason: string): Promise<void> {
    if (await parkEnvelope(this.app.db, claim.id, reason)) {
      this.app.log.error({ ingestQueueId: claim.id, attempts: claim.attempts, reason }, 'ingest.envelope-parked');
    }
  }
}

import PgBoss from 'pg-boss';
import { JOB_NAMES, type JobName, type JobPayloads } from '../../../schema/src/jobs.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { SqlRunner } from '../pubsub/pg-pubsub.js';

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  runner?: SqlRunner;
  /** At most one queued job with this key at a time (dedupes repeated requests). */
  singletonKey?: string;
}

export interface JobHandlerContext {
  jobId: string;
  log: Logger;
  /** No retry follows if this attempt throws: a handler settles what it leaves behind (a state a client polls). */
  finalAttempt: boolean;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobHandlerContext) => Promise<void>;

export interface WorkOptions {
  /** Parallel jobs of this kind in this process. */
  concurrency?: number;
}

/**
 * The PostgreSQL-backed job queue (pg-boss). Delivery is at least once: a job whose worker dies
 * is retried once its timeout passes, so every handler must be idempotent.
 */
export class JobQueue {
  private readonly boss: PgBoss;

  constructor(
    connectionString: string,
    private readonly config: Config['queue'],
    private readonly log: Logger,
    options: { supervise: boolean },
  ) {
    this.boss = new PgBoss({
      connectionString,
      application_name: 'vigil-queue',
      max: 4,
      supervise: options.supervise,
      schedule: false,
      maintenanceIntervalSeconds: config.maintenanceIntervalSeconds,
    });
    this.boss.on('error', (error: Error) => this.log.error({ error: error.message }, 'queue.error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
    const policy = {
      retryLimit: 8,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: this.config.jobTimeoutSeconds,
      retentionMinutes: 60 * 24,
    };
    for (const name of JOB_NAMES) {
      await this.boss.createQueue(name, { name, ...policy });
      await this.boss.updateQueue(name, { name, ...policy });
    }
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<void> {
    const { runner, singletonKey } = options;
    await this.boss.send(name, payload, {
      ...(singletonKey ? { singletonKey } : {}),
      ...(runner ? { db: { executeSql: async (text, values) => ({ rows: (await runner.query(text, values)) as unknown[] }) } } : {}),
    });
  }

  async work<N extends JobName>(name: N, handler: JobHandler<N>, options: WorkOptions = {}): Promise<void> {
    const workers = Math.max(1, options.concurrency ?? 1);
    for (let i = 0; i < workers; i++) {
      await this.boss.work<JobPayloads[N]>(
        name,
        { batchSize: 1, pollingIntervalSeconds: this.config.pollingIntervalSeconds, includeMetadata: true },
        async ([job]) => {
          if (!job) return;
          const log = this.log.child({ job: name, jobId: job.id });
          const started = Date.now();
          try {
            // (retryCount counts the attempts before this one.)
            await handler(job.data, { jobId: job.id, log, finalAttempt: job.retryCount >= job.retryLimit });
            log.info({ ms: Date.now() - started }, 'job.completed');
          } catch (error) {
            log.error({ error: error instanceof Error ? error.message : String(error) }, 'job.failed');
            throw error;
          }
        },
      );
    }
  }

  /** Jobs of this kind that are waiting, retrying or running. */
  async pending(name: JobName): Promise<number> {
    return this.boss.getQueueSize(name, { before: 'completed' });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}

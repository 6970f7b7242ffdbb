import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { instancePipelineFigures } from './pipeline-health.service.js';

/**
 * The Prometheus figures of one web process. Envelopes accepted are counted here, where the edge
 * runs; everything the workers do (which may be a worker thread or another process) is read from
 * the database at scrape time, so every web process reports the same, complete truth.
 */
export class PipelineMetrics {
  readonly registry = new Registry();
  private readonly accepted = new Counter({
    name: 'vigil_ingest_envelopes_accepted_total',
    help: 'Envelopes this process accepted into the ingest queue (the SDK got 200).',
    registers: [this.registry],
  });
  private readonly queued = new Gauge({
    name: 'vigil_ingest_queue_envelopes',
    help: 'Accepted envelopes waiting in ingest_queue.',
    registers: [this.registry],
  });
  private readonly oldest = new Gauge({
    name: 'vigil_ingest_queue_oldest_seconds',
    help: 'Age of the oldest queued envelope; 0 when the queue is empty.',
    registers: [this.registry],
  });
  private readonly processed = new Counter({
    name: 'vigil_ingest_events_processed_total',
    help: 'Events stored by the workers (accepted error outcomes, all time).',
    registers: [this.registry],
  });
  private readonly failed = new Counter({
    name: 'vigil_ingest_envelopes_failed_total',
    help: 'Envelopes that failed processing repeatedly and are parked in ingest_failed.',
    registers: [this.registry],
  });
  private readonly outcomes = new Counter({
    name: 'vigil_ingest_outcomes_total',
    help: 'Outcomes of what SDKs sent (accepted, filtered, rate_limited, invalid, client_discard), per data category.',
    labelNames: ['outcome', 'category'] as const,
    registers: [this.registry],
  });
  private readonly jobsQueued = new Gauge({
    name: 'vigil_jobs_queued',
    help: 'Background jobs waiting to run (created or retrying), per job name.',
    labelNames: ['name'] as const,
    registers: [this.registry],
  });
  private readonly jobsActive = new Gauge({
    name: 'vigil_jobs_active',
    help: 'Background jobs running now, per job name.',
    labelNames: ['name'] as const,
    registers: [this.registry],
  });

  constructor(private readonly db: DataSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'vigil_' });
  }

  /** Called once per batch of envelopes committed to the ingest queue. */
  countAccepted(envelopes: number): void {
    this.accepted.inc(envelopes);
  }

  /** The text exposition, with the database-derived figures read now. */
  async render(): Promise<string> {
    const figures = await instancePipelineFigures(this.db);
    this.queued.set(figures.queuedEnvelopes);
    this.oldest.set(figures.oldestQueuedSeconds);
    setCounter(this.failed, figures.parkedEnvelopes);
    const processed = figures.outcomes.find((o) => o.outcome === 'accepted' && o.category === 'error')?.quantity ?? 0;
    setCounter(this.processed, processed);
    this.outcomes.reset();
    for (const o of figures.outcomes) this.outcomes.inc({ outcome: o.outcome, category: o.category }, o.quantity);
    for (const job of figures.jobs) {
      this.jobsQueued.set({ name: job.name }, job.queued);
      this.jobsActive.set({ name: job.name }, job.active);
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** A counter whose total lives in the database: show that total. */
function setCounter(counter: Counter, value: number): void {
  counter.reset();
  counter.inc(value);
}

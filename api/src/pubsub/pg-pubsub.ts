import { EventEmitter, on } from 'node:events';
import pg from 'pg';
import type { Topic, Topics } from '../../../schema/src/topics.js';
import type { Logger } from '../logger.js';

export const PUBSUB_CHANNEL = 'vigil_pubsub';
const RECONNECT_DELAY_MS = 1000;

/** Anything that can run SQL: the data source, or an EntityManager inside a transaction. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Publish/subscribe over PostgreSQL LISTEN/NOTIFY. Publishing inside a transaction (pass its
 * EntityManager) delivers the message only if the transaction commits, and at commit time.
 */
export class PgPubSub {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | undefined;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly db: SqlRunner,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    await this.listen();
  }

  async publish<T extends Topic>(topic: T, payload: Topics[T], runner: SqlRunner = this.db): Promise<void> {
    await runner.query('SELECT pg_notify($1, $2)', [PUBSUB_CHANNEL, JSON.stringify({ topic, payload })]);
  }

  /** Publishes many messages of one topic in a single round trip. */
  async publishMany<T extends Topic>(topic: T, payloads: Topics[T][], runner: SqlRunner = this.db): Promise<void> {
    if (payloads.length === 0) return;
    await runner.query('SELECT pg_notify($1, m) FROM unnest($2::text[]) AS m', [
      PUBSUB_CHANNEL,
      payloads.map((payload) => JSON.stringify({ topic, payload })),
    ]);
  }

  /** An async iterator of the topic's messages; calling `return()` unsubscribes at once. */
  subscribe<T extends Topic>(topic: T): AsyncIterableIterator<Topics[T]> {
    const abort = new AbortController();
    const events = on(this.emitter, topic, { signal: abort.signal });
    const iterator: AsyncIterableIterator<Topics[T]> = {
      next: async () => {
        try {
          const result = await events.next();
          return result.done ? { done: true, value: undefined } : { done: false, value: result.value[0] as Topics[T] };
        } catch (error) {
          if (abort.signal.aborted) return { done: true, value: undefined };
          throw error;
        }
      },
      return: async () => {
        abort.abort();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Live subscriptions to a topic in this process (for health checks and tests). */
  subscriberCount(topic: Topic): number {
    return this.emitter.listenerCount(topic);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.emitter.removeAllListeners();
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'vigil-pubsub' });
    client.on('notification', (message) => this.deliver(message.payload));
    client.on('error', (error) => {
      this.log.warn({ error: error.message }, 'pubsub.connection-lost');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${PUBSUB_CHANNEL}`);
    this.client = client;
  }

  private reconnect(lost: pg.Client): void {
    if (this.closed || this.client !== lost) return;
    this.client = undefined;
    setTimeout(() => {
      if (this.closed) return;
      this.listen().catch((error: Error) => {
        this.log.warn({ error: error.message }, 'pubsub.reconnect-failed');
        this.client = lost;
        this.reconnect(lost);
      });
    }, RECONNECT_DELAY_MS).unref();
  }

  private deliver(raw: string | undefined): void {
    if (!raw) return;
    try {
      const { topic, payload } = JSON.parse(raw) as { topic: Topic; payload: unknown };
      this.emitter.emit(topic, payload);
    } catch (error) {
      this.log.warn({ error: String(error) }, 'pubsub.bad-message');
    }
  }
}

import type { App as BoltApp, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../logger.js';

/** Slack gives up after 3 s; an unacknowledged request is answered just before that. */
const ACK_DEADLINE_MS = 2_500;

/**
 * Bolt's receiver for requests our Fastify route has already verified: it hands the body to the
 * app and resolves with whatever the listener passes to `ack()` (the HTTP answer), while the
 * listener's remaining work runs on. `close()` waits for that work.
 */
export class FastifySlackReceiver implements Receiver {
  private app: BoltApp | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  init(app: BoltApp): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** The body to answer Slack with (undefined: an empty 200). */
  dispatch(event: Omit<ReceiverEvent, 'ack'>): Promise<unknown> {
    const app = this.app;
    if (!app) throw new Error('The Slack receiver is not attached to a Bolt app');
    return new Promise((resolve) => {
      let answered = false;
      const answer = (body: unknown) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve(body);
      };
      const timer = setTimeout(() => {
        this.log.warn('slack.ack-deadline');
        answer(undefined);
      }, ACK_DEADLINE_MS);
      const work = app
        .processEvent({ ...event, ack: async (response) => answer(response) })
        .catch((error: Error) => this.log.error({ error: error.message }, 'slack.processing-failed'))
        .finally(() => {
          answer(undefined);
          this.running.delete(work);
        });
      this.running.add(work);
    });
  }
}

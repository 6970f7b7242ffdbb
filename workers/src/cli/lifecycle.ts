import type { Logger } from '../../../api/src/logger.js';

const DUPLICATE_SIGNAL_MS = 1000;

/**
 * Runs `shutdown` once on SIGINT/SIGTERM, then exits. A second signal (a second later or more)
 * exits at once, for the impatient; shutdown steps that hang are cut off after `timeoutMs`.
 */
let stoppingSince = 0;

/** True once a signal started the shutdown: a startup step failing after that is the shutdown's doing. */
export function shutdownStarted(): boolean {
  return stoppingSince > 0;
}

export function onShutdown(log: Logger, shutdown: () => Promise<void>, timeoutMs = 20_000): void {
  const handle = (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // Ctrl-C under npm delivers SIGINT twice at once (from the terminal and forwarded by npm).
      if (Date.now() - stoppingSince < DUPLICATE_SIGNAL_MS) return;
      log.warn({ signal }, 'shutdown.forced');
      process.exit(1);
    }
    stoppingSince = Date.now();
    log.info({ signal }, 'shutdown.started');
    const timer = setTimeout(() => {
      log.error('shutdown.timed-out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    shutdown().then(
      () => {
        log.info('shutdown.complete');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ error: String(error) }, 'shutdown.failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

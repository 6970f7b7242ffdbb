import type { Logger } from '../../../api/src/logger.js';

/**
 * Runs `shutdown` once on SIGINT/SIGTERM, then exits. A second signal exits at once, for the
 * impatient; shutdown steps that hang are cut off after `timeoutMs`.
 */
export function onShutdown(log: Logger, shutdown: () => Promise<void>, timeoutMs = 20_000): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'shutdown.forced');
      process.exit(1);
    }
    stopping = true;
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

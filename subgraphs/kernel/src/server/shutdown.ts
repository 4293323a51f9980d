import { createLogger } from '../logging/logger.js';

/** How long a process may take to stop on a signal before it is forced to exit (SHUTDOWN_TIMEOUT_MS). */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
  return Number.isFinite(value) && value > 0 ? value : 10_000;
}

/**
 * Stops `stop` once on SIGINT/SIGTERM, then exits — within `timeoutMs` at the latest: a dependency
 * that went away (a database that no longer answers) must not keep the process alive.
 */
export function stopOnSignals(stop: () => Promise<void>, logger = createLogger('process'), timeoutMs = shutdownTimeoutMs()): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => {
      logger.error({ timeoutMs }, `did not stop within ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

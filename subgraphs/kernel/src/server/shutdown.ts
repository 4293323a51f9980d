import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { createLogger } from '../logging/logger.js';

/*
 * The one shutdown path of every process (gateway, subgraph hosts, workers): on SIGTERM/SIGINT,
 * readiness answers 503 `{"status":"draining"}`, the process keeps serving for
 * SHUTDOWN_DRAIN_DELAY_MS (so a load balancer stops routing to it), closes its listener, lets
 * in-flight requests finish (their connections close after the response), stops its background
 * work (running jobs finish) and exits 0 — or 1 once SHUTDOWN_TIMEOUT_MS has passed.
 */

const positiveOr = (raw: string | undefined, fallback: number, allowZero = false): number => {
  const value = Number(raw ?? fallback);
  return Number.isFinite(value) && (value > 0 || (allowZero && value === 0)) ? value : fallback;
};

/** How long a process may take to stop on a signal before it is forced to exit (SHUTDOWN_TIMEOUT_MS). */
export function shutdownTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveOr(env.SHUTDOWN_TIMEOUT_MS, 10_000);
}

/** How long a draining process keeps serving after readiness turned 503, before it closes its listener (SHUTDOWN_DRAIN_DELAY_MS). */
export function shutdownDrainDelayMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveOr(env.SHUTDOWN_DRAIN_DELAY_MS, 0, true);
}

/**
 * Stops `stop` once on SIGINT/SIGTERM, then exits 0 — or 1 when `stop` failed or did not finish
 * within `timeoutMs`: a dependency that went away (a database that no longer answers) or a job that
 * does not end must not keep the process alive (the job's lock expires and another worker redoes it).
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
      () => {
        logger.info({ signal }, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

interface DrainState {
  draining: boolean;
  closing: boolean;
  /** Responses not yet finished. */
  readonly active: Set<ServerResponse>;
}

const states = new WeakMap<Server, DrainState>();

const isReadiness = (req: IncomingMessage) => (req.url ?? '').split('?')[0]!.endsWith('/health/ready');

/**
 * Makes `server` drainable (once; `listen` does it): while draining, every `…/health/ready` answers
 * 503 `{"status":"draining"}` and the rest is served as usual; once closing, each response ends its
 * connection (`Connection: close`). Wraps the server's request listeners, so call it after they are set.
 */
export function drainable(server: Server): Server {
  if (states.has(server)) return server;
  const state: DrainState = { draining: false, closing: false, active: new Set() };
  states.set(server, state);
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    state.active.add(res);
    res.once('close', () => state.active.delete(res));
    if (state.closing) res.shouldKeepAlive = false;
    if (state.draining && isReadiness(req)) {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'draining' }));
      return;
    }
    for (const listener of listeners) listener(req, res);
  });
  return server;
}

/** Whether `server` is draining (readiness 503). */
export const isDraining = (server: Server): boolean => states.get(server)?.draining ?? false;

/**
 * Stops accepting connections and resolves once every connection has ended: idle keep-alive
 * connections are closed now, in-flight requests finish and their connections close after the
 * response. Upgraded connections (WebSockets) are the owner's to close: the server waits for them.
 */
export async function closeServer(server: Server): Promise<void> {
  const state = states.get(server);
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  if (state) {
    state.draining = true;
    state.closing = true;
    for (const res of state.active) {
      if (!res.headersSent) {
        res.shouldKeepAlive = false;
      } else {
        const socket = res.socket;
        res.once('finish', () => socket?.end());
      }
    }
  }
  server.closeIdleConnections();
  await closed;
}

/**
 * Drains `server`: readiness answers 503 at once, it keeps serving for `delayMs` (a load balancer's
 * readiness period), then closes (see closeServer) while `onClose` ends what the server cannot
 * (e.g. WebSockets with close code 1012).
 */
export async function drainServer(server: Server, options: { delayMs?: number; onClose?: () => Promise<void> } = {}): Promise<void> {
  drainable(server);
  states.get(server)!.draining = true;
  if (options.delayMs) await delay(options.delayMs);
  await Promise.all([closeServer(server), options.onClose?.()]);
}

import { z } from 'zod';
import { parseEnv } from '../config/env.js';
import { runtimeMode } from '../config/runtime-mode.js';
import { appConnectionString, maintenanceConnectionString } from '../db/roles.js';
import { createLogger } from '../logging/logger.js';
import { metricsHandler } from '../observability/metrics.js';
import { flushTracing, startTracing, tracesExporterOf } from '../observability/tracing.js';
import { startBackgroundWork, stopBackgroundWork } from './background-work.js';
import { listen } from './host.js';
import { answerErrorsAsGraphQL, createHttpApp } from './http-errors.js';
import { startPlatform } from './platform.js';
import { drainServer, shutdownDrainDelayMs } from './shutdown.js';
import { subgraphHostEnv } from './serve.js';
import type { AnySubgraphDefinition } from './subgraph-definition.js';
import { startSubgraphRuntime, type HealthReport, type StartedSubgraph } from './subgraph-runtime.js';

/** The worker's own variables: the subgraph host's (it serves no GraphQL, so it needs no internal-context key). */
export const workerEnv = subgraphHostEnv.omit({ PORT: true }).extend({
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(4),
  PORT: z.coerce.number().int().min(0).max(65535).default(4002),
});

export interface WorkerService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Runs the background work of `definitions` without GraphQL: their outbox relays, event and job
 * workers with their schedules, and e-mail delivery (the platform with WORKERS=on, whatever the
 * environment says). Serves only `/health/live`, `/health/ready` and `/metrics` (ready while any subgraph
 * reaches Postgres and Redis; each is reported). `stop` closes the listener, then the work, then
 * the subgraphs' connections and the platform.
 */
export async function startWorkerService(definitions: readonly AnySubgraphDefinition[], env: NodeJS.ProcessEnv = process.env): Promise<WorkerService> {
  const config = parseEnv('worker', workerEnv, env);
  await startTracing('worker', tracesExporterOf(env));
  const workerProcessEnv = { ...env, WORKERS: 'on' };
  const platform = startPlatform(workerProcessEnv, createLogger('platform', env.LOG_LEVEL, env.LOG_FILE));
  const started: { name: string; subgraph: StartedSubgraph<unknown>; background: (() => Promise<void>)[] }[] = [];
  const stopWork = async () => {
    for (const { background } of started) await stopBackgroundWork(background);
    await Promise.all(started.map(({ subgraph }) => subgraph.close()));
    await platform.stop();
    await flushTracing();
  };
  try {
    for (const definition of definitions) {
      const logger = createLogger(definition.name, env.LOG_LEVEL, env.LOG_FILE);
      const subgraph = await startSubgraphRuntime(definition, {
        databaseUrl: appConnectionString(config.DATABASE_URL, definition.name, config.DATABASE_APP_PASSWORD),
        maintenanceDatabaseUrl: maintenanceConnectionString(config.DATABASE_URL, definition.name, config.DATABASE_APP_PASSWORD),
        platform,
        logger,
        poolSize: config.DATABASE_POOL_SIZE,
        poolAcquireTimeoutMs: config.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
        poolIdleTimeoutMs: config.DATABASE_POOL_IDLE_TIMEOUT_MS,
        env: workerProcessEnv,
      });
      const entry = { name: definition.name, subgraph, background: [] as (() => Promise<void>)[] };
      started.push(entry);
      entry.background = await startBackgroundWork(definition, subgraph.services, subgraph.runtime, platform, subgraph.trash);
    }
    const app = createHttpApp(runtimeMode(env));
    app.get('/health/live', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/metrics', metricsHandler);
    app.get('/health/ready', async (_req, res) => {
      const reports: [string, HealthReport][] = await Promise.all(
        started.map(async ({ name, subgraph }) => [name, await subgraph.ready()] as [string, HealthReport]),
      );
      const ready = reports.filter(([, report]) => report.status === 'ok').length;
      const status = ready === reports.length ? 'ok' : ready > 0 ? 'degraded' : 'unavailable';
      res.status(ready > 0 ? 200 : 503).json({ status, subgraphs: Object.fromEntries(reports) });
    });
    answerErrorsAsGraphQL(app, createLogger('worker', env.LOG_LEVEL, env.LOG_FILE));
    const { server, port, url } = await listen(app, config.PORT, config.HOST);
    return {
      url,
      port,
      async stop() {
        await drainServer(server, { delayMs: shutdownDrainDelayMs(env) });
        await stopWork();
      },
    };
  } catch (error) {
    await stopWork();
    throw error;
  }
}

import { z } from 'zod';
import { parseEnv } from '../config/env.js';
import { runtimeMode } from '../config/runtime-mode.js';
import { internalContextKeysSchema, internalContextKeyVariable } from '../crypto/internal-context-keys.js';
import { DEFAULT_POOL_ACQUIRE_TIMEOUT_MS, DEFAULT_POOL_IDLE_TIMEOUT_MS } from '../db/database.js';
import { appConnectionString, maintenanceConnectionString } from '../db/roles.js';
import { createLogger } from '../logging/logger.js';
import { flushTracing, startTracing, tracesExporterOf } from '../observability/tracing.js';
import { createHost, listen } from './host.js';
import { drainServer, shutdownDrainDelayMs } from './shutdown.js';
import type { AnySubgraphDefinition } from './subgraph-definition.js';
import { startPlatform } from './platform.js';
import { createSubgraphServer, type SubgraphServer } from './subgraph-server.js';

export const subgraphHostEnv = z.object({
  DATABASE_URL: z.url({ error: 'must be a postgres:// connection string' }),
  DATABASE_APP_PASSWORD: z.string().min(1, 'is required (password of the subgraphs’ runtime roles)'),
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  DATABASE_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_POOL_ACQUIRE_TIMEOUT_MS),
  DATABASE_POOL_IDLE_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_POOL_IDLE_TIMEOUT_MS),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4001),
});

/** The internal-context key(s) of the subgraph `name`, from INTERNAL_CONTEXT_KEY_<NAME>: a host holds only its subgraphs' keys. */
export function internalContextKeysOf(name: string, env: NodeJS.ProcessEnv) {
  const variable = internalContextKeyVariable(name);
  return parseEnv(`subgraph ${name}`, z.object({ [variable]: internalContextKeysSchema }), env)[variable]!;
}

export interface RunningHost {
  url: string;
  port: number;
  servers: SubgraphServer[];
  stop(): Promise<void>;
}

/**
 * Starts a host process serving `definitions` (one subgraph, or all of a cell's) with the
 * configuration in `env`. Each subgraph connects as its own app and maintenance roles (both with
 * DATABASE_APP_PASSWORD); they share Redis and the e-mail worker. `stop` drains (readiness 503,
 * SHUTDOWN_DRAIN_DELAY_MS, listener closed, in-flight requests finished: see shutdown.ts), then stops
 * every subgraph (running jobs finish, relays end their batch), then the platform services.
 */
export async function serveSubgraphs(definitions: readonly AnySubgraphDefinition[], env: NodeJS.ProcessEnv = process.env): Promise<RunningHost> {
  const config = parseEnv('subgraph host', subgraphHostEnv, env);
  const keysOf = new Map(definitions.map((definition) => [definition.name, internalContextKeysOf(definition.name, env)]));
  // A host of one subgraph traces as that subgraph (`cellgraph-tasks`), one of several as `cellgraph-subgraphs`.
  await startTracing(definitions.length === 1 ? definitions[0]!.name : 'subgraphs', tracesExporterOf(env));
  const platform = startPlatform(env, createLogger('platform', env.LOG_LEVEL, env.LOG_FILE));
  const servers: SubgraphServer[] = [];
  try {
    for (const definition of definitions) {
      servers.push(
        await createSubgraphServer(definition, {
          databaseUrl: appConnectionString(config.DATABASE_URL, definition.name, config.DATABASE_APP_PASSWORD),
          maintenanceDatabaseUrl: maintenanceConnectionString(config.DATABASE_URL, definition.name, config.DATABASE_APP_PASSWORD),
          platform,
          internalKeys: keysOf.get(definition.name)!,
          logger: createLogger(definition.name, env.LOG_LEVEL, env.LOG_FILE),
          poolSize: config.DATABASE_POOL_SIZE,
          poolAcquireTimeoutMs: config.DATABASE_POOL_ACQUIRE_TIMEOUT_MS,
          poolIdleTimeoutMs: config.DATABASE_POOL_IDLE_TIMEOUT_MS,
          env,
        }),
      );
    }
    const { server, port, url } = await listen(
      createHost(servers, { logger: createLogger('host', env.LOG_LEVEL, env.LOG_FILE), mode: runtimeMode(env) }),
      config.PORT,
      config.HOST,
    );
    return {
      url,
      port,
      servers,
      async stop() {
        await drainServer(server, { delayMs: shutdownDrainDelayMs(env) });
        await Promise.all(servers.map((s) => s.stop()));
        await platform.stop();
        await flushTracing();
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    await platform.stop();
    throw error;
  }
}

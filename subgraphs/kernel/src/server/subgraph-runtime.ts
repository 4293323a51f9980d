import { Authorizer, PolicyCache } from '../authz/authorizer.js';
import { restrictedModulesOf } from '../authz/restricted-modules.js';
import { Database } from '../db/database.js';
import { TrashKeeper } from '../db/trash.js';
import { FeatureFlags } from '../flags/feature-flags.js';
import { cellIndexesSearch } from '../search/searchable.js';
import { JobQueue } from '../jobs/workers.js';
import { settingsNamespacesOf } from '../settings/settings-namespaces.js';
import { SettingsReader } from '../settings/settings-reader.js';
import type { Logger } from '../logging/logger.js';
import { pingRedis } from '../redis/redis.js';
import type { Platform } from './platform.js';
import type { SubgraphDefinition, SubgraphRuntime } from './subgraph-definition.js';

export interface SubgraphRuntimeOptions {
  /** Connection string of the subgraph's app role. */
  databaseUrl: string;
  /** Connection string of its maintenance role (the outbox relay, trash sweep and schedulers). */
  maintenanceDatabaseUrl: string;
  /** Redis, the key prefix, the mailer and the graph client, shared by the subgraphs of a process. */
  platform: Omit<Platform, 'stop'>;
  logger: Logger;
  poolSize?: number;
  /** Bound on waiting for a pooled connection (see Database). */
  poolAcquireTimeoutMs?: number;
  /** How long an idle pooled connection stays open (see Database). */
  poolIdleTimeoutMs?: number;
  /** Where the subgraph reads its own configuration; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'ok' | 'failing'>;
}

/** A subgraph's database, permissions, job queue and services: what its API and its background work both run on. */
export interface StartedSubgraph<TServices> {
  runtime: SubgraphRuntime;
  services: TServices;
  /** Its trash keeper, when it declares trash specs. */
  trash: TrashKeeper | null;
  /** Postgres and Redis as this subgraph sees them. */
  ready(): Promise<HealthReport>;
  close(): Promise<void>;
}

/**
 * Connects a subgraph's database as its app role (and its maintenance role, for work across
 * organizations), listens to permission changes and creates its services.
 */
export async function startSubgraphRuntime<TServices>(
  definition: SubgraphDefinition<TServices>,
  options: SubgraphRuntimeOptions,
): Promise<StartedSubgraph<TServices>> {
  const { logger } = options;
  const db = new Database({
    url: options.databaseUrl,
    maintenanceUrl: options.maintenanceDatabaseUrl,
    schema: definition.name,
    entities: definition.entities,
    logger,
    poolSize: options.poolSize,
    poolAcquireTimeoutMs: options.poolAcquireTimeoutMs,
    poolIdleTimeoutMs: options.poolIdleTimeoutMs,
    applicationName: `cellgraph-${definition.name}`,
    events: definition.emits,
    searchable: cellIndexesSearch(options.platform.eventConsumers) ? definition.searchable : undefined,
  });
  await db.connect();
  const { redis, redisUrl, keyPrefix, mailer, graph } = options.platform;
  const env = options.env ?? process.env;
  const policies = new PolicyCache(db, redis, keyPrefix);
  const jobs = new JobQueue(definition.name, redisUrl, keyPrefix);
  const settings = new SettingsReader(redis, keyPrefix, settingsNamespacesOf(env, definition));
  const features = new FeatureFlags(redis, keyPrefix, logger);
  const close = async () => {
    await jobs.close();
    await settings.close();
    await features.close();
    await policies.close();
    await db.close();
  };
  try {
    await policies.listen();
    await settings.listen();
    await features.listen();
    const runtime: SubgraphRuntime = {
      name: definition.name,
      db,
      redis,
      keyPrefix,
      authz: new Authorizer(policies, definition.scope, {
        restricted: definition.access === 'restricted',
        restrictedModules: restrictedModulesOf(env, definition),
      }),
      mailer,
      graph,
      jobs,
      settings,
      features,
      logger,
      env,
    };
    const services = await definition.createServices(runtime);
    const trash = definition.trash?.length ? new TrashKeeper(db, runtime.authz, definition.trash) : null;
    const ready = async (): Promise<HealthReport> => {
      const [postgresUp, redisUp] = await Promise.all([db.ping(), pingRedis(redis)]);
      const checks = { postgres: postgresUp ? 'ok' : 'failing', redis: redisUp ? 'ok' : 'failing' } as const;
      return { status: postgresUp && redisUp ? 'ok' : 'unavailable', checks };
    };
    return { runtime, services, trash, ready, close };
  } catch (error) {
    await close();
    throw error;
  }
}

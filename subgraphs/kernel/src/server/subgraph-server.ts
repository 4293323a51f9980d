import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request, type Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import { DELEGATION_HEADER, INTERNAL_CONTEXT_HEADER, InternalContextVerifier } from '../context/internal-context.js';
import { runWithRequestContext, type RequestContext, type SubgraphContext } from '../context/request-context.js';
import type { PublicJwks } from '../crypto/signing-keys.js';
import { Database } from '../db/database.js';
import { TRASH_SWEEP_JOB, TrashKeeper } from '../db/trash.js';
import { maskInternalErrors } from '../errors/mask.js';
import { LoaderRegistry } from '../loaders/loader-registry.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { requestLogging } from '../logging/request-logging.js';
import { pingRedis } from '../redis/redis.js';
import { Authorizer, PolicyCache } from '../authz/authorizer.js';
import { assertHandlersDeclared } from '../events/consumers.js';
import { EVENT_INBOX_PRUNE_EVERY_MS, EVENT_INBOX_PRUNE_JOB, EventInbox } from '../events/inbox.js';
import { OutboxRelay } from '../events/relay.js';
import { JobQueue, startEventWorker, startJobWorker, type JobHandler } from '../jobs/workers.js';
import type { Platform } from './platform.js';
import { subgraphSchema } from './schema.js';
import type { SubgraphDefinition, SubgraphRuntime } from './subgraph-definition.js';
import { liveEventFromBody } from '../live/live-subscription.js';
import { sendGraphQLError } from './http-errors.js';

export interface SubgraphServerOptions {
  /** Connection string of the subgraph's app role. */
  databaseUrl: string;
  /** Connection string of its maintenance role (the outbox relay, trash sweep and schedulers). */
  maintenanceDatabaseUrl: string;
  /** Redis, the key prefix, the mailer and the graph client, shared by the subgraphs of a host. */
  platform: Pick<Platform, 'redis' | 'redisUrl' | 'keyPrefix' | 'mailer' | 'workers' | 'workerLockMs' | 'eventConsumers' | 'eventReplayWindowMs' | 'graph'>;
  /** Public keys the gateway signs internal contexts with. */
  internalKeys: PublicJwks;
  logger?: Logger;
  poolSize?: number;
  /** Bound on waiting for a pooled connection (see Database). */
  poolAcquireTimeoutMs?: number;
  /** Where the subgraph reads its own configuration; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, 'ok' | 'failing'>;
}

/** A subgraph ready to be mounted on a host: its router serves `/graphql` and `/health/*`. */
export interface SubgraphServer<TServices = unknown> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly router: Router;
  readonly runtime: SubgraphRuntime;
  readonly services: TServices;
  /** Its trash keeper, when it declares trash specs (the purge sweep runs hourly on its own). */
  readonly trash: TrashKeeper | null;
  ready(): Promise<HealthReport>;
  stop(): Promise<void>;
}

type VerifiedRequest = Request & { rawBody?: Buffer; cellgraphContext?: RequestContext };

/**
 * A subgraph's background work in this process: the relay of its outbox (routing events by the
 * cell's CELL_EVENT_CONSUMERS), its event handlers (behind its inbox), its job worker and schedules.
 * Returns how to stop each.
 */
async function startBackgroundWork<TServices>(
  definition: SubgraphDefinition<TServices>,
  services: TServices,
  runtime: SubgraphRuntime,
  platform: SubgraphServerOptions['platform'],
  trash: TrashKeeper | null,
): Promise<(() => Promise<void>)[]> {
  const { db, redis, keyPrefix: prefix, logger } = runtime;
  const { redisUrl, workerLockMs: lockMs } = platform;
  const stops: (() => Promise<void>)[] = [];
  const [{ exists }] = (await db.dataSource.query('SELECT to_regclass($1) IS NOT NULL AS exists', [`${definition.name}.outbox`])) as [{ exists: boolean }];
  if (exists) {
    if (!platform.eventConsumers) throw new Error('CELL_EVENT_CONSUMERS is required to relay events (the platform checks it with WORKERS=on)');
    const relay = new OutboxRelay(db, platform.eventConsumers, redis, redisUrl, prefix, logger, platform.eventReplayWindowMs);
    relay.start();
    stops.push(() => relay.stop());
  }
  const handlers = definition.eventHandlers?.(services);
  const jobHandlers: Record<string, JobHandler> = { ...definition.jobs?.(services) };
  const schedules = [...(definition.schedules ?? [])];
  if (handlers && Object.keys(handlers).length) {
    assertHandlersDeclared(definition.name, definition.consumes, Object.keys(handlers));
    const routed = platform.eventConsumers?.[definition.name];
    if (!routed || [...routed].sort().join() !== [...definition.consumes!].sort().join()) {
      logger.warn(
        { routed, consumes: definition.consumes },
        'CELL_EVENT_CONSUMERS does not route to this subgraph the events it consumes (a stale cell configuration?)',
      );
    }
    const inbox = new EventInbox(db);
    const worker = startEventWorker(definition.name, handlers, inbox, { redisUrl, prefix, logger, lockMs });
    stops.push(() => worker.close());
    jobHandlers[EVENT_INBOX_PRUNE_JOB] = () => inbox.prune(2 * platform.eventReplayWindowMs);
    schedules.push({ job: EVENT_INBOX_PRUNE_JOB, everyMs: EVENT_INBOX_PRUNE_EVERY_MS });
  }
  if (trash) {
    jobHandlers[TRASH_SWEEP_JOB] = async () => void (await trash.sweep());
    schedules.push({ job: TRASH_SWEEP_JOB, everyMs: TRASH_SWEEP_EVERY_MS });
  }
  if (Object.keys(jobHandlers).length) {
    const worker = await startJobWorker(definition.name, jobHandlers, schedules, { redisUrl, prefix, logger, lockMs });
    stops.push(() => worker.close());
  }
  return stops;
}

const BODY_LIMIT = '1mb';
const TRASH_SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Builds and starts one subgraph: connects its database as its app role (and its maintenance
 * role, for background work across organizations), creates its services,
 * builds its schema and returns a router. Every GraphQL request must carry a valid internal
 * context signed by the gateway for this subgraph and body; anything else, `_service` and
 * `_entities` included, is refused with 401 before GraphQL sees it.
 */
export async function createSubgraphServer<TServices>(
  definition: SubgraphDefinition<TServices>,
  options: SubgraphServerOptions,
): Promise<SubgraphServer<TServices>> {
  const logger = options.logger ?? createLogger(definition.name);
  const db = new Database({
    url: options.databaseUrl,
    maintenanceUrl: options.maintenanceDatabaseUrl,
    schema: definition.name,
    entities: definition.entities,
    logger,
    poolSize: options.poolSize,
    poolAcquireTimeoutMs: options.poolAcquireTimeoutMs,
    applicationName: `cellgraph-${definition.name}`,
    events: definition.emits,
  });
  await db.connect();
  const { redis, redisUrl, keyPrefix, mailer, graph } = options.platform;
  const policies = new PolicyCache(db, redis, keyPrefix);
  await policies.listen();
  const jobs = new JobQueue(definition.name, redisUrl, keyPrefix);
  const runtime: SubgraphRuntime = {
    name: definition.name,
    db,
    redis,
    keyPrefix,
    authz: new Authorizer(policies, definition.scope),
    mailer,
    graph,
    jobs,
    logger,
    env: options.env ?? process.env,
  };
  const services = await definition.createServices(runtime);
  const trash = definition.trash?.length ? new TrashKeeper(db, runtime.authz, definition.trash) : null;
  const background = options.platform.workers ? await startBackgroundWork(definition, services, runtime, options.platform, trash) : [];
  const schema = await subgraphSchema(definition, services, trash);
  const apollo = new ApolloServer<SubgraphContext<TServices>>({
    schema,
    formatError: maskInternalErrors(logger),
    includeStacktraceInErrorResponses: false,
    introspection: true, // only reachable with the gateway's signature
    csrfPrevention: true,
    persistedQueries: false,
    stopOnTerminationSignals: false, // the process owner stops servers in order
    // Federated tracing would hand resolver timings to whoever reaches the subgraph; cache hints
    // are not used, and their plugin instruments every field.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), requestLogging(logger)],
  });
  await apollo.start();

  const verifier = new InternalContextVerifier(options.internalKeys, definition.name);
  const router = express.Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    const report = await ready();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  definition.publicRoutes?.(router, services);
  router.post(
    '/graphql',
    express.json({
      limit: BODY_LIMIT,
      verify: (req, _res, buffer) => {
        (req as VerifiedRequest).rawBody = buffer;
      },
    }),
    async (req: VerifiedRequest, res, next) => {
      try {
        const verified = await verifier.verify(req.header(INTERNAL_CONTEXT_HEADER), req.rawBody ?? Buffer.alloc(0));
        // The delegation is checked by the gateway when it is used; here it is only carried along.
        const delegation = req.header(DELEGATION_HEADER);
        req.cellgraphContext = delegation ? { ...verified, delegation } : verified;
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'refused request without a valid internal context');
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Unauthenticated internal request');
        return;
      }
      runWithRequestContext(req.cellgraphContext, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        request: (req as VerifiedRequest).cellgraphContext!,
        loaders: new LoaderRegistry(),
        services,
        live: liveEventFromBody(req.body),
      }),
    }),
  );
  router.all('/graphql', (_req, res) => {
    sendGraphQLError(res.set('Allow', 'POST'), 405, 'METHOD_NOT_ALLOWED', 'Subgraphs accept POST only');
  });

  async function ready(): Promise<HealthReport> {
    const [postgresUp, redisUp] = await Promise.all([db.ping(), pingRedis(redis)]);
    const checks = { postgres: postgresUp ? 'ok' : 'failing', redis: redisUp ? 'ok' : 'failing' } as const;
    return { status: postgresUp && redisUp ? 'ok' : 'unavailable', checks };
  }

  return {
    name: definition.name,
    schema,
    router,
    runtime,
    services,
    trash,
    ready,
    async stop() {
      await apollo.stop();
      // Workers take no new jobs and wait for their running ones; relays end their current batch.
      await Promise.all(background.map((stopWork) => stopWork()));
      await jobs.close();
      await policies.close();
      await db.close();
    },
  };
}

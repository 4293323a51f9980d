import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Request, type Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import { DELEGATION_HEADER, INTERNAL_CONTEXT_HEADER, InternalContextVerifier } from '../context/internal-context.js';
import type { RequestContext, SubgraphContext } from '../context/request-context.js';
import type { InternalContextKey } from '../crypto/internal-context-keys.js';
import type { TrashKeeper } from '../db/trash.js';
import { maskInternalErrors } from '../errors/mask.js';
import { LoaderRegistry } from '../loaders/loader-registry.js';
import { readSessions } from './read-sessions.js';
import { withReaderLocale } from './reader-locale.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { requestLogging } from '../logging/request-logging.js';
import { startBackgroundWork, stopBackgroundWork } from './background-work.js';
import { signedInlineTrace } from '../observability/inline-trace.js';
import { runInRequest, startServerSpan } from '../observability/server-spans.js';
import { observeSubgraphOperations } from '../observability/subgraph-metrics.js';
import { contextFromTraceHeaders } from '../observability/tracing.js';
import { subgraphSchema } from './schema.js';
import { startSubgraphRuntime, type HealthReport, type SubgraphRuntimeOptions } from './subgraph-runtime.js';
import type { SubgraphDefinition, SubgraphRuntime } from './subgraph-definition.js';
import type { SettingsReader } from '../settings/settings-reader.js';

export type { HealthReport } from './subgraph-runtime.js';
import { liveEventFromBody } from '../live/live-subscription.js';
import { mountLiveBatch } from '../live/live-batch.js';
import { sendGraphQLError } from './http-errors.js';
import { hookSignedBody, HOOKS_PATH } from './hook-request.js';

export interface SubgraphServerOptions extends Omit<SubgraphRuntimeOptions, 'logger'> {
  /** This subgraph's internal-context key(s): the current one, and the previous one while the gateway's secret rotates. */
  internalKeys: readonly InternalContextKey[];
  logger?: Logger;
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

const BODY_LIMIT = '1mb';

/** Hook requests with their raw body, accepted only with the gateway's internal context over method, path and body. */
function signedHooks(verifier: InternalContextVerifier, settings: SettingsReader, logger: Logger): express.RequestHandler[] {
  return [
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    async (req, res, next) => {
      const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      req.body = body;
      let verified: RequestContext;
      try {
        verified = verifier.verify(req.header(INTERNAL_CONTEXT_HEADER), hookSignedBody(req.method, req.url, body));
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'refused hook request without a valid internal context');
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Unauthenticated internal request');
        return;
      }
      runInRequest(res, await withReaderLocale(verified, settings, logger), next);
    },
  ];
}

function hooksRouter<TServices>(mount: (router: express.Router, services: TServices) => void, services: TServices): express.Router {
  const router = express.Router();
  mount(router, services);
  return router;
}

/**
 * Builds and starts one subgraph: its runtime and services (see startSubgraphRuntime), its
 * background work when the platform runs workers, its schema and returns a router. Every GraphQL request must carry a valid internal
 * context signed by the gateway for this subgraph and body; anything else, `_service` and
 * `_entities` included, is refused with 401 before GraphQL sees it.
 */
export async function createSubgraphServer<TServices>(
  definition: SubgraphDefinition<TServices>,
  options: SubgraphServerOptions,
): Promise<SubgraphServer<TServices>> {
  const logger = options.logger ?? createLogger(definition.name);
  const subgraph = await startSubgraphRuntime(definition, { ...options, logger });
  const { runtime, services, trash, ready } = subgraph;
  // WORKERS=on (one process does everything); in the split layout the worker service runs this.
  const background = options.platform.workers ? await startBackgroundWork(definition, services, runtime, options.platform, trash) : [];
  const schema = await subgraphSchema(definition, services, trash, runtime.features);
  const apollo = new ApolloServer<SubgraphContext<TServices>>({
    schema,
    formatError: maskInternalErrors(logger),
    includeStacktraceInErrorResponses: false,
    introspection: true, // only reachable with the gateway's signature
    csrfPrevention: true,
    persistedQueries: false,
    stopOnTerminationSignals: false, // the process owner stops servers in order
    // Federated traces (resolver timings) only when the gateway's signed context asks for them,
    // never on a header; cache hints are not used, and their plugin instruments every field.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      signedInlineTrace(),
      ApolloServerPluginCacheControlDisabled(),
      requestLogging(logger),
      readSessions(runtime.db),
      observeSubgraphOperations(definition.name, runtime.db.statements),
    ],
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
  if (definition.hooks) router.use(HOOKS_PATH, signedHooks(verifier, runtime.settings, logger), hooksRouter(definition.hooks, services));
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
        const verified = verifier.verify(req.header(INTERNAL_CONTEXT_HEADER), req.rawBody ?? Buffer.alloc(0));
        // The delegation is checked by the gateway when it is used; here it is only carried along.
        const delegation = req.header(DELEGATION_HEADER);
        req.cellgraphContext = delegation ? { ...verified, delegation } : verified;
      } catch (error) {
        logger.warn({ reason: (error as Error).message }, 'refused request without a valid internal context');
        sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Unauthenticated internal request');
        return;
      }
      // The trace context is taken from signed requests only: nothing else is served.
      startServerSpan(res, `${definition.name} request`, contextFromTraceHeaders(req.headers));
      // The reader's locale and time zone (their profile, else Accept-Language), for the texts the request answers.
      req.cellgraphContext = await withReaderLocale(req.cellgraphContext, runtime.settings, logger);
      runInRequest(res, req.cellgraphContext, next);
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
  // Gateway-driven subscriptions: one call per live event for every subscriber context (see live-batch).
  mountLiveBatch(router, { apollo, verifier, services, logger, settings: runtime.settings });
  router.all('/graphql', (_req, res) => {
    sendGraphQLError(res.set('Allow', 'POST'), 405, 'METHOD_NOT_ALLOWED', 'Subgraphs accept POST only');
  });

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
      await stopBackgroundWork(background);
      await subgraph.close();
    },
  };
}

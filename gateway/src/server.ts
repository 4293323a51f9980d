import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  AccessTokenVerifier,
  anonymous,
  answerErrorsAsGraphQL,
  connectRedis,
  createHttpApp,
  createLogger,
  closeServer,
  DELEGATION_HEADER,
  flushTracing,
  HOOKS_PATH,
  DelegationVerifier,
  InternalContextSigner,
  NODE_SUBGRAPH,
  RedisUnavailableError,
  metricsHandler,
  requestLogging,
  responseRequestId,
  runInRequest,
  runWithRequestContext,
  sendGraphQLError,
  serveMetrics,
  startTracing,
  TokenRevocations,
  type LiveFieldSpec,
  type Logger,
  type RequestContext,
  USER_AGENT_MAX_LENGTH,
} from '@cellgraph/kernel/core';
import { existsSync, readFileSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { ApiKeyResolver } from './api-keys.js';
import { authRoutes } from './auth-routes.js';
import { hookRoutes } from './hooks.js';
import { AuthenticationError, Authenticator } from './authenticate.js';
import { AccessTokenKeys, KeysUnavailableError } from './jwks.js';
import { SubgraphBreakers } from './circuit-breaker.js';
import { clientAddressResolver } from './client-address.js';
import { RateLimitedError, RateLimiter } from './rate-limit.js';
import { RequestLimits } from './request-limits.js';
import { RevocationCheck } from './revocations.js';
import type { GatewayConfig } from './config.js';
import type { GatewayContext } from './context.js';
import { nodeLimit } from './cost.js';
import { cors } from './cors.js';
import { maskGatewayErrors, OUTAGE_RETRY_AFTER_SECONDS } from './errors.js';
import { bearerChallenge, graphqlResponseHeaders } from './http-headers.js';
import { sizeCappedStringify } from './response-size.js';
import { explorerAssets, explorerPage, wantsExplorer } from './explorer.js';
import { subgraphReadiness } from './health.js';
import { aliasLimit, depthLimit, directiveLimit } from './limits.js';
import { nodeSubgraph, readNodeOwners } from './node-subgraph.js';
import { describeCell, readCellManifestOrder, type CellDescription } from './cell-modules.js';
import { observeLiveStats, observeOperations, observeRequests } from './observability.js';
import { renderText } from '@cellgraph/kernel/core';
import { readerOf, requestLocale } from './reader.js';
import { gatewayMessages } from './messages.js';
import { introspectionGuard, retryStatus, scalarInputs, subgraphTracesInResponse, subscriptionsOverWebSocket } from './plugins.js';
import { REFRESH_COOKIE_PATH, refreshTokenToCookie } from './session-cookie.js';
import { signedDataSource } from './signed-data-source.js';
import { SubgraphCaller } from './subgraph-call.js';
import { LiveEventHub } from './subscriptions/live-event-hub.js';
import { LiveBatchClient } from './subscriptions/live-batch-client.js';
import { SubscriptionEngine } from './subscriptions/subscription-engine.js';
import { attachSubscriptions } from './subscriptions/websocket.js';
import { SupergraphFile } from './supergraph-file.js';
import { patchQueryPlanner } from './query-planner-patches.js';
import { PersistedDocuments, persistedDocumentsMiddleware } from './persisted-documents.js';
import { webApp } from './web-app.js';
import { requiresConflictRule, requiresConflicts, type RequiresConflicts } from './requires-conflicts.js';

export interface Gateway {
  app: Express;
  /** Serves subscriptions (graphql-ws) on the HTTP server the app listens on. */
  attach(server: HttpServer): void;
  /** Subgraph name → URL, for the schema being served. */
  subgraphUrls(): Record<string, string>;
  /** Open WebSocket connections and subscriptions, and the Redis channels they listen to. */
  liveStats(): { connections: number; subscriptions: number; groups: number; channels: number; listeners: number };
  /** HTTP calls made to each subgraph's live batch entry point so far (one per event and subgraph). */
  liveBatchCalls(): Record<string, number>;
  /** METRICS_PORT's listener (`…/metrics`); null without one (then /metrics is on the app in development only). */
  metricsUrl: string | null;
  /** Closes every subscription socket with 1012 (Service Restart): the HTTP server waits for them when it closes. */
  closeSubscriptions(): Promise<void>;
  /** Stops serving (subscriptions included) and disconnects; call once the HTTP server has drained. */
  stop(): Promise<void>;
}

type AuthenticatedRequest = Request & { cellgraph?: RequestContext };

const ENDPOINT = '/graphql';

/**
 * The one public endpoint: authenticates callers, plans queries over the cell's supergraph and
 * sends each subgraph a signed context, under limits, with internal errors masked.
 */
export async function createGateway(config: GatewayConfig, logger: Logger = createLogger('gateway')): Promise<Gateway> {
  patchQueryPlanner(); // before anything plans; refuses another planner version
  // The app's operations (persisted documents) and its build: both refuse to start when misconfigured.
  const persistedDocuments = PersistedDocuments.load(config.persistedDocuments, config.persistedDocumentsPath);
  logger.info({ mode: persistedDocuments.mode, documents: persistedDocuments.size, path: persistedDocuments.path }, 'persisted documents');
  const spa = config.webDistDir ? webApp(config.webDistDir, config.webStorageOrigins) : null;
  await startTracing('gateway', config.traces);
  const signer = InternalContextSigner.create(config.INTERNAL_CONTEXT_SECRET);
  const delegations = new DelegationVerifier(config.INTERNAL_CONTEXT_SECRET);
  const urlOf = config.subgraphUrl;
  const redis = connectRedis(config.REDIS_URL, 'cellgraph-gateway', config.REDIS_COMMAND_TIMEOUT_MS);
  const breakers = new SubgraphBreakers({ failureThreshold: config.SUBGRAPH_BREAKER_FAILURES, cooldownMs: config.SUBGRAPH_BREAKER_COOLDOWN_MS }, logger);
  const subgraphCaller = new SubgraphCaller(signer, urlOf, config.SUBGRAPH_TIMEOUT_MS, breakers);
  // Verifies access tokens and is republished on /.well-known/jwks.json.
  const jwks = new AccessTokenKeys(config.AUTH_PUBLIC_KEYS ?? config.jwksUrl, { refreshMs: config.JWKS_REFRESH_MS, maxStaleMs: config.JWKS_MAX_STALE_MS });
  void jwks.warm();
  const authenticator = new Authenticator(
    new AccessTokenVerifier(jwks.getKey),
    new RevocationCheck(new TokenRevocations(redis, config.REDIS_KEY_PREFIX), subgraphCaller),
    new ApiKeyResolver(redis, config.REDIS_KEY_PREFIX, subgraphCaller),
    delegations,
    new RateLimiter(redis, config.REDIS_KEY_PREFIX, config.API_KEY_GUESS_LIMIT, config.API_KEY_GUESS_WINDOW_SECONDS),
  );
  const limits = new RequestLimits(redis, config.REDIS_KEY_PREFIX, {
    apiKey: { limit: config.API_KEY_RATE_LIMIT, windowSeconds: config.API_KEY_RATE_WINDOW_SECONDS },
    user: { limit: config.USER_RATE_LIMIT, windowSeconds: config.USER_RATE_WINDOW_SECONDS },
    anonymous: { limit: config.ANONYMOUS_RATE_LIMIT, windowSeconds: config.ANONYMOUS_RATE_WINDOW_SECONDS },
  });
  const clientAddress = clientAddressResolver(config.TRUST_PROXY);
  const supergraph = new SupergraphFile(config.SUPERGRAPH_PATH, urlOf, logger);
  // The node subgraph runs in this process; every other subgraph is a remote service.
  const remoteSubgraphs = () => supergraph.names.filter((name) => name !== NODE_SUBGRAPH);

  let cell: CellDescription = { name: config.cellName, modules: [] };
  const buildService = (name: string, url?: string) =>
    name === NODE_SUBGRAPH
      ? nodeSubgraph(readFileSync(config.nodeSubgraphPath, 'utf8'), readNodeOwners(config.nodeOwnersPath), subgraphCaller, () => cell)
      : signedDataSource({
          name,
          url: url ?? urlOf(name),
          signer,
          timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
          breaker: breakers.of(name),
          delegate: config.graphDelegates.includes(name),
        });
  const gateway = new ApolloGateway({ supergraphSdl: supergraph, buildService: ({ name, url }) => buildService(name, url), logger });
  let requiresConflictsNow: RequiresConflicts = new Map();
  gateway.onSchemaLoadOrUpdate((update) => {
    requiresConflictsNow = requiresConflicts(update.coreSupergraphSdl);
    cell = describeCell(config.cellName, update.coreSupergraphSdl, readCellManifestOrder(config.cellManifestPath));
  });
  const validationRules = [
    depthLimit(config.MAX_QUERY_DEPTH),
    aliasLimit(config.MAX_ALIASES),
    directiveLimit(config.MAX_DIRECTIVES),
    requiresConflictRule(() => requiresConflictsNow),
  ];
  const liveBatch = new LiveBatchClient({ signer, urlOf, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, breakers, delegates: config.graphDelegates });
  const subscriptions = new SubscriptionEngine((name) => buildService(name), logger, liveBatch);
  gateway.onSchemaLoadOrUpdate((update) => subscriptions.update(update.apiSchema, update.coreSupergraphSdl, readLiveEvents(config.liveEventsPath)));
  const maskError = maskGatewayErrors(logger);
  // Created when an HTTP server is attached: a gateway that serves no WebSocket holds no live connection.
  let live: { hub: LiveEventHub; server: ReturnType<typeof attachSubscriptions> } | null = null;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: maskGatewayErrors(logger),
    includeStacktraceInErrorResponses: false,
    stringifyResult: sizeCappedStringify(config.MAX_RESPONSE_BYTES),
    hideSchemaDetailsFromClientErrors: false, // maskGatewayErrors hides them, for WebSocket too
    introspection: true, // guarded per caller by introspectionGuard
    csrfPrevention: true,
    persistedQueries: false,
    stopOnTerminationSignals: false, // the process owner stops servers in order
    parseOptions: { maxTokens: config.MAX_TOKENS },
    validationRules,
    plugins: [
      subscriptionsOverWebSocket(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      introspectionGuard(config.development),
      scalarInputs(),
      nodeLimit(config.MAX_QUERY_NODES, { assumedListSize: config.ASSUMED_LIST_SIZE }),
      retryStatus(),
      requestLogging(logger),
      observeOperations(),
      subgraphTracesInResponse(),
      refreshTokenToCookie(config.SESSION_COOKIE_SECURE),
    ],
    logger,
  });
  await apollo.start();

  const app = createHttpApp(config.development ? 'development' : 'production');
  // The client address comes from clientAddressResolver (TRUST_PROXY); Express's own stays unused.
  app.set('trust proxy', false);
  app.get('/.well-known/jwks.json', async (_req, res) => {
    try {
      res.set('Cache-Control', 'public, max-age=60').json(await jwks.keys());
    } catch (error) {
      logger.warn({ err: error }, 'cannot fetch the access-token keys');
      res.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      sendGraphQLError(res, 503, 'SERVICE_UNAVAILABLE', readerOf(_req).t(gatewayMessages.keysUnavailable), { retryAfter: OUTAGE_RETRY_AFTER_SECONDS });
    }
  });
  // A subgraph serving a request (one of GRAPH_DELEGATES, holding its delegation) exchanges it for a job delegation, so a
  // background job it enqueues can ask the graph later as the same caller. Only a request's delegation is exchanged.
  app.post('/delegations/job', (req, res) => {
    let context: RequestContext;
    try {
      context = delegations.verifyRequestDelegation(req.header(DELEGATION_HEADER) ?? '');
    } catch {
      return sendGraphQLError(res, 401, 'UNAUTHENTICATED', readerOf(req).t(gatewayMessages.delegationRequired));
    }
    if (context.principal.kind !== 'user' && context.principal.kind !== 'api_key') {
      return sendGraphQLError(res, 403, 'FORBIDDEN', readerOf(req).t(gatewayMessages.jobActorRequired));
    }
    const ttl = config.JOB_DELEGATION_TTL_SECONDS;
    const { principal, requestId, clientAddress } = context;
    res.json({
      principal,
      delegation: signer.delegateToJob({ principal, requestId, ...(clientAddress ? { clientAddress } : {}) }, ttl),
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
    });
  });
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready = this process can serve: its supergraph is loaded. Subgraphs are reported, never
  // waited for: a subgraph down fails only its own fields, and a load balancer following
  // readiness must not drop every gateway for it (see the README's Health).
  app.get('/health/ready', (_req, res) => {
    const ok = supergraph.names.length > 0;
    const subgraphs = Object.fromEntries(remoteSubgraphs().map((name) => [name, breakers.report(name)]));
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', subgraphs, accessTokenKeys: jwks.report() });
  });
  // Prometheus: on the public port in development only; elsewhere on METRICS_PORT (see the README's Observability).
  if (config.development && config.METRICS_PORT === undefined) app.get('/metrics', metricsHandler);
  app.get('/health/subgraphs', async (_req, res) => {
    const readiness = await subgraphReadiness(Object.fromEntries(remoteSubgraphs().map((name) => [name, urlOf(name)])));
    const subgraphs = Object.fromEntries(Object.entries(readiness).map(([name, status]) => [name, { status, ...breakers.report(name) }]));
    res.json({ subgraphs });
  });
  if (config.explorer) {
    app.use('/explorer', explorerAssets());
    app.get('/favicon.ico', (_req, res) => {
      res.status(204).end();
    });
    app.get(ENDPOINT, (req, res, next) => {
      if (!wantsExplorer(req.header('accept'), 'query' in req.query)) return next();
      const { html, csp } = explorerPage(ENDPOINT);
      res.set('Content-Security-Policy', csp).type('html').send(html);
    });
  }
  // CORS before the method check: it answers preflight OPTIONS requests, which the check would refuse.
  app.use(ENDPOINT, graphqlResponseHeaders, cors(config.corsOrigins));
  app.use(
    ENDPOINT,
    observeRequests((req) => (req as AuthenticatedRequest).cellgraph),
  );
  app.use(ENDPOINT, (req, res, next) => {
    if (req.method === 'GET' || req.method === 'POST') return next();
    sendGraphQLError(res.set('Allow', 'GET, POST'), 405, 'METHOD_NOT_ALLOWED', readerOf(req).t(gatewayMessages.methodNotAllowed));
  });
  /** The caller of an HTTP request, authenticated with `authorization` and rate-limited; throws what `refuse` answers. */
  const contextOf = async (req: Request, res: Response, authorization: string | undefined): Promise<RequestContext> => {
    const requestId = responseRequestId(res);
    const delegation = req.header(DELEGATION_HEADER);
    // A delegated request is part of a request that was already counted, from its client's address.
    const delegated = delegation ? await authenticator.delegated(delegation, authorization) : null;
    const address = delegated?.clientAddress ?? clientAddress(req);
    const principal = delegated?.principal ?? (await authenticator.authenticate(authorization, requestId, address));
    const decision = delegated ? null : await limits.enforce(principal, address);
    if (decision) res.set(decision.headers);
    // The User-Agent goes signed to the subgraphs for the audit log (a delegated request keeps its client's).
    const userAgent = delegated ? delegated.userAgent : req.header('user-agent')?.slice(0, USER_AGENT_MAX_LENGTH);
    // The reader's language from Accept-Language, signed to the subgraphs (a delegated request keeps its client's).
    const locale = delegated ? delegated.locale : requestLocale(req);
    return {
      requestId,
      principal,
      clientAddress: address,
      ...(userAgent ? { userAgent } : {}),
      ...(locale ? { locale } : {}),
      ...(config.TRACE_SUBGRAPHS === 'ftv1' ? { trace: 'ftv1' as const } : {}),
    };
  };
  const refuse = (error: unknown, res: Response) => {
    const reader = readerOf(res.req);
    if (error instanceof RateLimitedError) {
      res.set(error.decision.headers);
      return sendGraphQLError(res, 429, 'RATE_LIMITED', renderText(error.text, reader), { retryAfter: error.decision.retryAfter });
    }
    if (error instanceof AuthenticationError) {
      res.set('WWW-Authenticate', bearerChallenge(true));
      return sendGraphQLError(res, 401, 'UNAUTHENTICATED', renderText(error.text, reader));
    }
    // Redis or identity's keys out of reach is an outage, not a bug: a warning, and a retry hint.
    const outage = error instanceof RedisUnavailableError || error instanceof KeysUnavailableError;
    logger[outage ? 'warn' : 'error']({ err: error, requestId: responseRequestId(res) }, 'authentication unavailable');
    res.set('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
    sendGraphQLError(res, 503, 'SERVICE_UNAVAILABLE', reader.t(gatewayMessages.authenticationUnavailable), { retryAfter: OUTAGE_RETRY_AFTER_SECONDS });
  };
  app.use(
    ENDPOINT,
    express.json({ limit: config.MAX_BODY_BYTES }),
    async (req: AuthenticatedRequest, res, next) => {
      try {
        req.cellgraph = await contextOf(req, res, req.header('authorization'));
      } catch (error) {
        return refuse(error, res);
      }
      runInRequest(res, req.cellgraph, next);
    },
    persistedDocumentsMiddleware(persistedDocuments),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        request: (req as AuthenticatedRequest).cellgraph!,
        ...(config.TRACE_SUBGRAPHS_IN_RESPONSE ? { subgraphTraces: [] } : {}),
      }),
    }),
  );
  // Browser sessions: the refresh cookie's endpoints (see the README's "Browser sessions (cookie mode)").
  app.use(
    REFRESH_COOKIE_PATH,
    graphqlResponseHeaders,
    cors(config.corsOrigins),
    authRoutes({
      allowedOrigins: config.corsOrigins.filter((origin) => origin !== '*'),
      secureCookie: config.SESSION_COOKIE_SECURE,
      contextOf,
      refuse,
      execute: (query, variables, request, res) =>
        runInRequest(res, request, async () => {
          const response = await apollo.executeOperation({ query, variables }, { contextValue: { request } });
          if (response.body.kind !== 'single') throw new Error('an incremental answer to a session mutation');
          const { data, errors } = response.body.singleResult;
          return { status: response.http.status ?? 200, headers: response.http.headers, data, errors };
        }),
    }),
  );
  // Subgraphs' public HTTP routes (webhooks, simulators' pages), signed for the subgraph like every hop.
  app.use(
    HOOKS_PATH,
    hookRoutes({
      signer,
      urlOf,
      subgraphs: remoteSubgraphs,
      breakers,
      timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
      maxBodyBytes: config.MAX_BODY_BYTES,
      admit: async (req, res) => {
        const decision = await limits.enforce({ kind: 'anonymous' }, clientAddress(req));
        if (decision) res.set(decision.headers);
      },
      clientAddress,
      refuse,
    }),
  );
  if (spa) app.use(spa); // the SPA, on paths nothing above answered
  answerErrorsAsGraphQL(app, logger);
  const liveStats = () => ({
    ...(live?.server.stats() ?? { connections: 0, subscriptions: 0, groups: 0 }),
    ...(live?.hub.stats() ?? { channels: 0, listeners: 0 }),
  });
  const unobserveLive = observeLiveStats(liveStats);
  const metrics = config.METRICS_PORT === undefined ? null : await serveMetrics(config.METRICS_PORT, config.METRICS_HOST);
  if (metrics) logger.info({ url: metrics.url }, 'metrics listening');

  return {
    app,
    attach(server) {
      const hub = new LiveEventHub(connectRedis(config.REDIS_URL, 'cellgraph-gateway-live', config.REDIS_COMMAND_TIMEOUT_MS), config.REDIS_KEY_PREFIX, logger);
      const subscriptionServer = attachSubscriptions(server, {
        path: ENDPOINT,
        engine: subscriptions,
        hub,
        clientAddress,
        authenticate: (authorization, requestId, address) => authenticator.authenticate(authorization, requestId, address),
        // A connection counts as one request of its caller's rate limit.
        admit: async (principal, address) => void (await limits.enforce(principal, address)),
        validationRules,
        persistedDocuments,
        maxQueryNodes: config.MAX_QUERY_NODES,
        assumedListSize: config.ASSUMED_LIST_SIZE,
        maxTokens: config.MAX_TOKENS,
        maxPayloadBytes: config.MAX_BODY_BYTES,
        maxResponseBytes: config.MAX_RESPONSE_BYTES,
        maxSubscriptionsPerConnection: config.MAX_SUBSCRIPTIONS_PER_CONNECTION,
        maxPendingEvents: config.MAX_PENDING_EVENTS,
        maxQueuedLiveEvents: config.MAX_QUEUED_LIVE_EVENTS,
        revalidateMs: config.SUBSCRIPTION_REVALIDATE_MS,
        revalidateTimeoutMs: config.SUBSCRIPTION_REVALIDATE_TIMEOUT_MS,
        formatError: (error, requestId) =>
          runWithRequestContext({ requestId, principal: anonymous }, () => {
            const formatted = maskError(error.toJSON(), error);
            return new GraphQLError(formatted.message, { path: formatted.path, extensions: formatted.extensions });
          }),
        logger,
      });
      live = { hub, server: subscriptionServer };
    },
    subgraphUrls: () => Object.fromEntries(remoteSubgraphs().map((name) => [name, urlOf(name)])),
    liveStats,
    liveBatchCalls: () => liveBatch.stats(),
    metricsUrl: metrics?.url ?? null,
    closeSubscriptions: async () => live?.server.close(),
    async stop() {
      unobserveLive();
      await live?.server.close();
      await apollo.stop();
      live?.hub.close();
      redis.disconnect();
      if (metrics) await closeServer(metrics.server);
      await flushTracing();
    },
  };
}

/** Each subscription field → the events that may produce it, composed beside the supergraph. */
function readLiveEvents(path: string): Record<string, LiveFieldSpec> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, LiveFieldSpec>) : {};
}

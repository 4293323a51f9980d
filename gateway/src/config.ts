import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  boolFromEnv,
  cellNamespaceEnv,
  DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
  intFromEnv,
  JOB_DELEGATION_MAX_TTL_SECONDS,
  isDevelopment,
  MAX_PAGE_SIZE,
  metricsEnv,
  parseEnv,
  internalContextSecretSchema,
  publicJwksSchema,
  redisKeyPrefixOf,
  requireCellName,
  tracesExporterOf,
  type TracesTarget,
} from '@cellgraph/kernel/core';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './client-address.js';

/** Vite's dev server, where the SPA runs in development. */
export const SPA_DEV_ORIGIN = 'http://localhost:5173';

/** The repository's web/dist (from src/ or dist/ of the gateway package alike). */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const corsOrigin = z
  .string()
  .refine(
    (value) => value === '*' || (URL.canParse(value) && new URL(value).origin === value),
    'must be * or origins like https://app.example.com (no path, no trailing slash)',
  );

/** The origin of the object store's endpoint, as the app's CSP names it (none when unset). */
function storageOriginOf(endpoint: string | undefined): string[] {
  return endpoint ? [new URL(endpoint).origin] : [];
}

const gatewayEnv = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** The cell's composed supergraph (schema/cells/<cell>/supergraph.graphql); reloaded on change. */
  SUPERGRAPH_PATH: z.string().min(1, 'is required (path of the cell’s supergraph.graphql)'),
  /** The cell's node subgraph, served in the gateway; defaults to node.graphql beside the supergraph. */
  NODE_SUBGRAPH_PATH: z.string().optional(),
  /** Which subgraph owns each Node type (JSON); defaults to node-owners.json beside the supergraph. */
  NODE_OWNERS_PATH: z.string().optional(),
  /** Where subgraphs answer; {name} is replaced by the subgraph's name. */
  SUBGRAPH_URL_TEMPLATE: z
    .string()
    .default('http://127.0.0.1:4001/{name}/graphql')
    .refine((value) => value.includes('{name}'), 'must contain {name}'),
  SUBGRAPH_TIMEOUT_MS: intFromEnv(10_000),
  /** Consecutive failures (unreachable, timed out, 502/503/504) of one subgraph that open its circuit breaker. */
  SUBGRAPH_BREAKER_FAILURES: intFromEnv(5),
  /** How long an open breaker fails that subgraph's fields at once before one request probes it again. */
  SUBGRAPH_BREAKER_COOLDOWN_MS: intFromEnv(10_000),
  /** The secret each subgraph's internal-context key is derived from (base64url, ≥ 32 bytes; see the kernel README). */
  INTERNAL_CONTEXT_SECRET: internalContextSecretSchema,
  /** Public keys of access tokens (JWKS); when unset, they are fetched from AUTH_JWKS_URL. */
  AUTH_PUBLIC_KEYS: publicJwksSchema.optional(),
  /** Where identity publishes them; defaults to identity's /.well-known/jwks.json beside its /graphql. */
  AUTH_JWKS_URL: z.url().optional(),
  /** Fetched access-token keys older than this are refetched (in the background). */
  JWKS_REFRESH_MS: intFromEnv(60_000),
  /** While identity is unreachable, the last fetched keys are used until this old; then access tokens get SERVICE_UNAVAILABLE. */
  JWKS_MAX_STALE_MS: intFromEnv(3_600_000),
  REDIS_URL: z.url({ error: 'must be a redis:// URL' }),
  /** How long a Redis command may go unanswered before Redis counts as unavailable (fail fast). */
  REDIS_COMMAND_TIMEOUT_MS: intFromEnv(DEFAULT_REDIS_COMMAND_TIMEOUT_MS),
  /** Requests per window allowed to each API key. */
  API_KEY_RATE_LIMIT: intFromEnv(600),
  API_KEY_RATE_WINDOW_SECONDS: intFromEnv(60),
  /** Requests per window allowed to each signed-in user (all of their sessions together). */
  USER_RATE_LIMIT: intFromEnv(600),
  USER_RATE_WINDOW_SECONDS: intFromEnv(60),
  /** Requests per window allowed to anonymous callers, per client address. */
  ANONYMOUS_RATE_LIMIT: intFromEnv(300),
  ANONYMOUS_RATE_WINDOW_SECONDS: intFromEnv(60),
  /** Unknown API keys one client address may present per window before its API keys are refused. */
  API_KEY_GUESS_LIMIT: intFromEnv(20),
  API_KEY_GUESS_WINDOW_SECONDS: intFromEnv(600),
  /** Proxies trusted to report the client's address (X-Forwarded-For): none, a hop count, or their addresses/subnets. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx): TrustProxy => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Serve the GraphQL explorer on GET /graphql; always on when NODE_ENV=development. */
  EXPLORER_ENABLED: boolFromEnv(false),
  /** `ftv1`: ask every subgraph, in the signed internal context, for an inline federated trace of its part. */
  TRACE_SUBGRAPHS: z.enum(['off', 'ftv1']).default('off'),
  /** Hand those traces to the client (`extensions.subgraphTraces`); they stay out of responses otherwise. */
  TRACE_SUBGRAPHS_IN_RESPONSE: boolFromEnv(false),
  /**
   * Origins of browser apps allowed to call (comma-separated `scheme://host[:port]`, or `*` for any
   * origin without credentials); defaults to none, and to the SPA's dev server in development.
   */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ?.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(corsOrigin).optional()),
  /**
   * Origins the app's pages may send files to and show images from: the files subgraph's store as
   * browsers reach it (presigned PUT and GET URLs), added to the page's CSP `connect-src` and
   * `img-src` (comma-separated); defaults to the origin of S3_PUBLIC_ENDPOINT, else S3_ENDPOINT.
   */
  WEB_STORAGE_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ?.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(corsOrigin.refine((value) => value !== '*', 'must name origins (not *)')).optional()),
  S3_PUBLIC_ENDPOINT: z.url().optional(),
  S3_ENDPOINT: z.url().optional(),
  MAX_QUERY_DEPTH: intFromEnv(15),
  MAX_QUERY_NODES: intFromEnv(50_000),
  /** Objects assumed for a list whose arguments do not bound it (see cost.ts). */
  ASSUMED_LIST_SIZE: intFromEnv(MAX_PAGE_SIZE),
  /** Serialized size of one response (RESPONSE_TOO_LARGE beyond). */
  MAX_RESPONSE_BYTES: intFromEnv(10_000_000),
  MAX_ALIASES: intFromEnv(30),
  MAX_DIRECTIVES: intFromEnv(50),
  MAX_TOKENS: intFromEnv(5_000),
  MAX_BODY_BYTES: intFromEnv(1_000_000),
  /** Each Subscription field's events (JSON); defaults to live-events.json beside the supergraph. */
  LIVE_EVENTS_PATH: z.string().optional(),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: intFromEnv(100),
  /** Payloads queued for one subscriber; beyond, they are dropped and counted (EVENTS_DROPPED, the subscription goes on). */
  MAX_PENDING_EVENTS: intFromEnv(1_000),
  /** Live events queued per organization before they are resolved; beyond, dropped (EVENTS_DROPPED to whom they concerned). */
  MAX_QUEUED_LIVE_EVENTS: intFromEnv(10_000),
  /** How often a WebSocket's credentials are checked again (expired, signed out, revoked). */
  SUBSCRIPTION_REVALIDATE_MS: intFromEnv(30_000),
  /** How long one such check may take; slower decides nothing (the connection stays open). */
  SUBSCRIPTION_REVALIDATE_TIMEOUT_MS: intFromEnv(5_000),
  /** The SPA's production build, served on every path the gateway does not answer; defaults to the repository's web/dist when it exists ('' = none). */
  WEB_DIST_DIR: z.string().optional(),
  /** The SPA's persisted-documents manifest (`{ hash: document }`); defaults to persisted-documents.json in WEB_DIST_DIR when it exists ('' = none). */
  PERSISTED_DOCUMENTS_PATH: z.string().optional(),
  /** `enforce`: the first-party app must send manifest hashes; `allow`: hashes and documents from everyone; `off`: no hashes. */
  PERSISTED_DOCUMENTS: z.enum(['enforce', 'allow', 'off']).optional(),
  /** The refresh cookie of browser sessions is `Secure` (Chromium accepts Secure cookies on http://localhost too). */
  SESSION_COOKIE_SECURE: boolFromEnv(true),
  /** Subgraphs handed a delegation with each request, to ask the graph as the caller (comma-separated). */
  GRAPH_DELEGATES: z.string().default('collaboration,identity,notes,files,documents,finance,audit,search,imports,exports'),
  /** How long a job delegation lives (POST /delegations/job: a job acting for the caller of the request that enqueued it). */
  JOB_DELEGATION_TTL_SECONDS: z.coerce.number().int().min(1).max(JOB_DELEGATION_MAX_TTL_SECONDS).default(3600),
  // The cell's Redis namespace (CELL_NAME, CELL_INSTANCE, REDIS_KEY_PREFIX): see the kernel's cell-namespace.
  ...cellNamespaceEnv.shape,
  // METRICS_PORT, METRICS_HOST: where /metrics is served (see the README's Observability).
  ...metricsEnv.shape,
});

export type GatewayConfig = z.output<typeof gatewayEnv> & {
  /** Prefix of the cell's Redis keys and live channels (REDIS_KEY_PREFIX, else derived from the cell and instance). */
  REDIS_KEY_PREFIX: string;
  /** NODE_ENV=development (the kernel's isDevelopment: unset is production). */
  development: boolean;
  explorer: boolean;
  /** Where a subgraph answers: SUBGRAPH_URL_<NAME> when set, else the template. */
  subgraphUrl(name: string): string;
  /** Where the access-token keys are published. */
  jwksUrl: string;
  graphDelegates: string[];
  corsOrigins: string[];
  nodeSubgraphPath: string;
  nodeOwnersPath: string;
  liveEventsPath: string;
  /** The SPA's build directory to serve, or null: no app served. */
  webDistDir: string | null;
  /** Origins the app's pages may PUT files to and show images from (the object store's): WEB_STORAGE_ORIGINS or the S3 endpoint's. */
  webStorageOrigins: string[];
  /** The persisted-documents manifest, or null: none. */
  persistedDocumentsPath: string | null;
  /** PERSISTED_DOCUMENTS, or its default: `enforce` in production when a manifest is found, else `allow`. */
  persistedDocuments: 'enforce' | 'allow' | 'off';
  /** The cell's name as `cell` reports it: CELL_NAME, else the supergraph's folder (schema/cells/<cell>). */
  cellName: string;
  /** The cell's manifest beside the supergraph (its modules' order), if there is one. */
  cellManifestPath: string;
  /** Where spans go (the standard OTEL_* variables and TRACES_FILE), or null: tracing off. */
  traces: TracesTarget | null;
};

const urlOverride = z.url({ error: 'must be the URL of a subgraph’s /graphql' });

export function parseGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = parseEnv('gateway', gatewayEnv.superRefine(requireCellName), env);
  const overrides = parseEnv(
    'gateway',
    z.record(z.string(), urlOverride),
    Object.fromEntries(Object.entries(env).filter(([key, value]) => /^SUBGRAPH_URL_[A-Z0-9_]+$/.test(key) && key !== 'SUBGRAPH_URL_TEMPLATE' && value)),
  );
  const development = isDevelopment(env);
  const webDistDir =
    config.WEB_DIST_DIR === undefined
      ? existsSync(DEFAULT_WEB_DIST_DIR)
        ? DEFAULT_WEB_DIST_DIR
        : null
      : config.WEB_DIST_DIR
        ? resolve(config.WEB_DIST_DIR)
        : null;
  const defaultManifest = webDistDir ? join(webDistDir, 'persisted-documents.json') : null;
  const persistedDocumentsPath =
    config.PERSISTED_DOCUMENTS_PATH === undefined
      ? defaultManifest && existsSync(defaultManifest)
        ? defaultManifest
        : null
      : config.PERSISTED_DOCUMENTS_PATH
        ? resolve(config.PERSISTED_DOCUMENTS_PATH)
        : null;
  const subgraphUrl = (name: string) =>
    overrides[`SUBGRAPH_URL_${name.toUpperCase().replaceAll('-', '_')}`] ?? config.SUBGRAPH_URL_TEMPLATE.replaceAll('{name}', name);
  return {
    ...config,
    REDIS_KEY_PREFIX: redisKeyPrefixOf(config),
    development,
    explorer: development || config.EXPLORER_ENABLED,
    subgraphUrl,
    jwksUrl: config.AUTH_JWKS_URL ?? subgraphUrl('identity').replace(/\/graphql\/?$/, '/.well-known/jwks.json'),
    corsOrigins: config.CORS_ORIGINS ?? (development ? [SPA_DEV_ORIGIN] : []),
    graphDelegates: config.GRAPH_DELEGATES.split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    nodeSubgraphPath: config.NODE_SUBGRAPH_PATH ?? join(dirname(config.SUPERGRAPH_PATH), 'node.graphql'),
    nodeOwnersPath: config.NODE_OWNERS_PATH ?? join(dirname(config.SUPERGRAPH_PATH), 'node-owners.json'),
    liveEventsPath: config.LIVE_EVENTS_PATH ?? join(dirname(config.SUPERGRAPH_PATH), 'live-events.json'),
    webDistDir,
    webStorageOrigins: config.WEB_STORAGE_ORIGINS ?? storageOriginOf(config.S3_PUBLIC_ENDPOINT ?? config.S3_ENDPOINT),
    persistedDocumentsPath,
    // Production enforces the manifest it has; a gateway with none (an API-only deployment) cannot, and allows.
    persistedDocuments: config.PERSISTED_DOCUMENTS ?? (!development && persistedDocumentsPath ? 'enforce' : 'allow'),
    cellName: config.CELL_NAME ?? basename(dirname(config.SUPERGRAPH_PATH)),
    cellManifestPath: join(dirname(config.SUPERGRAPH_PATH), 'cell.json'),
    traces: tracesExporterOf(env),
  };
}

/**
 * `@cellgraph/kernel/core`: the kernel's light part, for the gateway, clients and runtime scripts —
 * auth, configuration, request context, keys, coded errors, ids, logging, Redis, scalars, HTTP
 * hosting and shutdown. It must not load typeorm, type-graphql, bullmq, nodemailer,
 * @apollo/subgraph, pg, casbin or reflect-metadata, not even transitively (checked by
 * gateway/test/module-graph.test.ts): a module that needs one belongs to the subgraph entry,
 * index.ts.
 */
export * from './auth/access-token.js';
export * from './auth/api-keys.js';
export * from './auth/revocation.js';
export * from './authz/api-key-scopes.js';
export * from './config/cell-namespace.js';
export * from './config/env.js';
export * from './config/runtime-mode.js';
export * from './context/request-context.js';
export * from './context/internal-context.js';
export * from './crypto/internal-context-keys.js';
export * from './crypto/secret-box.js';
export * from './crypto/secret-tokens.js';
export * from './crypto/webhook-signature.js';
export * from './crypto/signing-keys.js';
export * from './db/roles.js';
export * from './errors/coded-error.js';
export { kernelMessages } from './errors/messages.js';
export * from './i18n/index.js';
export * from './i18n/reader.js';
export * from './events/outbox.js';
export * from './federation/federation-spec.js';
export * from './files/spreadsheet-safe.js';
export * from './federation/node-subgraph.js';
export * from './ids/global-id.js';
export * from './imports/importers.js';
export * from './ids/uuid.js';
export * from './live/live-subscription.js';
export * from './logging/logger.js';
export * from './logging/request-logging.js';
export * from './money/currency.js';
export * from './observability/metrics.js';
export * from './observability/server-spans.js';
export * from './observability/tracing.js';
export type { SpanRecord } from './observability/file-span-exporter.js';
export * from './money/decimal.js';
export * from './redis/redis.js';
export * from './relay/page-size.js';
export * from './scalars/custom-scalars.js';
export * from './scalars/scalar-inputs.js';
export * from './server/host.js';
export * from './server/http-errors.js';
export * from './server/shutdown.js';
export * from './server/hook-request.js';
export * from './settings/settings-namespaces.js';
export * from './settings/settings-reader.js';
export * from './flags/feature-flags.js';

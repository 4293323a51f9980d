import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellKeyPrefix } from '../config/cell-namespace.js';
import { cellEventConsumers } from '../events/consumers.js';
import { CELL_RESTRICTED_MODULES, cellRestrictedModules } from '../authz/restricted-modules.js';
import { CELL_SETTINGS_NAMESPACES, cellSettingsNamespaces } from '../settings/settings-namespaces.js';
import { CELL_IMPORTERS, cellImporters } from '../imports/importers.js';
import { INTERNAL_CONTEXT_HEADER, InternalContextSigner } from '../context/internal-context.js';
import type { Principal, RequestContext } from '../context/request-context.js';
import { deriveSubgraphKey, generateInternalContextSecret, internalContextKeysEnv } from '../crypto/internal-context-keys.js';
import { appConnectionString, maintenanceConnectionString } from '../db/roles.js';
import { createLogger } from '../logging/logger.js';
import type { Redis } from '../redis/redis.js';
import { startPlatform, type Platform } from '../server/platform.js';
import { createHost, listen } from '../server/host.js';
import { closeServer } from '../server/shutdown.js';
import type { AnySubgraphDefinition } from '../server/subgraph-definition.js';
import { createSubgraphServer, type SubgraphServer } from '../server/subgraph-server.js';
import { TEST_APP_PASSWORD, TEST_REDIS_URL } from './infrastructure.js';

/** A GraphQL response's data or extensions as tests read them: JSON whose shape the test's assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON at the edge of a test, checked by its assertions, not by types
export type GraphQLData = Record<string, any>;

export interface GraphQLResult<T = GraphQLData> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: GraphQLData }[];
}

export interface SubgraphHarness {
  url: string;
  servers: SubgraphServer<unknown>[];
  signer: InternalContextSigner;
  /** Redis, key prefix (unique to this harness) and mailer the subgraphs share. */
  platform: Platform;
  /** Where the e-mail the subgraphs send arrives (a file sink). */
  emailDir: string;
  /** Sends an operation to `subgraph` with a context signed as the gateway would. */
  request<T = GraphQLData>(
    subgraph: string,
    query: string,
    variables?: Record<string, unknown>,
    principal?: Principal,
    requestId?: string,
  ): Promise<GraphQLResult<T>>;
  /** Sends a raw body with raw headers (no signing unless the caller adds it). */
  post(subgraph: string, body: string, headers?: Record<string, string>): Promise<GraphQLResult>;
  /** SQL statements the subgraph sent while serving the request `requestId` (background work excluded). */
  statements(subgraph: string, requestId: string): number;
  stop(): Promise<void>;
}

/**
 * Serves `definitions` on a port the system picks, connected to `databaseUrl` as their app roles,
 * with a fresh internal-context key pair: tests talk to subgraphs the way the gateway does.
 */
export async function startTestSubgraphs(
  definitions: readonly AnySubgraphDefinition[],
  options: { databaseUrl: string; env?: Record<string, string>; internalKeys?: TestInternalKeys },
): Promise<SubgraphHarness> {
  const keys = options.internalKeys ?? testInternalKeys();
  const emailDir = mkdtempSync(join(tmpdir(), 'cellgraph-mail-'));
  // The events are routed among the subgraphs served here (and their restricted modules known) unless the test says otherwise.
  const env = {
    ...process.env,
    ...testPlatformEnv(emailDir),
    CELL_EVENT_CONSUMERS: JSON.stringify(cellEventConsumers(definitions)),
    [CELL_RESTRICTED_MODULES]: JSON.stringify(cellRestrictedModules(definitions)),
    [CELL_SETTINGS_NAMESPACES]: JSON.stringify(cellSettingsNamespaces(definitions)),
    [CELL_IMPORTERS]: JSON.stringify(cellImporters(definitions)),
    ...options.env,
  };
  const platform = startPlatform(env, createLogger('platform', process.env.LOG_LEVEL ?? 'silent'));
  const servers: SubgraphServer<unknown>[] = [];
  for (const definition of definitions) {
    servers.push(
      await createSubgraphServer(definition, {
        databaseUrl: appConnectionString(options.databaseUrl, definition.name, TEST_APP_PASSWORD),
        maintenanceDatabaseUrl: maintenanceConnectionString(options.databaseUrl, definition.name, TEST_APP_PASSWORD),
        platform,
        internalKeys: [deriveSubgraphKey(keys.secret, definition.name)],
        logger: createLogger(definition.name, process.env.LOG_LEVEL ?? 'silent'),
        poolSize: 5,
        env,
      }),
    );
  }
  const { server, url }: { server: Server; url: string } = await listen(createHost(servers), 0);
  const post = async (subgraph: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResult> => {
    const response = await fetch(`${url}/${subgraph}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, ...((await response.json()) as object) };
  };
  return {
    url,
    servers,
    signer: keys.signer,
    platform,
    emailDir,
    async request(subgraph, query, variables = {}, principal = { kind: 'anonymous' }, requestId = 'test-request') {
      const body = JSON.stringify({ query, variables });
      const context: RequestContext = { requestId, principal };
      return post(subgraph, body, { [INTERNAL_CONTEXT_HEADER]: keys.signer.sign(context, subgraph, body) }) as never;
    },
    post,
    statements(subgraph, requestId) {
      const found = servers.find((s) => s.name === subgraph);
      if (!found) throw new Error(`no subgraph ${subgraph}`);
      return found.runtime.db.statements.forRequest(requestId);
    },
    async stop() {
      await closeServer(server);
      await Promise.all(servers.map((s) => s.stop()));
      await deleteRedisKeys(platform.redis, platform.keyPrefix);
      await platform.stop();
      rmSync(emailDir, { recursive: true, force: true });
    },
  };
}

/**
 * Platform settings of one test: an instance of its own (so its own Redis namespace, derived as
 * in any deployment: `cellgraph:<cell>:<instance>`) and e-mail sink. The prefix is also set
 * explicitly, so a REDIS_KEY_PREFIX in the shell running the tests never replaces it.
 */
export function testPlatformEnv(
  emailDir: string,
  cell = 'test',
): Record<string, string> & { CELL_NAME: string; CELL_INSTANCE: string; REDIS_KEY_PREFIX: string } {
  const instance = `t${randomBytes(6).toString('hex')}`;
  return {
    REDIS_URL: TEST_REDIS_URL,
    CELL_NAME: cell,
    CELL_INSTANCE: instance,
    REDIS_KEY_PREFIX: cellKeyPrefix(cell, instance),
    EMAIL_SINK_DIR: emailDir,
    EMAIL_PROVIDER: 'file',
  };
}

/** Removes every Redis key under `prefix` (what a test left behind). */
export async function deleteRedisKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A fresh gateway secret and its signer; `env(names)` gives those subgraphs their keys, as a host reads them. */
export interface TestInternalKeys {
  secret: Buffer;
  signer: InternalContextSigner;
  env(names: readonly string[]): Record<string, string>;
}

export function testInternalKeys(): TestInternalKeys {
  const secret = Buffer.from(generateInternalContextSecret(), 'base64url');
  return { secret, signer: InternalContextSigner.create(secret), env: (names) => internalContextKeysEnv(secret, names) };
}

/** A signed-in user acting in `orgId`. */
export function userPrincipal(userId: string, orgId: string | null): Principal {
  return { kind: 'user', userId, orgId, scopes: [] };
}

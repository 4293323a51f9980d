import { createGateway, parseGatewayConfig, type Gateway } from '@cellgraph/gateway';
import { once } from 'node:events';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CELL_API_KEY_SCOPES,
  CELL_RESTRICTED_MODULES,
  CELL_SETTINGS_NAMESPACES,
  CELL_IMPORTERS,
  cellImporters,
  cellSettingsNamespaces,
  cellApiKeyScopes,
  cellRestrictedModules,
  cellEventConsumers,
  closeServer,
  createLogger,
  ensureDatabase,
  keepIdleConnections,
  prepareCellDatabase,
  serveSubgraphs,
  type SubgraphServer,
} from '@cellgraph/kernel';
import { eventCatalogPath, supergraphPath, type Cell } from './cells.js';
import { keysEnv, type CellKeys } from './keys.js';

export interface PreparedDatabase {
  /** Whether the database was created now. */
  created: boolean;
  /** The migrations applied now, by subgraph (empty: it was up to date). */
  applied: Record<string, string[]>;
}

/**
 * Creates the cell's database if needed, then each enabled subgraph's roles and schema, and runs
 * its migrations. Disabled subgraphs get nothing: no schema, no tables.
 */
export async function prepareDatabase(cell: Cell, databaseUrl: string, appPassword: string): Promise<PreparedDatabase> {
  const created = await ensureDatabase(databaseUrl);
  return { created, applied: await prepareCellDatabase(databaseUrl, cell.subgraphs, appPassword) };
}

export interface CellOptions {
  cell: Cell;
  /** Administrator connection to the cell's (prepared) database. */
  databaseUrl: string;
  appPassword: string;
  redisUrl: string;
  keys: CellKeys;
  host?: string;
  /** 0 picks a free port. */
  gatewayPort?: number;
  subgraphsPort?: number;
  /** Supergraph file to serve; defaults to the cell's committed one. */
  supergraphPath?: string;
  /** Which instance of the cell (its Redis namespace; default `main`, see the kernel's cell-namespace). */
  instance?: string;
  /** Further variables (NODE_ENV, limits, …). */
  env?: Record<string, string>;
}

export interface RunningCell {
  gatewayUrl: string;
  /** The gateway (its live statistics). */
  gateway: Gateway;
  subgraphsUrl: string;
  /** The running subgraphs (their runtimes count SQL statements). */
  subgraphs: SubgraphServer[];
  stop(): Promise<void>;
}

/**
 * What a cell's processes must know of the cell: its name (its Redis namespace), its Node types, trash types, API-key scopes, restricted modules, event routing, settings namespaces,
 * importers, and where its event catalog is (webhooks; a file, too large for a variable).
 */
export function cellEnv(cell: Cell): Record<string, string> {
  return {
    CELL_NAME: cell.name,
    CELL_NODE_TYPES: cell.subgraphs.flatMap((definition) => definition.nodeTypes ?? []).join(','),
    CELL_TRASH_TYPES: cell.subgraphs.flatMap((definition) => (definition.trash ?? []).map((spec) => spec.type)).join(','),
    [CELL_API_KEY_SCOPES]: JSON.stringify(cellApiKeyScopes(cell.subgraphs)),
    [CELL_RESTRICTED_MODULES]: JSON.stringify(cellRestrictedModules(cell.subgraphs)),
    CELL_EVENT_CONSUMERS: JSON.stringify(cellEventConsumers(cell.subgraphs)),
    [CELL_SETTINGS_NAMESPACES]: JSON.stringify(cellSettingsNamespaces(cell.subgraphs)),
    [CELL_IMPORTERS]: JSON.stringify(cellImporters(cell.subgraphs)),
    WEBHOOK_EVENT_CATALOG_PATH: eventCatalogPath(cell.name),
  };
}

/**
 * Starts the cell's subgraphs on one host process and its gateway in front of them. The gateway's
 * port is taken first (answering 503 until it is ready), so subgraphs know where the graph is.
 */
export async function startCell(options: CellOptions): Promise<RunningCell> {
  const host = options.host ?? '127.0.0.1';
  let gatewayApp: RequestListener | null = null;
  const server = keepIdleConnections(
    createServer((req, res) => {
      if (gatewayApp) return gatewayApp(req, res);
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: 'Starting', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }));
    }),
  );
  server.listen(options.gatewayPort ?? 0, host);
  await once(server, 'listening');
  const gatewayOrigin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  const gatewayUrl = `${gatewayOrigin}/graphql`;
  const baseEnv: NodeJS.ProcessEnv = {
    // One process serves the gateway and the subgraphs: its spans are the cell's (unless named).
    OTEL_SERVICE_NAME: `cellgraph-${options.cell.name}`,
    ...process.env,
    ...keysEnv(options.keys),
    ...cellEnv(options.cell),
    ...(options.instance ? { CELL_INSTANCE: options.instance } : {}),
    DATABASE_URL: options.databaseUrl,
    DATABASE_APP_PASSWORD: options.appPassword,
    REDIS_URL: options.redisUrl,
    GRAPH_URL: gatewayUrl,
    // Identity's invitation and password-reset links open the SPA, which the gateway serves.
    APP_URL: process.env.APP_URL || gatewayOrigin.replace(/\/\/(0\.0\.0\.0|\[::\]):/, '//localhost:'),
    HOST: host,
    ...options.env,
  };
  let subgraphs: Awaited<ReturnType<typeof serveSubgraphs>> | undefined;
  try {
    subgraphs = await serveSubgraphs(options.cell.subgraphs, { ...baseEnv, PORT: String(options.subgraphsPort ?? 0) });
    const config = parseGatewayConfig({
      ...baseEnv,
      SUPERGRAPH_PATH: options.supergraphPath ?? supergraphPath(options.cell.name),
      SUBGRAPH_URL_TEMPLATE: `${subgraphs.url}/{name}/graphql`,
    });
    const gateway = await createGateway(config, createLogger('gateway', baseEnv.LOG_LEVEL, baseEnv.LOG_FILE));
    gatewayApp = gateway.app;
    gateway.attach(server);
    const running = subgraphs;
    return {
      gatewayUrl,
      gateway,
      subgraphsUrl: running.url,
      subgraphs: running.servers,
      async stop() {
        // Stop accepting, end the subscriptions' sockets (the server waits for them), then the rest.
        const closing = closeServer(server);
        await gateway.stop();
        await closing;
        await running.stop();
      },
    };
  } catch (error) {
    await closeServer(server);
    await subgraphs?.stop();
    throw error;
  }
}

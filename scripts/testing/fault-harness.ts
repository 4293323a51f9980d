import { connect, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cellKeyPrefix } from '@cellgraph/kernel';
import { createTestDatabase, TEST_APP_PASSWORD, waitFor, type TestDatabase } from '@cellgraph/kernel/testing';
import { cellEnv } from '../runtime/cell.js';
import { loadCell, type Cell } from '../runtime/cells.js';
import { graphqlRequest, type GraphQLData, type GraphQLResponse } from '../runtime/graphql-client.js';
import { freePort } from '../runtime/infrastructure.js';
import { ManagedProcess, NODE_ARGS } from '../runtime/managed-process.js';
import { generateCellKeys, keysEnv, type CellKeys } from '../runtime/keys.js';
import { signUpThrough, type TestUser } from './cell-harness.js';
import { HttpBalancer } from './http-balancer.js';

// The private redis-server and the polling wait live in the kernel's test helpers (its own tests use them).
export { RedisServer, waitFor } from '@cellgraph/kernel/testing';
export { ManagedProcess } from '../runtime/managed-process.js';

/*
 * Real processes for fault tests: a private redis-server the test stops, freezes (SIGSTOP) and
 * restarts empty, and a cell run as separate OS processes (`scripts/service.ts` subgraph hosts and
 * gateway) the test kills and restarts. Everything waits for conditions (a port answering), not for time.
 */

/**
 * A TCP proxy to `target` (e.g. Postgres, 127.0.0.1:5432) that the test closes — every connection
 * through it cut, new ones refused, as when the server stops — and opens again on the same port.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(await freePort(), target);
    await proxy.open();
    return proxy;
  }

  /** Connections open through the proxy (each counts its two sockets once). */
  get connections(): number {
    return this.sockets.size / 2;
  }

  /** Listens again (after `close`): the target is reachable through the proxy. */
  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
      }
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Refuses new connections and cuts every open one (a stopped server). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface ProcessCell {
  cell: Cell;
  keys: CellKeys;
  database: TestDatabase;
  keyPrefix: string;
  emailDir: string;
  gatewayUrl: string;
  gateway: ManagedProcess;
  /** Every gateway replica (see `gatewayReplicas`). */
  gateways: ManagedProcess[];
  /** The host process serving `subgraph` (its first replica). */
  hostOf(subgraph: string): ManagedProcess;
  /** Every replica of the host serving `subgraph` (see `hostReplicas`). */
  replicasOf(subgraph: string): ManagedProcess[];
  hosts: ManagedProcess[];
  /** The balancers in front of replicated hosts and gateways. */
  balancers: HttpBalancer[];
  gql<T = GraphQLData>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  signUp(name?: string): Promise<TestUser>;
  stop(): Promise<void>;
}

const REPO_ROOT = new URL('../../', import.meta.url).pathname;

/** The compiled service when the tests' global setup built it (CELLGRAPH_TEST_BUILT), else the TypeScript sources through the loader. */
function defaultEntry(): { nodeArgs: string[]; service: string } {
  return process.env.CELLGRAPH_TEST_BUILT === '1'
    ? { nodeArgs: [], service: join(REPO_ROOT, 'build/scripts/service.js') }
    : { nodeArgs: NODE_ARGS, service: 'scripts/service.ts' };
}

/**
 * A cell run as separate processes: each group of `hosts` (default: one process per subgraph) is
 * a subgraph host (the cell's subgraphs no group names share one more, appended), and the gateway
 * is one more process. `redisUrl` is usually a RedisServer's. With `hostReplicas` or
 * `gatewayReplicas` above 1, each host (or the gateway) runs that many times behind an HttpBalancer
 * that routes by readiness, and the others reach it through the balancer.
 */
export async function startProcessCell(options: {
  redisUrl: string;
  cell?: string;
  hosts?: string[][];
  env?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
  /** Environment of the subgraph hosts that depends on the cell's database (e.g. its DATABASE_URL through a TcpProxy). */
  hostEnv?: (database: TestDatabase) => Record<string, string>;
  /** The service entry: the compiled build the tests' global setup made (default), else the sources. */
  entry?: { nodeArgs: string[]; service: string };
  hostReplicas?: number;
  gatewayReplicas?: number;
}): Promise<ProcessCell> {
  const entry = options.entry ?? defaultEntry();
  const cell = loadCell(options.cell ?? 'all');
  const named = new Set(options.hosts?.flat());
  // Subgraphs the groups leave out (a module added after the test was written) share one more host.
  const rest = cell.subgraphs.map((definition) => definition.name).filter((name) => !named.has(name));
  const groups = options.hosts ? [...options.hosts, ...(rest.length ? [rest] : [])] : cell.subgraphs.map((definition) => [definition.name]);
  const database = await createTestDatabase(cell.subgraphs.length === loadCell('all').subgraphs.length ? undefined : cell.subgraphs);
  const keys = await generateCellKeys();
  const emailDir = mkdtempSync(join(tmpdir(), 'cellgraph-mail-'));
  const instance = `t${randomBytes(6).toString('hex')}`;
  const balancers: HttpBalancer[] = [];
  /** The URL to reach `replicas` ports by: the one replica's, or a balancer's in front of them. */
  const frontOf = async (ports: number[]) => {
    if (ports.length === 1) return `http://127.0.0.1:${ports[0]}`;
    const balancer = await HttpBalancer.start(ports.map((port) => `http://127.0.0.1:${port}`));
    balancers.push(balancer);
    return balancer.url;
  };
  const portsOf = (count = 1) => Promise.all(Array.from({ length: Math.max(1, count) }, () => freePort()));
  const gatewayPorts = await portsOf(options.gatewayReplicas);
  const gatewayUrl = `${await frontOf(gatewayPorts)}/graphql`;
  const gatewayBalancers = [...balancers]; // the gateways' balancer, if there is one
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...keysEnv(keys),
    ...cellEnv(cell),
    CELL_INSTANCE: instance,
    REDIS_KEY_PREFIX: cellKeyPrefix(cell.name, instance),
    DATABASE_URL: database.url,
    DATABASE_APP_PASSWORD: TEST_APP_PASSWORD,
    DATABASE_POOL_SIZE: '4',
    DATABASE_POOL_IDLE_TIMEOUT_MS: '2000',
    REDIS_URL: options.redisUrl,
    GRAPH_URL: gatewayUrl,
    EMAIL_PROVIDER: 'file',
    EMAIL_SINK_DIR: emailDir,
    USER_RATE_LIMIT: '100000',
    ANONYMOUS_RATE_LIMIT: '100000',
    // Warnings and errors at least, whatever the test run's own level (silent): a fault test's
    // failure message quotes the processes' log lines about the requests that failed.
    LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
    ...options.env,
  };
  const hosts: ManagedProcess[] = [];
  const replicas: ManagedProcess[][] = [];
  const subgraphUrls: Record<string, string> = {};
  for (const group of groups) {
    const ports = await portsOf(options.hostReplicas);
    const groupReplicas = ports.map(
      (port, index) =>
        new ManagedProcess(
          `host(${group.join(',')})${ports.length > 1 ? `#${index + 1}` : ''}`,
          [entry.service, 'subgraph'],
          { ...baseEnv, ...options.hostEnv?.(database), CELL: cell.name, SUBGRAPHS: group.join(','), PORT: String(port) },
          `http://127.0.0.1:${port}/health/live`,
          { nodeArgs: entry.nodeArgs },
        ),
    );
    hosts.push(...groupReplicas);
    replicas.push(groupReplicas);
    const front = await frontOf(ports);
    for (const name of group) subgraphUrls[`SUBGRAPH_URL_${name.toUpperCase().replaceAll('-', '_')}`] = `${front}/${name}/graphql`;
  }
  const gateways = gatewayPorts.map(
    (port, index) =>
      new ManagedProcess(
        gatewayPorts.length > 1 ? `gateway#${index + 1}` : 'gateway',
        [entry.service, 'gateway'],
        { ...baseEnv, ...subgraphUrls, CELL: cell.name, PORT: String(port), ...options.gatewayEnv },
        `http://127.0.0.1:${port}/health/live`,
        { nodeArgs: entry.nodeArgs },
      ),
  );
  const gateway = gateways[0]!;
  const stop = async () => {
    await Promise.all([...gateways, ...hosts].map((process) => process.kill('SIGKILL')));
    await Promise.all(balancers.map((balancer) => balancer.stop()));
    await database.drop();
    rmSync(emailDir, { recursive: true, force: true });
  };
  // A replica that answers is routed to once its balancer's next readiness poll saw it: wait for that.
  const everyBackendRouted = (of: HttpBalancer[]) =>
    waitFor(() => of.every((balancer) => balancer.readyBackends.length === balancer.backendCount), 'the balancers to route to every replica', 180_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}; not ready: ${of.flatMap((balancer) => balancer.notReady).join('; ')}`);
      },
    );
  try {
    // Hosts start together (they are independent); the gateway needs identity's keys, so last.
    await Promise.all(hosts.map((host) => host.start()));
    await everyBackendRouted(balancers.filter((balancer) => !gatewayBalancers.includes(balancer)));
    await Promise.all(gateways.map((replica) => replica.start()));
    await everyBackendRouted(balancers);
  } catch (error) {
    await stop();
    throw error;
  }
  const replicasOf = (subgraph: string) => {
    const index = groups.findIndex((group) => group.includes(subgraph));
    if (index < 0) throw new Error(`No host serves ${subgraph}`);
    return replicas[index]!;
  };
  const gql: ProcessCell['gql'] = (query, variables = {}, token, headers) => graphqlRequest(gatewayUrl, query, variables, { token, headers });
  return {
    cell,
    keys,
    database,
    keyPrefix: cellKeyPrefix(cell.name, instance),
    emailDir,
    gatewayUrl,
    gateway,
    gateways,
    hosts,
    balancers,
    hostOf: (subgraph) => replicasOf(subgraph)[0]!,
    replicasOf,
    gql,
    signUp: (name) => signUpThrough(gatewayUrl, name),
    stop,
  };
}

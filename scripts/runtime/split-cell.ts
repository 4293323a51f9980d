import type { Cell } from './cells.js';
import { freePort } from './infrastructure.js';
import { gatewayKeysEnv, sharedKeysEnv, subgraphKeysEnv, type CellKeys } from './keys.js';
import { ManagedProcess, runProcess } from './managed-process.js';

/*
 * A cell as the services production runs (scripts/service.ts): `migrate` to completion, one
 * `subgraph` process per subgraph (WORKERS=off), one `worker`, then the `gateway`. Used by
 * `npm start -- --split` and its end-to-end test.
 */

const SERVICE = 'scripts/service.ts';

export interface SplitCellOptions {
  cell: Cell;
  /** Which instance of the cell (its Redis namespace; default `main`). */
  instance?: string;
  /** Administrator connection to the cell's database (created by `migrate` if needed). */
  databaseUrl: string;
  appPassword: string;
  redisUrl: string;
  keys: CellKeys;
  host?: string;
  /** The gateway's port; a free one when unset. */
  gatewayPort?: number;
  /** Further variables for every service (NODE_ENV, limits, …). */
  env?: Record<string, string>;
  /** Each line a service writes (default: dropped; each process keeps its last output in `log`). */
  onLine?: (service: string, line: string) => void;
  /** A service ended that nobody stopped (the others keep running). */
  onUnexpectedExit?: (service: string, code: number | null, signal: NodeJS.Signals | null) => void;
  /** How long each service may drain on SIGTERM before it is killed (default 10 s). */
  stopTimeoutMs?: number;
}

export interface SplitCell {
  gatewayUrl: string;
  gateway: ManagedProcess;
  worker: ManagedProcess;
  /** The process serving subgraph `name`. */
  subgraph(name: string): ManagedProcess;
  subgraphs: ManagedProcess[];
  /** Stops the gateway, then the worker, then the subgraphs (SIGTERM each, SIGKILL after the timeout). */
  stop(): Promise<void>;
}

const urlVariable = (subgraph: string) => `SUBGRAPH_URL_${subgraph.toUpperCase().replaceAll('-', '_')}`;

export async function startSplitCell(options: SplitCellOptions): Promise<SplitCell> {
  const host = options.host ?? '127.0.0.1';
  const gatewayPort = options.gatewayPort ?? (await freePort());
  const gatewayUrl = `http://${host}:${gatewayPort}/graphql`;
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...sharedKeysEnv(options.keys),
    CELL: options.cell.name,
    CELL_INSTANCE: options.instance ?? 'main', // with CELL, the services derive the Redis namespace
    DATABASE_URL: options.databaseUrl,
    DATABASE_APP_PASSWORD: options.appPassword,
    REDIS_URL: options.redisUrl,
    GRAPH_URL: gatewayUrl,
    HOST: host,
    ...options.env,
  };
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const managed = (name: string, service: string, env: NodeJS.ProcessEnv, port: number) =>
    new ManagedProcess(name, [SERVICE, service], { ...baseEnv, ...env, PORT: String(port) }, `http://${host}:${port}/health/ready`, {
      ownProcessGroup: true, // Ctrl-C reaches the launcher only, which stops the services in order
      onLine: options.onLine && ((line) => options.onLine!(name, line)),
      onUnexpectedExit: options.onUnexpectedExit && ((code, signal) => options.onUnexpectedExit!(name, code, signal)),
    });

  const migrate = await runProcess([SERVICE, 'migrate'], baseEnv, (line) => options.onLine?.('migrate', line));
  if (migrate.code !== 0) throw new Error(`migrate failed (${migrate.code ?? migrate.signal}):\n${migrate.output}`);
  const subgraphUrls: Record<string, string> = {};
  const subgraphs: ManagedProcess[] = [];
  for (const { name } of options.cell.subgraphs) {
    const port = await freePort();
    subgraphUrls[urlVariable(name)] = `http://${host}:${port}/${name}/graphql`;
    // Each subgraph service holds its own internal-context key only; the gateway holds the secret.
    subgraphs.push(managed(name, 'subgraph', { SUBGRAPHS: name, WORKERS: 'off', ...subgraphKeysEnv(options.keys, [name]) }, port));
  }
  const worker = managed('worker', 'worker', {}, await freePort());
  const gateway = managed('gateway', 'gateway', { ...subgraphUrls, ...gatewayKeysEnv(options.keys) }, gatewayPort);
  const stop = async () => {
    await gateway.stop(stopTimeoutMs);
    await worker.stop(stopTimeoutMs);
    await Promise.all(subgraphs.map((process) => process.stop(stopTimeoutMs)));
  };
  try {
    await Promise.all(subgraphs.map((process) => process.start()));
    await worker.start();
    await gateway.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl,
    gateway,
    worker,
    subgraphs,
    subgraph(name) {
      const process = subgraphs.find((candidate) => candidate.name === name);
      if (!process) throw new Error(`Cell ${options.cell.name} has no subgraph ${name}`);
      return process;
    },
    stop,
  };
}

/**
 * The gateways under test, each started as its own process pinned to the gateway core: stock
 * @apollo/gateway, Hive Gateway, ours — and ours at another git ref (`--against`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@cellgraph/kernel/core';
import { NODE_ARGS } from '../../runtime/managed-process.js';
import { answersGraphql, freePort, pinProcess, spawnKept, waitUntilReady, type Spawned } from './processes.js';
import type { SubgraphName } from './subgraphs.js';

export const REPO_ROOT = new URL('../../../', import.meta.url).pathname;

export interface Contestant {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartContext {
  supergraphPath: string;
  subgraphUrls: Record<SubgraphName, string>;
  redisUrl: string;
  /** taskset core for gateways, null when not pinning. */
  core: number | null;
}

async function startNodeProcess(name: string, root: string, entry: string[], env: NodeJS.ProcessEnv, core: number | null): Promise<Contestant> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  // TypeScript through the loader (swc), JavaScript as it is.
  const args = entry[0]!.endsWith('.ts') ? [...NODE_ARGS, ...entry] : entry;
  const spawned: Spawned = spawnKept(process.execPath, args, { cwd: root, env: { ...env, PORT: String(port) } });
  try {
    await waitUntilReady(spawned, name, () => answersGraphql(url));
    pinProcess(spawned.child.pid!, core);
  } catch (error) {
    await spawned.stop();
    throw error;
  }
  return { name, url, pid: spawned.child.pid!, stop: () => spawned.stop() };
}

const benchEntry = (file: string) => join(REPO_ROOT, 'scripts/bench/gateways', file);

// LOG_LEVEL too: Hive reads it and refuses values of ours (vitest sets `silent`).
const peerEnv = (context: StartContext): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  LOG_LEVEL: 'error',
  SUPERGRAPH_PATH: context.supergraphPath,
});

export const startStock = (context: StartContext) =>
  startNodeProcess('stock', REPO_ROOT, [benchEntry('stock-gateway-main.mjs')], peerEnv(context), context.core);

export const startHive = (context: StartContext) => startNodeProcess('hive', REPO_ROOT, [benchEntry('hive-gateway-main.mjs')], peerEnv(context), context.core);

/**
 * The keys a checkout's gateway needs, as that checkout names them: its own
 * `scripts/runtime/print-keys.ts` (keysEnv), so a change of signing scheme needs no change here.
 */
function keysEnvOf(root: string): Record<string, string> {
  const text = execFileSync(process.execPath, [...NODE_ARGS, 'scripts/runtime/print-keys.ts'], { cwd: root, encoding: 'utf8' });
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)='(.*)'$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );
}

/**
 * How our gateway runs: `built` as deployed (`npm run build`, then `node build/scripts/service.js`,
 * like the image), `source` from its TypeScript through the loader (no build; the loader adds
 * ~100 MiB of resident memory and start-up time, so only for quick looks and tests).
 */
export type CellgraphRuntime = 'built' | 'source';

/** `npm run build` in a checkout, for the `built` runtime. */
export function buildCheckout(root: string): void {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
}

function cellgraphEntry(root: string, runtime: CellgraphRuntime): string[] {
  if (runtime === 'built' && existsSync(join(root, 'build/scripts/service.js'))) return ['build/scripts/service.js', 'gateway'];
  // Older checkouts without the service entry start the gateway's main directly.
  return existsSync(join(root, 'scripts/service.ts')) ? ['scripts/service.ts', 'gateway'] : ['gateway/src/main.ts'];
}

/**
 * Cellgraph's gateway of the checkout at `root`, through its production entry (`service gateway`):
 * anonymous callers (an access token is not needed by plain subgraphs), limits generous, subgraph
 * URLs from SUBGRAPH_URL_<NAME> and nothing else reachable. The `built` runtime needs
 * buildCheckout(root) first.
 */
export async function startCellgraph(context: StartContext, options: { name: string; root: string; runtime: CellgraphRuntime }): Promise<Contestant> {
  const accessTokens = await generateSigningKeyPair();
  const entry = cellgraphEntry(options.root, options.runtime);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...keysEnvOf(options.root),
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    CELL_NAME: `bench-gateways-${process.pid}`,
    SUPERGRAPH_PATH: context.supergraphPath,
    REDIS_URL: context.redisUrl,
    AUTH_PUBLIC_KEYS: JSON.stringify({ keys: [accessTokens.publicJwk] }),
    // Any subgraph not listed below (identity's keys, delegates) points nowhere, never at a dev cell.
    SUBGRAPH_URL_TEMPLATE: 'http://127.0.0.1:9/{name}/graphql',
    ...Object.fromEntries(Object.entries(context.subgraphUrls).map(([name, url]) => [`SUBGRAPH_URL_${name.toUpperCase()}`, url])),
    ANONYMOUS_RATE_LIMIT: '1000000000',
    MAX_QUERY_NODES: '1000000000',
    MAX_QUERY_DEPTH: '50',
  };
  return startNodeProcess(options.name, options.root, entry, env, context.core);
}

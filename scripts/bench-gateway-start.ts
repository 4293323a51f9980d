/**
 * The gateway's start in `npm run bench`: a fresh gateway process (gateway/src/main.ts, run as
 * `npm start` runs code: source conditions, swc) from spawn until it logs that it listens, and
 * its resident memory then — the median of several runs. It needs no subgraph (the supergraph is
 * read from schema/cells/all), no identity (AUTH_PUBLIC_KEYS is given) and no database: only Redis.
 *
 * Also `npm run bench:gateway-start [-- --root DIR] [--runs N]`: DIR is another checkout with its
 * dependencies (to measure an older commit with the same script).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateInternalContextSecret, generateSigningKeyPair } from '@cellgraph/kernel/core';
import { Redis } from 'ioredis';
import { resolveRedis } from './runtime/infrastructure.js';

const REPO_ROOT = new URL('../', import.meta.url).pathname;

export interface GatewayStartFigures {
  runs: number;
  /** Spawn → "gateway listening", milliseconds. */
  startMs: { median: number; min: number; max: number };
  /** CPU time (user + system) the process spent until listening, milliseconds: less sensitive than startMs to a busy machine. */
  cpuMs: { median: number; min: number; max: number };
  /** Resident set size once listening, MB. */
  rssMb: { median: number; min: number; max: number };
  /** The machine's 1-minute load average before the runs. */
  load: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const summary = (values: number[]) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values) });

/** VmRSS of a running process, MB (Linux). */
function residentMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** User + system CPU time a running process has used, ms (Linux; /proc/<pid>/stat counts in 10 ms ticks). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (14th and 15th)
}

type Run = { startMs: number; cpuMs: number; rssMb: number };

/** One gateway process: the time until it listens and its memory then; stopped before returning. */
async function startOnce(root: string, env: NodeJS.ProcessEnv): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register', 'gateway/src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let output = '';
  try {
    const startMs = await new Promise<number>((resolveStart, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('gateway listening')) resolveStart(performance.now() - started);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      exited.then((code) => reject(new Error(`the gateway exited (${code}) before listening:\n${output}`)));
    });
    return { startMs, cpuMs: cpuMsOf(child.pid!), rssMb: residentMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

export async function benchGatewayStart(options: { root?: string; runs?: number } = {}): Promise<GatewayStartFigures> {
  const root = resolve(options.root ?? REPO_ROOT);
  const runs = options.runs ?? Number(process.env.BENCH_GATEWAY_START_RUNS ?? 7);
  const redis = await resolveRedis();
  const cellName = `bench-start-${process.pid}`;
  const auth = await generateSigningKeyPair();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    PORT: '0',
    CELL_NAME: cellName,
    REDIS_URL: redis.url,
    SUPERGRAPH_PATH: join(root, 'schema/cells/all/supergraph.graphql'),
    INTERNAL_CONTEXT_SECRET: generateInternalContextSecret(),
    // What a gateway before the HMAC contexts reads, when --root is an older checkout.
    INTERNAL_SIGNING_KEY: JSON.stringify((await generateSigningKeyPair()).privateJwk),
    AUTH_PUBLIC_KEYS: JSON.stringify({ keys: [auth.publicJwk] }),
  };
  const load = loadavg()[0]!;
  try {
    await startOnce(root, env); // warm-up: the OS file cache, as for any later start
    const figures: Run[] = [];
    for (let run = 0; run < runs; run++) figures.push(await startOnce(root, env));
    return {
      runs,
      startMs: summary(figures.map((f) => f.startMs)),
      cpuMs: summary(figures.map((f) => f.cpuMs)),
      rssMb: summary(figures.map((f) => f.rssMb)),
      load,
    };
  } finally {
    const client = new Redis(redis.url);
    const keys = await client.keys(`cellgraph:${cellName}:*`);
    if (keys.length) await client.del(...keys);
    await client.quit();
    await redis.stop();
  }
}

export function printGatewayStart(figures: GatewayStartFigures, label = 'gateway start'): void {
  const range = ({ median, min, max }: GatewayStartFigures['startMs'], unit: string) =>
    `${median.toFixed(0)} ${unit} (min ${min.toFixed(0)}, max ${max.toFixed(0)})`;
  console.log(`INFO  ${label} (median of ${figures.runs} runs, spawn → listening; load average ${figures.load.toFixed(1)})`);
  console.log(`      start ${range(figures.startMs, 'ms')}   CPU ${range(figures.cpuMs, 'ms')}   RSS ${range(figures.rssMb, 'MB')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const flag = (name: string) => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const root = flag('--root');
  const runs = flag('--runs');
  printGatewayStart(await benchGatewayStart({ root, runs: runs ? Number(runs) : undefined }), `gateway start${root ? ` (${root})` : ''}`);
}

/**
 * `npm run bench:gateway-cpu [-- --root DIR] [--requests N] [--concurrency C]`: the gateway's CPU per
 * request and peak memory, the gateway in its own process. A subgraph host (all of cell `all`) and
 * a gateway run as services (`scripts/service.ts`, as `npm start` runs code) from DIR (default:
 * this checkout; another checkout with its dependencies measures an older commit with the same
 * script), over a throw-away database with 100 tasks of one user. Two queries: a fan-out (tasks,
 * their assignee and author from identity, their tags from collaboration through the node
 * subgraph) and a single-subgraph one. Reported: the gateway's CPU time (user + system, from
 * /proc) per request, its peak RSS (VmHWM) and the load average. Figures on a loaded machine are
 * noisy: compare runs made one after the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { cellDatabaseName, generateSigningKeyPair, LOCAL_APP_PASSWORD } from '@cellgraph/kernel/core';
import { dropDatabase } from './bench/drop-database.js';
import { loadCell } from './runtime/cells.js';
import { prepareDatabase } from './runtime/cell.js';
import { graphqlData } from './runtime/graphql-client.js';
import { freePort, resolvePostgres, resolveRedis } from './runtime/infrastructure.js';
import { generateCellKeys, keysEnv } from './runtime/keys.js';

const REPO_ROOT = new URL('../', import.meta.url).pathname;
const NODE_ARGS = ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register'];

export const QUERIES = {
  fanOut: 'query BenchFanOut { tasks(first: 50) { nodes { title status assignee { name email } createdBy { email } tags { name } } } }',
  singleSubgraph: 'query BenchSingle { tasks(first: 20) { nodes { id title status priority } } }',
};

export interface CpuFigures {
  root: string;
  requests: number;
  concurrency: number;
  /** Gateway CPU (user + system) per request, ms, by query. */
  cpuMsPerRequest: Record<keyof typeof QUERIES, number>;
  /** Requests per second the gateway answered, by query (the load generator shares the machine). */
  rps: Record<keyof typeof QUERIES, number>;
  /** Gateway RSS once listening, and its peak over the run (VmHWM), MiB. */
  startRssMb: number;
  peakRssMb: number;
  /** 1-minute load average before and after. */
  load: [number, number];
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${field}:`));
  if (!line) throw new Error(`no ${field} for process ${pid}`);
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** User + system CPU time of a running process, ms (/proc/<pid>/stat counts 10 ms ticks). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts `service` from `root`; resolves once `readyUrl` answers 200 (the process is polled, not timed). */
async function startService(root: string, service: string, env: NodeJS.ProcessEnv, readyUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, 'scripts/service.ts', service], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${service} exited (${child.exitCode}):\n${errors}`);
    const ready = await fetch(readyUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((wake) => setTimeout(wake, 200));
  }
}

async function stopService(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function load(url: string, token: string, query: string, requests: number, concurrency: number): Promise<void> {
  const body = JSON.stringify({ query });
  let sent = 0;
  const worker = async () => {
    while (sent < requests) {
      sent++;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || answer.errors) throw new Error(`bench query failed (${response.status}): ${JSON.stringify(answer.errors)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function benchGatewayCpu(options: { root?: string; requests?: number; concurrency?: number } = {}): Promise<CpuFigures> {
  const root = resolve(options.root ?? REPO_ROOT);
  const requests = options.requests ?? 1000;
  const concurrency = options.concurrency ?? 8;
  const instance = `benchcpu-${process.pid}`;
  const database = cellDatabaseName('all', instance);
  const postgres = await resolvePostgres(database, new URL('../.cellgraph/', import.meta.url).pathname);
  const redis = await resolveRedis();
  await prepareDatabase(loadCell('all'), postgres.url, LOCAL_APP_PASSWORD);
  const [hostPort, gatewayPort] = [await freePort(), await freePort()];
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  // Both key sets: an older checkout reads the Ed25519 variables, this one the HMAC ones.
  const internal = await generateSigningKeyPair();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...keysEnv(await generateCellKeys()),
    INTERNAL_SIGNING_KEY: JSON.stringify(internal.privateJwk),
    INTERNAL_VERIFY_KEYS: JSON.stringify({ keys: [internal.publicJwk] }),
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    CELL: 'all',
    CELL_NAME: 'all',
    CELL_INSTANCE: instance,
    DATABASE_URL: postgres.url,
    DATABASE_APP_PASSWORD: LOCAL_APP_PASSWORD,
    REDIS_URL: redis.url,
    GRAPH_URL: gatewayUrl,
    HOST: '127.0.0.1',
    WORKERS: 'off',
    USER_RATE_LIMIT: '100000000',
    SUBGRAPH_URL_TEMPLATE: `http://127.0.0.1:${hostPort}/{name}/graphql`,
  };
  const started: ChildProcess[] = [];
  try {
    started.push(await startService(root, 'subgraph', { ...env, PORT: String(hostPort) }, `http://127.0.0.1:${hostPort}/health/ready`));
    const gateway = await startService(root, 'gateway', { ...env, PORT: String(gatewayPort) }, `http://127.0.0.1:${gatewayPort}/health/ready`);
    started.push(gateway);
    const startRssMb = procStatus(gateway.pid!, 'VmRSS');
    const session = await graphqlData<{ userRegister: { session: { accessToken: string; user: { id: string } } } }>(
      gatewayUrl,
      'mutation($input: UserRegisterInput!) { userRegister(input: $input) { session { accessToken user { id } } } }',
      { input: { email: `bench-cpu-${process.pid}@example.test`, name: 'Bench', password: 'Bench-password-1!' } },
    );
    const { accessToken: token, user } = session.userRegister.session;
    for (let i = 0; i < 100; i++) {
      await graphqlData(
        gatewayUrl,
        'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id } } }',
        { input: { title: `Task ${i}`, assigneeId: i % 2 ? user.id : null } },
        { token },
      );
    }
    const loadBefore = loadavg()[0]!;
    const cpuMsPerRequest = {} as CpuFigures['cpuMsPerRequest'];
    const rps = {} as CpuFigures['rps'];
    for (const [name, query] of Object.entries(QUERIES) as [keyof typeof QUERIES, string][]) {
      await load(gatewayUrl, token, query, Math.min(200, requests), concurrency); // warm-up: JIT, caches, query plans
      const cpuBefore = cpuMsOf(gateway.pid!);
      const time = performance.now();
      await load(gatewayUrl, token, query, requests, concurrency);
      rps[name] = Math.round((requests / (performance.now() - time)) * 1000);
      cpuMsPerRequest[name] = Number(((cpuMsOf(gateway.pid!) - cpuBefore) / requests).toFixed(2));
    }
    return {
      root,
      requests,
      concurrency,
      cpuMsPerRequest,
      rps,
      startRssMb: Math.round(startRssMb),
      peakRssMb: Math.round(procStatus(gateway.pid!, 'VmHWM')),
      load: [loadBefore, loadavg()[0]!],
    };
  } finally {
    for (const child of started.reverse()) await stopService(child);
    await dropDatabase(postgres.url, database);
    await redis.stop();
    await postgres.stop();
  }
}

export function printGatewayCpu(figures: CpuFigures): void {
  console.log(
    `Gateway CPU (${figures.root}): ${figures.requests} requests per query, concurrency ${figures.concurrency}, load ${figures.load[0].toFixed(2)} → ${figures.load[1].toFixed(2)}`,
  );
  for (const name of Object.keys(QUERIES) as (keyof typeof QUERIES)[]) {
    console.log(`  ${name.padEnd(15)} ${String(figures.cpuMsPerRequest[name]).padStart(7)} ms CPU/request  ${String(figures.rps[name]).padStart(5)} req/s`);
  }
  console.log(`  RSS at start ${figures.startRssMb} MiB, peak ${figures.peakRssMb} MiB`);
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const { values } = parseArgs({ options: { root: { type: 'string' }, requests: { type: 'string' }, concurrency: { type: 'string' } } });
  const figures = await benchGatewayCpu({
    root: values.root,
    requests: values.requests ? Number(values.requests) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  });
  printGatewayCpu(figures);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

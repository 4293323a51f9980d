/**
 * `npm run bench -- gateways [--against <ref>]`: Cellgraph's gateway against stock @apollo/gateway
 * and Hive Gateway on the same plain 4-subgraph supergraph (issue 14, deliverable 5a/d). Each
 * gateway is its own process pinned to core 0; autocannon and the subgraphs run on core 1. Rounds
 * are interleaved (A, B, C, A, B, C …) so a change in the machine's load hits every gateway alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { resolveRedis } from '../../runtime/infrastructure.js';
import { checkoutRef, type RefCheckout } from './against.js';
import { buildCheckout, REPO_ROOT, startCellgraph, startHive, startStock, type CellgraphRuntime, type Contestant, type StartContext } from './contestants.js';
import { startSubgraphs, type SubgraphFleet } from './fleet.js';
import { loadOnce, type LoadFigures } from './load.js';
import { oracleCheck, type OracleResult } from './oracle.js';
import { hasTaskset, peakRssMibOf } from './processes.js';
import { BENCH_QUERIES } from './queries.js';
import { checkTargets, formatTable, summarize, type Summary, type TargetCheck } from './report.js';
import { composeBenchSupergraph } from './supergraph.js';

export interface GatewaysOptions {
  against?: string;
  /** How our gateways run: `built` (as deployed; each checkout is built first) or `source`. */
  runtime: CellgraphRuntime;
  rounds: number;
  /** Requests per measurement (one contestant, one query, one round). */
  requests: number;
  connections: number;
  /** Requests per contestant and query before the first round (not measured). */
  warmup: number;
  /** Folder of the result files. */
  outDir: string;
  log: (line: string) => void;
}

export interface ContestantInfo {
  name: string;
  kind: 'stock' | 'hive' | 'cellgraph';
  version?: string;
  ref?: string;
  commit?: string;
  install?: 'linked' | 'npm ci';
  runtime?: CellgraphRuntime;
}

export type RunRecord = LoadFigures & { round: number; query: string; contestant: string };

export interface GatewaysResult {
  scenario: 'gateways';
  startedAt: string;
  finishedAt: string;
  machine: { node: string; cpus: number; loadAverageBefore: number[]; loadAverageAfter: number[]; uptimeBefore: string; uptimeAfter: string };
  pinning: { taskset: boolean; gatewayCore: number | null; loadCore: number | null; subgraphCore: number | null };
  settings: { rounds: number; requests: number; connections: number; warmup: number; runtime: CellgraphRuntime };
  contestants: ContestantInfo[];
  oracle: OracleResult;
  runs: RunRecord[];
  summary: Record<string, Record<string, Summary>>;
  peakRssMib: Record<string, number>;
  targets: TargetCheck[];
  /** Oracle passed and no request failed: the figures are valid. */
  valid: boolean;
  /** Valid and every target met. */
  passed: boolean;
}

export const DEFAULT_OPTIONS: Omit<GatewaysOptions, 'log'> = {
  runtime: 'built',
  rounds: 5,
  requests: 1000,
  connections: 16,
  warmup: 300,
  outDir: join(REPO_ROOT, 'bench-results'),
};

const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${loadavg().join(', ')}`;
  }
};
const versionOf = (name: string) => (JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
const commitOf = (root: string) => {
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== '';
  return dirty ? `${commit}+changes` : commit;
};

/** Runs the scenario, writes `<outDir>/gateways-<timestamp>.json`, and returns the result with its path. */
export async function runGatewaysBench(options: GatewaysOptions): Promise<{ result: GatewaysResult; file: string }> {
  const { log } = options;
  const startedAt = new Date();
  const uptimeBefore = uptime();
  const loadAverageBefore = loadavg();
  const taskset = hasTaskset() && cpus().length >= 2;
  if (!taskset) log('taskset is missing (or one core only): nothing is pinned, gateways and load share the cores. Install util-linux for pinned figures.');
  const [gatewayCore, loadCore] = taskset ? [0, 1] : [null, null];
  const cellName = `bench-gateways-${process.pid}`;
  const workDir = mkdtempSync(join(tmpdir(), 'cellgraph-bench-gateways-'));
  const redis = await resolveRedis();
  let fleet: SubgraphFleet | undefined;
  let checkout: RefCheckout | undefined;
  const contestants: Contestant[] = [];
  try {
    if (options.against) checkout = checkoutRef(REPO_ROOT, options.against, log);
    if (options.runtime === 'built') {
      for (const root of [REPO_ROOT, ...(checkout ? [checkout.root] : [])]) {
        log(`building ${root} (npm run build)`);
        buildCheckout(root);
      }
    }
    fleet = await startSubgraphs(REPO_ROOT, loadCore);
    const supergraphPath = join(workDir, 'supergraph.graphql');
    writeFileSync(supergraphPath, composeBenchSupergraph(fleet.urls));
    const context: StartContext = { supergraphPath, subgraphUrls: fleet.urls, redisUrl: redis.url, core: gatewayCore };
    const info: ContestantInfo[] = [
      { name: 'stock', kind: 'stock', version: `@apollo/gateway ${versionOf('@apollo/gateway')}` },
      { name: 'hive', kind: 'hive', version: `@graphql-hive/gateway ${versionOf('@graphql-hive/gateway')}` },
      { name: 'cellgraph', kind: 'cellgraph', commit: commitOf(REPO_ROOT), runtime: options.runtime },
    ];
    if (checkout) {
      info.push({
        name: `cellgraph@${checkout.ref}`,
        kind: 'cellgraph',
        ref: checkout.ref,
        commit: checkout.commit,
        install: checkout.install,
        runtime: options.runtime,
      });
    }
    // Started together and unpinned (a busy machine's spare cycles shorten the wait), pinned once ready.
    const starts = await Promise.allSettled([
      startStock(context),
      startHive(context),
      startCellgraph(context, { name: 'cellgraph', root: REPO_ROOT, runtime: options.runtime }),
      ...(checkout ? [startCellgraph(context, { name: `cellgraph@${checkout.ref}`, root: checkout.root, runtime: options.runtime })] : []),
    ]);
    for (const start of starts) if (start.status === 'fulfilled') contestants.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    log(`started: ${contestants.map((contestant) => `${contestant.name} (pid ${contestant.pid})`).join(', ')}`);

    const oracle = await oracleCheck(contestants, BENCH_QUERIES);
    for (const [query, { objects, mismatches }] of Object.entries(oracle.queries)) {
      log(`oracle ${query}: ${objects} objects, ${mismatches.length ? `MISMATCH: ${mismatches.join('; ')}` : 'every gateway answers the same'}`);
    }
    const runs: RunRecord[] = [];
    if (oracle.passed) {
      const settings = { requests: options.requests, connections: options.connections, core: loadCore };
      const bodies = new Map(BENCH_QUERIES.map((query) => [query.name, JSON.stringify({ query: query.query })]));
      const measure = (contestant: Contestant, query: string, requests: number) =>
        loadOnce({ root: REPO_ROOT, url: contestant.url, body: bodies.get(query)!, gatewayPid: contestant.pid, settings: { ...settings, requests } });
      for (const query of bodies.keys()) for (const contestant of contestants) await measure(contestant, query, options.warmup);
      for (let round = 1; round <= options.rounds; round++) {
        for (const query of bodies.keys()) {
          for (const contestant of contestants) {
            const figures = await measure(contestant, query, options.requests);
            runs.push({ round, query, contestant: contestant.name, ...figures });
            log(
              `round ${round} ${query} ${contestant.name}: ${figures.rps.toFixed(0)} RPS, p99 ${figures.p99Ms} ms, ${figures.cpuMsPerRequest.toFixed(2)} CPU ms/request${figures.failures ? `, ${figures.failures} FAILED` : ''}`,
            );
          }
        }
      }
    }
    const peakRssMib = Object.fromEntries(contestants.map((contestant) => [contestant.name, peakRssMibOf(contestant.pid)]));
    const summary: Record<string, Record<string, Summary>> = {};
    for (const run of runs) {
      summary[run.query] ??= {};
      summary[run.query]![run.contestant] = summarize(runs.filter((other) => other.query === run.query && other.contestant === run.contestant));
    }
    const valid = oracle.passed && runs.length > 0 && runs.every((run) => run.failures === 0);
    const targets = valid
      ? contestants.filter((contestant) => contestant.name.startsWith('cellgraph')).flatMap((contestant) => checkTargets(contestant.name, summary, peakRssMib))
      : [];
    const result: GatewaysResult = {
      scenario: 'gateways',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length, loadAverageBefore, loadAverageAfter: loadavg(), uptimeBefore, uptimeAfter: uptime() },
      pinning: { taskset, gatewayCore, loadCore, subgraphCore: loadCore },
      settings: { rounds: options.rounds, requests: options.requests, connections: options.connections, warmup: options.warmup, runtime: options.runtime },
      contestants: info,
      oracle,
      runs,
      summary,
      peakRssMib,
      targets,
      valid,
      passed: valid && targets.every((check) => check.passed),
    };
    mkdirSync(options.outDir, { recursive: true });
    const file = join(
      options.outDir,
      `gateways-${startedAt
        .toISOString()
        .replaceAll(':', '-')
        .replace(/\.\d+Z$/, 'Z')}.json`,
    );
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    if (valid) log(`\n${formatTable(summary, peakRssMib)}\n`);
    for (const check of targets) log(`${check.passed ? 'PASS' : 'FAIL'}  ${check.contestant} ${check.target}: ${check.actual.toFixed(2)}`);
    log(
      `machine before: ${uptimeBefore}\nmachine after:  ${result.machine.uptimeAfter}\n(figures on a loaded machine are noisy; compare ratios within one run)`,
    );
    log(`raw results: ${file}`);
    return { result, file };
  } finally {
    await Promise.all(contestants.map((contestant) => contestant.stop()));
    await fleet?.stop();
    checkout?.remove();
    rmSync(workDir, { recursive: true, force: true });
    const client = new Redis(redis.url);
    const keys = await client.keys(`cellgraph:${cellName}:*`);
    if (keys.length) await client.del(...keys);
    await client.quit();
    await redis.stop();
  }
}

const USAGE =
  'Usage: npm run bench -- gateways [--against <git ref>] [--runtime built|source] [--rounds N] [--requests N] [--connections N] [--warmup N] [--out DIR]';

export function parseGatewaysArgs(argv: string[]): Omit<GatewaysOptions, 'log'> {
  const options = { ...DEFAULT_OPTIONS };
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value.\n${USAGE}`);
    const count = () => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(value)}.\n${USAGE}`);
      return parsed;
    };
    if (flag === '--against') options.against = value;
    else if (flag === '--runtime') {
      if (value !== 'built' && value !== 'source') throw new Error(`--runtime must be built or source, got ${JSON.stringify(value)}.\n${USAGE}`);
      options.runtime = value;
    } else if (flag === '--rounds') options.rounds = count();
    else if (flag === '--requests') options.requests = count();
    else if (flag === '--connections') options.connections = count();
    else if (flag === '--warmup') options.warmup = count();
    else if (flag === '--out') options.outDir = value;
    else throw new Error(`Unknown option ${JSON.stringify(flag)}.\n${USAGE}`);
  }
  return options;
}

/** The scenario as a command: exit 0 when every target passed, 1 when one failed, 2 when the figures are not valid. */
export async function gatewaysMain(argv: string[]): Promise<number> {
  let options: Omit<GatewaysOptions, 'log'>;
  try {
    options = parseGatewaysArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { result } = await runGatewaysBench({ ...options, log: (line) => console.log(line) });
  return !result.valid ? 2 : result.passed ? 0 : 1;
}

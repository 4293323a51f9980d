/**
 * Load for one contestant and one query: autocannon (its CLI, a process of its own pinned to the
 * load core), with the gateway's CPU time read from /proc before and after.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { cpuMsOf } from './processes.js';

const run = promisify(execFile);

export interface LoadSettings {
  /** Requests per measurement. */
  requests: number;
  /** Open connections (concurrency). */
  connections: number;
  /** taskset core of the load generator, null when not pinning. */
  core: number | null;
}

export interface LoadFigures {
  requests: number;
  /** Answers that were not 2xx, connection errors and timeouts (any of them fails the run). */
  failures: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** The gateway's CPU time (user + system) over the run divided by its requests, ms. */
  cpuMsPerRequest: number;
}

interface AutocannonJson {
  duration: number;
  latency: { p50: number; p99: number };
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

export async function loadOnce(options: { root: string; url: string; body: string; gatewayPid: number; settings: LoadSettings }): Promise<LoadFigures> {
  const { settings } = options;
  const cli = [join(options.root, 'node_modules/autocannon/autocannon.js'), '-j', '-m', 'POST', '-H', 'content-type=application/json'];
  cli.push('-b', options.body, '-c', String(settings.connections), '-a', String(settings.requests), '-t', '30', options.url);
  const [file, args] = settings.core === null ? [process.execPath, cli] : ['taskset', ['-c', String(settings.core), process.execPath, ...cli]];
  const cpuBefore = cpuMsOf(options.gatewayPid);
  const { stdout } = await run(file, args, { maxBuffer: 10_000_000 });
  const cpuMs = cpuMsOf(options.gatewayPid) - cpuBefore;
  const result = JSON.parse(stdout) as AutocannonJson;
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    rps: ok / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total),
  };
}

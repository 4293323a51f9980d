import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDifferences } from './against.js';
import { oracleCheck } from './oracle.js';
import { BENCH_QUERIES } from './queries.js';
import { parseGatewaysArgs, runGatewaysBench, type GatewaysResult } from './scenario.js';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A fake gateway answering every query with `body`. */
async function fakeGateway(name: string, body: unknown) {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { name, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`, pid: process.pid, stop: async () => {} };
}

describe('gateways benchmark', () => {
  it('fails the oracle when one gateway answers other data or errors', async () => {
    const same = await fakeGateway('stock', { data: { a: [{ b: 1 }] } });
    const other = await fakeGateway('hive', { data: { a: [{ b: 2 }] } });
    const failing = await fakeGateway('cellgraph', { data: { a: [{ b: 1 }] }, errors: [{ message: 'boom' }] });
    const result = await oracleCheck([same, other, failing], BENCH_QUERIES.slice(0, 1));
    expect(result.passed).toBe(false);
    expect(result.queries['fan-out']!.mismatches).toEqual([`hive: data differs from stock's`, expect.stringMatching(/^cellgraph: errors .*boom/)]);
    expect((await oracleCheck([same, same], BENCH_QUERIES.slice(0, 1))).passed).toBe(true);
  });

  it('refuses unknown options and bad counts with the usage', () => {
    expect(() => parseGatewaysArgs(['--rounds', '0'])).toThrow(/--rounds must be a positive integer/);
    expect(() => parseGatewaysArgs(['--fast', '1'])).toThrow(/Unknown option "--fast"/);
    expect(() => parseGatewaysArgs(['--runtime', 'docker'])).toThrow(/--runtime must be built or source/);
    expect(parseGatewaysArgs(['--against', 'main', '--requests', '10'])).toMatchObject({ against: 'main', requests: 10, rounds: 5, runtime: 'built' });
  });

  it('links our node_modules only when the ref needs no package we lack', () => {
    const ours = { packages: { '': {}, 'node_modules/a': { version: '1.0.0' }, 'node_modules/b': { version: '2.0.0' } } };
    expect(lockDifferences(ours, { packages: { 'node_modules/a': { version: '1.0.0' }, 'node_modules/@cellgraph/x': { link: true } } })).toEqual([]);
    expect(lockDifferences(ours, { packages: { 'node_modules/a': { version: '1.1.0' }, 'node_modules/c': { version: '1.0.0' } } })).toEqual([
      'node_modules/a',
      'node_modules/c',
    ]);
  });

  // Tiny load: the three gateways really start, agree, and the result file has its shape.
  it('runs stock, Hive and ours on the plain supergraph and writes the result file', { timeout: 600_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'cellgraph-bench-test-'));
    try {
      const { result, file } = await runGatewaysBench({ runtime: 'source', rounds: 1, requests: 60, connections: 4, warmup: 10, outDir, log: () => {} });
      expect(existsSync(file)).toBe(true);
      const written = JSON.parse(readFileSync(file, 'utf8')) as GatewaysResult;
      expect(written).toEqual(result);
      expect(result.oracle).toEqual({
        passed: true,
        queries: { 'fan-out': { objects: 116, mismatches: [] }, 'single-subgraph': { objects: 5, mismatches: [] } },
      });
      expect(result.valid).toBe(true);
      expect(result.contestants.map((contestant) => contestant.name)).toEqual(['stock', 'hive', 'cellgraph']);
      expect(result.runs).toHaveLength(2 * 3);
      for (const run of result.runs) {
        expect(run).toMatchObject({ round: 1, requests: 60, failures: 0 });
        for (const figure of [run.rps, run.p50Ms, run.p99Ms, run.seconds]) expect(figure).toBeGreaterThan(0);
        expect(run.cpuMsPerRequest).toBeGreaterThanOrEqual(0);
      }
      expect(Object.keys(result.summary)).toEqual(['fan-out', 'single-subgraph']);
      expect(Object.keys(result.summary['fan-out']!)).toEqual(['stock', 'hive', 'cellgraph']);
      for (const mib of Object.values(result.peakRssMib)) expect(mib).toBeGreaterThan(10);
      // 3 targets per query and the memory target, each with its measured ratio.
      expect(result.targets).toHaveLength(7);
      for (const check of result.targets) {
        expect(check.contestant).toBe('cellgraph');
        expect(check.passed).toBe(check.target.includes('≥') ? check.actual >= check.limit : check.actual <= check.limit);
      }
      expect(result.passed).toBe(result.targets.every((check) => check.passed));
      expect(result.machine.uptimeBefore).toMatch(/load average/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

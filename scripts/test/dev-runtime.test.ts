import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlData } from '../runtime/graphql-client.js';
import { loadCell } from '../runtime/cells.js';
import { runningPostmaster } from '../runtime/embedded-postgres.js';
import { freePort, redisAnswers } from '../runtime/infrastructure.js';
import { DEMO_USER } from '../runtime/seed.js';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('npm start', () => {
  let database: TestDatabase;
  let child: ChildProcess | undefined;
  const stateDir = mkdtempSync(join(tmpdir(), 'cellgraph-state-'));

  afterAll(async () => {
    child?.kill('SIGKILL');
    await database?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('brings a cell up on an empty database, serves it, and stops cleanly on Ctrl-C', async () => {
    database = await createTestDatabase([]);
    const port = await freePort();
    child = spawn(process.execPath, ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register', 'scripts/dev.ts', '--cell', 'all'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, PORT: String(port), CELLGRAPH_STATE_DIR: stateDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 150_000, interval: 200 }).toContain('Press Ctrl-C to stop.');
    const endpoint = `http://127.0.0.1:${port}/graphql`;
    expect(output).toContain(`GraphQL endpoint   ${endpoint}`);
    expect(output).toContain(DEMO_USER.email);

    expect(await graphqlData(endpoint, '{ __typename }')).toEqual({ __typename: 'Query' });
    const token = /Access token {7}(\S+)/.exec(output)![1]!;
    const tasks = await graphqlData<{ tasks: { nodes: { title: string; assignee: { email: string } }[] } }>(
      endpoint,
      '{ tasks(first: 5) { nodes { title assignee { email } } } }',
      {},
      { token },
    );
    expect(tasks.tasks.nodes).toHaveLength(3);
    expect(tasks.tasks.nodes.every((task) => task.assignee.email === DEMO_USER.email)).toBe(true);
    const explorer = await fetch(endpoint, { headers: { accept: 'text/html' } });
    expect(await explorer.text()).toContain('Cellgraph explorer');
    // The app: built by npm start and served by the gateway, deep links included.
    const appUrl = /App {16}(\S+)/.exec(output)?.[1];
    expect(appUrl).toBe(`http://127.0.0.1:${port}/`);
    const app = await fetch(`${appUrl}tasks/boards`, { headers: { accept: 'text/html' } });
    expect(app.status).toBe(200);
    expect(await app.text()).toContain('<div id="root"></div>');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(endpoint)).rejects.toThrow();
  }, 180_000);
});

describe('npm start -- --split', () => {
  let database: TestDatabase;
  let run: ReturnType<typeof startDev> | undefined;
  const stateDir = mkdtempSync(join(tmpdir(), 'cellgraph-state-'));

  afterAll(async () => {
    // The services run in process groups of their own: after a failed assertion they would outlive
    // npm start's SIGKILL (and slow every later test down), so they go first.
    for (const { pid } of run ? servicesOf(run.child.pid!) : []) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // ended meanwhile
      }
    }
    run?.child.kill('SIGKILL');
    await database?.drop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** The services dev.ts started: its children, by the service and SUBGRAPHS in their environment. */
  function servicesOf(parent: number): { pid: number; name: string }[] {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .flatMap((entry) => {
        try {
          const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
          if (Number(stat.split(') ')[1]!.split(' ')[1]) !== parent) return [];
          const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
          const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
          const service = args[args.indexOf('scripts/service.ts') + 1]!;
          const subgraphs = env.find((variable) => variable.startsWith('SUBGRAPHS='))?.slice('SUBGRAPHS='.length);
          return [{ pid: Number(entry), name: service === 'subgraph' ? subgraphs! : service }];
        } catch {
          return []; // ended meanwhile
        }
      });
  }

  it('runs each service as a process with prefixed output, reports one that dies while the rest serves, and stops them in order', async () => {
    database = await createTestDatabase([]);
    const port = await freePort();
    run = startDev(
      { ...process.env, DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, PORT: String(port), CELLGRAPH_STATE_DIR: stateDir, LOG_LEVEL: 'info' },
      // Cell `sales`: the layout is what is tested; cell `all` would be fourteen processes starting at once.
      ['--cell', 'sales', '--split', '--instance', `t${randomBytes(4).toString('hex')}`],
    );
    await expect.poll(() => run!.output, { timeout: 240_000, interval: 200 }).toContain('Press Ctrl-C to stop.');
    expect(run.output).toMatch(/^migrate +\| migrate: done \(\d+ migrations applied\)$/m);
    expect(run.output).toContain('one process each, a worker and a gateway');
    const services = servicesOf(run.child.pid!);
    expect(services.map((service) => service.name).sort()).toEqual([...loadCell('sales').subgraphs.map(({ name }) => name), 'gateway', 'worker'].sort());
    for (const name of ['identity', 'crm', 'worker', 'gateway']) expect(run.output).toMatch(new RegExp(`^${name} +\\| \\{`, 'm'));

    process.kill(services.find((service) => service.name === 'notifications')!.pid, 'SIGKILL');
    await expect.poll(() => run!.output, { timeout: 30_000 }).toMatch(/^notifications \| exited unexpectedly \(SIGKILL\); the others keep running$/m);
    const endpoint = `http://127.0.0.1:${port}/graphql`;
    const token = /Access token {7}(\S+)/.exec(run.output)![1]!;
    const contacts = await graphqlData<{ contacts: { nodes: { firstName: string }[] } }>(
      endpoint,
      '{ contacts(first: 5) { nodes { firstName } } }',
      {},
      { token },
    );
    expect(contacts.contacts.nodes).toHaveLength(2); // the demo seed's

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const stopping = (name: string) => run!.output.search(new RegExp(`^${name} +\\| .*"msg":"stopping"`, 'm'));
    expect(stopping('gateway')).toBeGreaterThan(0);
    expect(stopping('worker')).toBeGreaterThan(stopping('gateway'));
    for (const name of ['identity', 'crm', 'collaboration']) expect(stopping(name)).toBeGreaterThan(stopping('worker'));
    for (const { pid } of services) expect(() => process.kill(pid, 0), `service process ${pid} still running`).toThrow();
    await expect(fetch(endpoint)).rejects.toThrow();
  }, 300_000);
});

/** Spawns `npm start` (scripts/dev.ts) and collects what it prints. */
function startDev(env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register', 'scripts/dev.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, output: '', exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))) };
  child.stdout!.on('data', (chunk) => (run.output += chunk));
  child.stderr!.on('data', (chunk) => (run.output += chunk));
  return run;
}

describe('npm start with an embedded Postgres', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'cellgraph-state-'));
  chmodSync(stateDir, 0o755); // as root, Postgres runs as `postgres` and must reach its data directory
  const dataDir = join(stateDir, 'postgres');
  const runs: ReturnType<typeof startDev>[] = [];
  const cleanups: (() => void)[] = [];
  const { DATABASE_URL: _unused, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    CELLGRAPH_POSTGRES: 'embedded',
    REDIS_URL: TEST_REDIS_URL,
    CELLGRAPH_STATE_DIR: stateDir,
    CELL_INSTANCE: `t${randomBytes(4).toString('hex')}`,
    SHUTDOWN_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'warn',
  };

  afterAll(async () => {
    for (const run of runs) run.child.kill('SIGKILL');
    for (const cleanup of cleanups) cleanup();
    const postmaster = runningPostmaster(dataDir);
    if (postmaster) process.kill(postmaster.pid, 'SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('reuses the embedded Postgres a killed run left behind, saying so in one line', async () => {
    const first = startDev({ ...env, PORT: String(await freePort()) }, ['--cell', 'core']);
    runs.push(first);
    await expect.poll(() => first.output, { timeout: 120_000, interval: 200 }).toContain('Press Ctrl-C to stop.');
    const postmaster = runningPostmaster(dataDir)!;
    expect(postmaster).toBeDefined();

    first.child.kill('SIGKILL'); // no chance to stop the embedded Postgres
    await first.exited;
    expect(runningPostmaster(dataDir)?.pid).toBe(postmaster.pid);

    const second = startDev({ ...env, PORT: String(await freePort()) }, ['--cell', 'core']);
    runs.push(second);
    await expect.poll(() => second.output, { timeout: 120_000, interval: 200 }).toContain('Press Ctrl-C to stop.');
    const reuse = second.output.split('\n').filter((line) => line.includes('embedded Postgres an earlier run left running'));
    expect(reuse).toEqual([
      `Reusing the embedded Postgres an earlier run left running (pid ${postmaster.pid}, port ${postmaster.port}, data in ${dataDir}); it stops with this run.`,
    ]);
    expect(second.output).not.toContain('Cannot read properties');

    // Another instance started meanwhile shares the server, and leaves it running when it stops.
    const other = startDev({ ...env, CELL_INSTANCE: `t${randomBytes(4).toString('hex')}`, PORT: String(await freePort()) }, ['--cell', 'core']);
    runs.push(other);
    await expect.poll(() => other.output, { timeout: 120_000, interval: 200 }).toContain('Press Ctrl-C to stop.');
    expect(other.output).toContain(
      `Sharing the embedded Postgres of the running npm start (pid ${second.child.pid}; port ${postmaster.port}); it stops with that run, not this one.`,
    );
    other.child.kill('SIGINT');
    expect(await other.exited).toBe(0);
    expect(runningPostmaster(dataDir)?.pid).toBe(postmaster.pid);
  }, 300_000);

  it('exits within SHUTDOWN_TIMEOUT_MS on SIGTERM when its Postgres went away', async () => {
    // A run of its own, on a data directory of its own: started fresh, not reused.
    const ownState = mkdtempSync(join(tmpdir(), 'cellgraph-state-'));
    chmodSync(ownState, 0o755);
    cleanups.push(() => {
      const left = runningPostmaster(join(ownState, 'postgres'));
      if (left) process.kill(left.pid, 'SIGKILL');
      rmSync(ownState, { recursive: true, force: true });
    });
    // A short deadline, so the bound leaves a busy machine room for the process's own exit.
    const running = startDev({ ...env, SHUTDOWN_TIMEOUT_MS: '1000', CELLGRAPH_STATE_DIR: ownState, PORT: String(await freePort()) }, ['--cell', 'core']);
    runs.push(running);
    await expect.poll(() => running.output, { timeout: 120_000, interval: 200 }).toContain('Press Ctrl-C to stop.');
    const postmaster = runningPostmaster(join(ownState, 'postgres'))!;
    process.kill(postmaster.pid, 'SIGKILL'); // the database goes away under the running cell
    await expect.poll(() => runningPostmaster(join(ownState, 'postgres')), { timeout: 30_000 }).toBeUndefined();

    const signalled = Date.now();
    running.child.kill('SIGTERM');
    const code = await running.exited;
    expect(code).not.toBeNull();
    expect(Date.now() - signalled).toBeLessThan(1_000 + 6_000); // the deadline, plus the process's own exit
  }, 300_000);
});

describe('probing for local services', () => {
  it('is quiet: a Redis that does not answer is reported as such, without "Unhandled error event"', async () => {
    const printed: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      expect(await redisAnswers(`redis://127.0.0.1:${await freePort()}`)).toBe(false);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      console.error = original;
    }
    expect(printed).toEqual([]);
  });
});

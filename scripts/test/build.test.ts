import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysEnv, generateCellKeys } from '../runtime/keys.js';
import { stageRuntime, workspacesOf } from '../stage-runtime.js';
import { RedisServer, startProcessCell, type ProcessCell } from '../testing/fault-harness.js';
import { databaseUrl, TEST_APP_PASSWORD, TEST_DATABASE_PREFIX, TEST_DATABASE_URL, withClient } from '@cellgraph/kernel/testing';

/*
 * What the container image runs, without Docker: `npm run build` (run by the tests' global setup), then the runtime tree the
 * Dockerfile's build stage stages into /app (compiled output, production dependencies only) staged
 * into a temporary directory, and a cell served from there by plain node — no swc, no source
 * conditions, NODE_ENV=production — answering through its gateway. A package the compiled code
 * needs at run time but only a devDependency provides fails here.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const TASK_CREATE = 'mutation($input: TaskCreateInput!) { taskCreate(input: $input) { task { id title } userErrors { code message } } }';
const MY_TASKS = '{ me { email assignedTasks(first: 5) { nodes { title assignee { email } } } } }';

let runtime: string;
let redis: RedisServer | undefined;
let cell: ProcessCell | undefined;

beforeAll(() => {
  // The tests' global setup ran the build (`npm run build`'s build(buildUnits())) before any file: a
  // second build here would delete the output under the processes other files start from it.
  expect(process.env.CELLGRAPH_TEST_BUILT, 'the global setup built the sources').toBe('1');
  const started = performance.now();
  runtime = mkdtempSync(join(tmpdir(), 'cellgraph-runtime-'));
  rmSync(runtime, { recursive: true }); // stageRuntime wants to create it
  stageRuntime(runtime, ROOT);
  console.info(`runtime staged: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 600_000); // copying the production dependencies: minutes on a busy machine

afterAll(async () => {
  await cell?.stop();
  await redis?.stop();
  if (runtime) rmSync(runtime, { recursive: true, force: true });
});

describe('the build', () => {
  it('compiles every workspace and the scripts, and stages them without dev dependencies', () => {
    for (const workspace of workspacesOf(ROOT)) expect(existsSync(join(runtime, workspace, 'dist/index.js')), workspace).toBe(true);
    expect(existsSync(join(runtime, 'build/scripts/service.js'))).toBe(true);
    expect(existsSync(join(runtime, 'schema/cells/all/supergraph.graphql'))).toBe(true);
    // @pulumi: infra-pulumi's, which the image never runs.
    for (const devOnly of ['typescript', '@swc-node/register', 'vitest', 'vite', 'eslint', '@pulumi/pulumi', '@pulumi/aws'])
      expect(existsSync(join(runtime, 'node_modules', devOnly)), devOnly).toBe(false);
  });

  it("prints a cell's keys as an env file (docker compose run keys)", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(runtime, 'build/scripts/runtime/print-keys.js')]);
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^[A-Z_]+='[^'\n]*'$/);
    const printed = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 2, -1)]));
    expect(Object.keys(printed).sort()).toEqual(Object.keys(keysEnv(await generateCellKeys())).sort());
    expect(Buffer.from(printed.INTERNAL_CONTEXT_SECRET!, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect(printed.INTERNAL_CONTEXT_KEY_TASKS).toMatch(/^[\w-]+:[\w-]{43}$/);
  });

  it('migrates a new database with the compiled migrate service, and finds nothing to do the second time', async () => {
    const name = `${TEST_DATABASE_PREFIX}build_${Date.now().toString(36)}`;
    const migrate = () =>
      promisify(execFile)(process.execPath, [join(runtime, 'build/scripts/service.js'), 'migrate'], {
        env: { ...process.env, NODE_ENV: 'production', CELL: 'all', DATABASE_URL: databaseUrl(name), DATABASE_APP_PASSWORD: TEST_APP_PASSWORD },
      });
    try {
      expect((await migrate()).stdout).toMatch(/database \S+ created/);
      expect((await migrate()).stdout).toMatch(/migrate: nothing to do/);
    } finally {
      await withClient(TEST_DATABASE_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }, 120_000);

  it('serves a cell from the compiled output with production dependencies only', async () => {
    redis = await RedisServer.start();
    cell = await startProcessCell({
      redisUrl: redis.url,
      hosts: [['identity', 'tasks', 'crm', 'collaboration', 'notifications']],
      entry: { nodeArgs: [], service: join(runtime, 'build/scripts/service.js') },
      env: { NODE_ENV: 'production' },
    });
    const owner = await cell.signUp('Compiled');
    const created = await cell.gql<{ taskCreate: { userErrors: unknown[] } }>(
      TASK_CREATE,
      { input: { title: 'Served by the build', assigneeId: owner.userId } },
      owner.token,
    );
    expect(created.errors ?? created.data?.taskCreate.userErrors).toEqual([]);
    const mine = await cell.gql(MY_TASKS, {}, owner.token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data).toEqual({ me: { email: owner.email, assignedTasks: { nodes: [{ title: 'Served by the build', assignee: { email: owner.email } }] } } });
  }, 180_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase } from '@cellgraph/kernel/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { graphqlData } from '../runtime/graphql-client.js';
import { freePort } from '../runtime/infrastructure.js';
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
    await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toContain('Press Ctrl-C to stop.');
    const endpoint = `http://127.0.0.1:${port}/graphql`;
    expect(output).toContain(`GraphQL endpoint   ${endpoint}`);
    expect(output).toContain(DEMO_USER.email);

    expect(await graphqlData(endpoint, '{ __typename }')).toEqual({ __typename: 'Query' });
    const token = /Access token {7}(\S+)/.exec(output)![1]!;
    const tasks = await graphqlData<{ tasks: { nodes: { title: string; assignee: { email: string } }[] } }>(endpoint, '{ tasks(first: 5) { nodes { title assignee { email } } } }', {}, { token });
    expect(tasks.tasks.nodes).toHaveLength(3);
    expect(tasks.tasks.nodes.every((task) => task.assignee.email === DEMO_USER.email)).toBe(true);
    const explorer = await fetch(endpoint, { headers: { accept: 'text/html' } });
    expect(await explorer.text()).toContain('Cellgraph explorer');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(endpoint)).rejects.toThrow();
  });
});

import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateSubgraph } from '../scaffold/generate.js';
import { scaffoldNames } from '../scaffold/names.js';

/*
 * `npm run new:subgraph` end to end, in a copy of this checkout (its files as they are, tracked or
 * not but ignored; node_modules linked, the workspace packages' links pointing into the copy):
 * the generated module typechecks with everything else, the schema composes and is fresh, and the
 * module's own tests pass against Postgres and Redis — unchanged.
 */

const REPO = join(import.meta.dirname, '../..');
const NODE_SOURCE = ['--conditions=@cellgraph/source', '--import', '@swc-node/register/esm-register'];
/** Test databases of the copy's run: a namespace of their own, so neither run's setup drops the other's template. */
const INNER_NAMESPACE = `${(process.env.CELLGRAPH_TEST_NAMESPACE ?? '').slice(0, 9)}scf`;
/** The module generated: `inventory` with `Item`, or, once this checkout has an inventory module, names nothing else uses. */
const [MODULE, AGGREGATE] = existsSync(join(REPO, 'subgraphs/inventory')) ? ['scaffoldcheck', 'ScaffoldCheckItem'] : ['inventory', 'Item'];
const { aggs, aggFile } = scaffoldNames(MODULE, AGGREGATE, true).values as Record<string, string>;

interface Run {
  code: number | null;
  output: string;
}

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The checkout's files (tracked, and untracked but not ignored) copied to `target`, node_modules linked. */
async function copyCheckout(target: string): Promise<void> {
  const listed = await run(REPO, 'git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  expect(listed.code).toBe(0);
  for (const file of listed.output.split('\0').filter(Boolean)) {
    if (!existsSync(join(REPO, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(REPO, file), join(target, file));
  }
  // Every dependency links to this checkout's; the workspace links keep their relative targets, so
  // @cellgraph/<module> is the copy's, and the generator can add its own.
  const modules = join(REPO, 'node_modules');
  mkdirSync(join(target, 'node_modules/@cellgraph'), { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (entry === '@cellgraph' || entry.startsWith('.vite')) continue;
    symlinkSync(join(modules, entry), join(target, 'node_modules', entry));
  }
  for (const entry of readdirSync(join(modules, '@cellgraph'))) {
    const link = join(modules, '@cellgraph', entry);
    symlinkSync(lstatSync(link).isSymbolicLink() ? readlinkSync(link) : link, join(target, 'node_modules/@cellgraph', entry));
  }
  const workspaces = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  for (const workspace of workspaces) {
    const own = join(REPO, workspace, 'node_modules');
    if (existsSync(own) && existsSync(join(target, workspace))) symlinkSync(own, join(target, workspace, 'node_modules'));
  }
}

let copy: string;
let generated: Run;

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'cellgraph-scaffold-'));
  await copyCheckout(copy);
  generated = await run(copy, process.execPath, [...NODE_SOURCE, 'scripts/new-subgraph.ts', MODULE, '--aggregate', AGGREGATE, '--no-install']);
}, 300_000);
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run new:subgraph', () => {
  it('generates a module that typechecks, composes and passes its own tests', async () => {
    expect(generated.code, generated.output).toBe(0);
    // Independent checks that only read the copy: side by side (the typecheck of the whole repository takes longest).
    const [typecheck, lint, composeCheck, formatted, tests] = await Promise.all([
      run(copy, process.execPath, [join(copy, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']),
      run(copy, process.execPath, [
        join(copy, 'node_modules/eslint/bin/eslint.js'),
        `subgraphs/${MODULE}`,
        'scripts/runtime/catalog.ts',
        'scripts/test/pagination-fixtures.ts',
      ]),
      run(copy, process.execPath, [...NODE_SOURCE, 'scripts/compose.ts', '--check']),
      run(copy, process.execPath, [
        join(copy, 'node_modules/prettier/bin/prettier.cjs'),
        '--check',
        `subgraphs/${MODULE}`,
        'scripts/runtime/catalog.ts',
        'package.json',
        'docker-compose.yml',
      ]),
      run(
        copy,
        process.execPath,
        [join(copy, 'node_modules/vitest/vitest.mjs'), 'run', `subgraphs/${MODULE}`, '--reporter=json', '--outputFile=vitest-report.json'],
        {
          CELLGRAPH_TEST_NAMESPACE: INNER_NAMESPACE,
        },
      ),
    ]);
    // Errors in the new module or the files the generator edited are the generator's.
    const own = typecheck.output.split('\n').filter((line) => line.startsWith(`subgraphs/${MODULE}/`) || line.startsWith('scripts/'));
    expect(own).toEqual([]);
    expect(composeCheck.code, composeCheck.output).toBe(0);
    expect(lint.code, lint.output.slice(0, 4000)).toBe(0);
    expect(formatted.code, formatted.output.slice(0, 4000)).toBe(0);

    expect(tests.code, tests.output.slice(-4000)).toBe(0);
    const report = JSON.parse(readFileSync(join(copy, 'vitest-report.json'), 'utf8')) as {
      numTotalTests: number;
      numPassedTests: number;
      testResults: { name: string }[];
    };
    expect(report.testResults.map((file) => file.name.slice(copy.length + 1))).toEqual([`subgraphs/${MODULE}/test/${aggFile}.integration.test.ts`]);
    expect(report.numTotalTests).toBeGreaterThanOrEqual(6);
    expect(report.numPassedTests).toBe(report.numTotalTests);

    // And the whole repository still typechecks with it.
    expect(typecheck.code, typecheck.output.slice(0, 4000)).toBe(0);
  }, 600_000);

  it('registers the module with the workspace, the catalog, the cell, docker-compose.yml and the composed schema', () => {
    const read = (file: string) => readFileSync(join(copy, file), 'utf8');
    expect(JSON.parse(read('package.json')).workspaces).toContain(`subgraphs/${MODULE}`);
    expect(read('scripts/runtime/catalog.ts')).toContain(`import { ${MODULE}Subgraph } from '@cellgraph/${MODULE}';`);
    expect(read('scripts/runtime/catalog.ts')).toContain(`\n  ${MODULE}: ${MODULE}Subgraph,\n};`);
    expect(JSON.parse(read('schema/cells/all/cell.json')).subgraphs.at(-1)).toBe(MODULE);
    expect(JSON.parse(read('schema/cells/sales/cell.json')).subgraphs).not.toContain(MODULE);
    expect(read('schema/cells/all/schema.graphql')).toContain(`\n  ${aggs}(`);
    expect(read('scripts/test/pagination-fixtures.ts')).toContain(`'Query.${aggs}': () => ({ place: root }),`);
    const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Record<string, unknown>> };
    expect(compose.services[MODULE]).toMatchObject({ command: ['subgraph'], environment: { CELL: 'all', SUBGRAPHS: MODULE, WORKERS: 'off' } });
    expect(compose.services.gateway!.depends_on).toMatchObject({ [MODULE]: { condition: 'service_healthy' } });
    expect(lstatSync(join(copy, `node_modules/@cellgraph/${MODULE}`)).isSymbolicLink()).toBe(true);
    for (const file of [
      'package.json',
      'README.md',
      'src/subgraph.ts',
      'src/contracts.ts',
      'src/migrations/0001-init.ts',
      `src/${aggFile}/${aggFile}.service.ts`,
      `src/${aggFile}/${aggFile}.reference.ts`,
    ]) {
      expect(existsSync(join(copy, 'subgraphs', MODULE, file)), file).toBe(true);
    }
  });

  it('refuses a taken name with a clear message and exit code 1', async () => {
    const again = await run(copy, process.execPath, [...NODE_SOURCE, 'scripts/new-subgraph.ts', MODULE, '--no-install']);
    expect(again.code).toBe(1);
    expect(again.output).toContain(`new:subgraph: A module named "${MODULE}" already exists`);
  }, 60_000);

  it('refuses invalid and reserved names, unknown cells and names the schema already has, writing nothing', () => {
    const attempt =
      (name: string, options: { cell?: string; aggregate?: string } = {}) =>
      () =>
        generateSubgraph({ root: copy, name, install: false, compose: false, log: () => {}, ...options });
    expect(attempt('Billing')).toThrow('Invalid module name "Billing"');
    expect(attempt('time-off')).toThrow('Invalid module name "time-off"');
    expect(attempt('kernel')).toThrow('The module name "kernel" is reserved');
    expect(attempt('tasks')).toThrow('A module named "tasks" already exists');
    expect(attempt('billing', { cell: 'nowhere' })).toThrow('No cell "nowhere"');
    expect(attempt('billing', { aggregate: 'invoice' })).toThrow('Invalid aggregate name "invoice"');
    expect(attempt('billing', { aggregate: 'Task' })).toThrow('The type Task');
    expect(existsSync(join(copy, 'subgraphs/billing'))).toBe(false);
  });
});

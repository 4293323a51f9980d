import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintWorkflow, lintWorkflowFiles, workflowFiles } from '../runtime/workflow-lint.js';
import { STATIC_CHECKS } from '../checks.js';

const ROOT = new URL('../../', import.meta.url).pathname;

const VALID = `name: ok
on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo "\${{ github.sha }}"
`;

describe('workflow lint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes every committed workflow', async () => {
    const files = workflowFiles();
    expect(files.map((file) => file.slice(ROOT.length))).toContain('.github/workflows/test.yml');
    expect(await lintWorkflowFiles(files)).toEqual([]);
  });

  it('test.yml runs every step of `npm test`, each static check as a step of its own', () => {
    const steps = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { test: string } }).scripts.test
      .split('&&')
      .map((step) => step.trim())
      .flatMap((step) => (step === 'npm run checks' ? STATIC_CHECKS.map((check) => `npm run ${check}`) : [step]));
    const workflow = readFileSync(join(ROOT, '.github/workflows/test.yml'), 'utf8');
    expect(steps.length).toBeGreaterThan(5);
    for (const step of steps) expect(workflow, step).toMatch(new RegExp(`run: (npx )?${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
  });

  it('passes a valid workflow on a current hosted runner', async () => {
    expect(await lintWorkflow(VALID, 'ok.yml')).toEqual([]);
  });

  it('reports unknown contexts, needs of missing jobs, bad keys, unknown action inputs and runners, with their lines', async () => {
    const broken = VALID.replace('github.sha', 'github.shaa')
      .replace('runs-on: ubuntu-24.04', 'runs-on: ubuntu-2404\n    needs: [setup]\n    timeout: 5')
      .replace('actions/checkout@v4', 'actions/checkout@v4\n        with:\n          depth: 1');
    const results = await lintWorkflow(broken, 'broken.yml');
    expect(results.map(({ line, kind }) => ({ line, kind }))).toEqual([
      { line: 6, kind: 'job-needs' },
      { line: 7, kind: 'runner-label' },
      { line: 9, kind: 'syntax-check' },
      { line: 13, kind: 'action' },
      { line: 14, kind: 'expression' },
    ]);
    expect(results.find((result) => result.kind === 'expression')?.message).toContain('property "shaa" is not defined');
    expect(results.find((result) => result.kind === 'action')?.message).toContain('input "depth" is not defined in action "actions/checkout@v4"');
    expect(results.every((result) => result.file === 'broken.yml')).toBe(true);
  });

  it('fails `npm run lint:workflows` on a broken file and names it', () => {
    const file = join(dir, 'broken.yml');
    writeFileSync(file, VALID.replace('on: push', 'on: pushed'));
    const run = (...files: string[]) =>
      spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/lint-workflows.ts', ...files], { cwd: ROOT, encoding: 'utf8' });
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken\.yml:2:\d+: .*"pushed".*\[events\]/);
    writeFileSync(file, VALID);
    expect(run(file).status).toBe(0);
  }, 120_000);
});

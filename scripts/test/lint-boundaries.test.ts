import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The boundary rules of eslint.config.js fire: each snippet is linted as if it sat at a path of the
 * area under test (the files need not exist). A violation must be reported by its rule; a legal
 * snippet must lint clean. One real cycle (two temporary files) proves import-x/no-cycle resolves
 * the sources' `./x.js` imports to `.ts` files.
 */

const ROOT = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: ROOT });

const PACKAGE = 'no-restricted-imports';
const RELATIVE = 'cellgraph/relative-boundaries';

async function rulesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

/** A module that imports `specifier` (and uses what it imports). */
const importing = (specifier: string) => `import { thing } from '${specifier}';\nexport const used = thing;\n`;

function expectViolations(area: string, filePath: string, cases: [string, string][]) {
  describe(`${area} (${filePath})`, () => {
    it.each(cases)('refuses %s', async (specifier, rule) => {
      expect(await rulesFor(filePath, importing(specifier))).toEqual([rule]);
    });
  });
}

function expectLegal(area: string, filePath: string, specifiers: string[]) {
  describe(`${area} (${filePath})`, () => {
    it.each(specifiers)('allows %s', async (specifier) => {
      expect(await rulesFor(filePath, importing(specifier))).toEqual([]);
    });
  });
}

expectViolations('the kernel knows no module', 'subgraphs/kernel/src/db/probe.ts', [
  ['@cellgraph/identity', PACKAGE],
  ['@cellgraph/identity/contracts', PACKAGE],
  ['@cellgraph/tasks/src/task/task.entity.js', PACKAGE],
  ['@cellgraph/gateway', PACKAGE],
  ['../../../identity/src/contracts.js', RELATIVE],
  ['../../../../scripts/runtime/catalog.js', RELATIVE],
]);
expectViolations('kernel tests stay in the kernel', 'subgraphs/kernel/test/probe.test.ts', [['../../../scripts/testing/fault-harness.js', RELATIVE]]);
expectLegal('the kernel imports itself and packages', 'subgraphs/kernel/src/db/probe.ts', [
  './errors.js',
  '../ids/global-id.js',
  '@cellgraph/kernel/core',
  'typeorm',
]);

expectViolations('a subgraph imports another module only by its contracts', 'subgraphs/tasks/src/board/probe.ts', [
  ['@cellgraph/identity', PACKAGE],
  ['@cellgraph/collaboration/src/contracts.js', PACKAGE],
  ['@cellgraph/crm/src/contact/contact.entity.js', PACKAGE],
  ['@cellgraph/kernel/src/db/database.js', PACKAGE],
  ['@cellgraph/gateway', PACKAGE],
  ['../../../crm/src/contracts.js', RELATIVE],
  ['../../../kernel/src/index.js', RELATIVE],
]);
expectViolations('subgraph tests too', 'subgraphs/notifications/test/probe.test.ts', [
  ['@cellgraph/tasks', PACKAGE],
  ['../../tasks/src/subgraph.js', RELATIVE],
]);
expectLegal('a subgraph imports contracts, the kernel entries and its own files', 'subgraphs/tasks/src/board/probe.ts', [
  '@cellgraph/collaboration/contracts',
  '@cellgraph/kernel',
  '@cellgraph/kernel/core',
  '@cellgraph/kernel/testing',
  './board.service.js',
  '../contracts.js',
  'zod',
]);
expectLegal('subgraph tests use the harness', 'subgraphs/identity/test/probe.test.ts', [
  '../../../scripts/testing/cell-harness.js',
  '../../../scripts/runtime/cells.js',
  '../src/subgraph.js',
]);

expectViolations('the gateway imports no subgraph module', 'gateway/src/probe.ts', [
  ['@cellgraph/kernel', PACKAGE],
  ['@cellgraph/kernel/testing', PACKAGE],
  ['@cellgraph/identity', PACKAGE],
  ['@cellgraph/tasks/contracts', PACKAGE],
  ['../../subgraphs/kernel/src/core.js', RELATIVE],
  ['../../scripts/runtime/cells.js', RELATIVE],
]);
expectLegal('the gateway uses the light kernel', 'gateway/src/probe.ts', ['@cellgraph/kernel/core', './config.js', 'graphql']);
expectViolations('gateway tests', 'gateway/test/probe.test.ts', [
  ['@cellgraph/kernel', PACKAGE],
  ['@cellgraph/crm/contracts', PACKAGE],
  ['../../subgraphs/crm/src/contracts.js', RELATIVE],
]);
expectLegal('gateway tests use the kernel test helpers and the harness', 'gateway/test/probe.test.ts', [
  '@cellgraph/kernel/core',
  '@cellgraph/kernel/testing',
  '../../scripts/testing/cell-harness.js',
  '../src/index.js',
]);

describe('other rules', () => {
  it('reports a dynamic import and an export-from leaving the module', async () => {
    const code = "export * from '../../../identity/src/contracts.js';\nexport const later = () => import('../../../crm/src/index.js');\n";
    expect(await rulesFor('subgraphs/tasks/src/board/probe.ts', code)).toEqual([RELATIVE, RELATIVE]);
  });

  it('allows unused names that start with an underscore', async () => {
    expect(
      await rulesFor(
        'scripts/runtime/probe.ts',
        'export function f(_unused: number, used: number): number {\n  const [_first, second] = [used, used];\n  return second;\n}\n',
      ),
    ).toEqual([]);
  });
});

describe('import cycles', () => {
  const dir = mkdtempSync(join(ROOT, 'subgraphs/kernel/src/lint-cycle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a cycle through NodeNext `.js` imports of `.ts` files', async () => {
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = (): number => (a ? 1 : 0);\n");
    writeFileSync(join(dir, 'c.ts'), "import { b } from './b.js';\nexport const c = (): number => b();\n");
    const results = await eslint.lintFiles([join(dir, 'a.ts'), join(dir, 'b.ts'), join(dir, 'c.ts')]);
    const rules = Object.fromEntries(results.map((result) => [result.filePath.slice(dir.length + 1), result.messages.map((message) => message.ruleId)]));
    expect(rules).toEqual({ 'a.ts': ['import-x/no-cycle'], 'b.ts': ['import-x/no-cycle'], 'c.ts': [] });
  });
});

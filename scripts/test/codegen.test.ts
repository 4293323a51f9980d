import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { cellNames } from '../runtime/cells.js';
import { CLIENT_SCALARS, clientScalars, customScalars, UnmappedScalarError } from '../runtime/client-scalars.js';
import { codegenConfig } from '../runtime/codegen-config.js';

const ROOT = new URL('../../', import.meta.url).pathname;
// Inside the repository, so the generated code resolves its imports from node_modules.
const cacheDir = join(ROOT, 'node_modules', '.cache');
mkdirSync(cacheDir, { recursive: true });
const outDir = mkdtempSync(join(cacheDir, 'codegen-test-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('npm run codegen', () => {
  it.each(cellNames())(
    'generates typed client code for cell %s that typechecks, every custom scalar mapped',
    async (cell) => {
      const output = join(outDir, cell) + '/';
      const scalars = customScalars(readFileSync(join(ROOT, `schema/cells/${cell}/schema.graphql`), 'utf8'));
      // An operation with a variable of every custom scalar, so the generated code has to type each one.
      const probe = join(outDir, `${cell}-probe.graphql`);
      writeFileSync(probe, `query ScalarProbe(${scalars.map((scalar, i) => `$v${i}: ${scalar}`).join(', ')}) { __typename }\n`);
      await generate({ ...codegenConfig(cell, output), documents: [probe], cwd: ROOT, silent: true }, true);

      const generated = readFileSync(join(output, 'graphql.ts'), 'utf8');
      expect(scalars.length).toBeGreaterThan(0);
      // (`unknown | null | undefined` is printed as `unknown`)
      scalars.forEach((scalar, i) => expect(generated).toMatch(new RegExp(`v${i}\\?: ${escapeRegExp(CLIENT_SCALARS[scalar]!)}( \\| null \\| undefined)?;`)));
      const program = ts.createProgram([join(output, 'index.ts')], {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
      });
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(problems).toEqual([]);
    },
    120_000,
  );

  it('refuses a schema with a scalar that has no client type, naming it', () => {
    const schema = join(outDir, 'unmapped.graphql');
    writeFileSync(schema, 'scalar Decimal\nscalar Percentage\ntype Query { rate: Percentage, amount: Decimal }\n');
    expect(() => clientScalars(schema)).toThrow(UnmappedScalarError);
    expect(() => clientScalars(schema)).toThrow(/scalars without a client type: Percentage\./);
  });
});

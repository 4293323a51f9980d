/**
 * `npm run schema:check [-- --base <git ref>]`: compares every cell's API schema
 * (schema/cells/<cell>/schema.graphql, which `compose:check` keeps equal to the code) with the one
 * committed at the base ref (default HEAD). Breaking changes fail, except removals of what the base
 * had already deprecated; dangerous changes are warnings. A cell missing at the base is new.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { apiSchemaPath, cellNames } from './runtime/cells.js';
import { apiSchemaAt, describeChange, diffApiSchemas, GitRefError } from './runtime/schema-check.js';

const { values } = parseArgs({ options: { base: { type: 'string', default: 'HEAD' } } });
const base = values.base;

const baseSchema = (cell: string) => {
  try {
    return apiSchemaAt(base, cell);
  } catch (error) {
    if (!(error instanceof GitRefError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
};

let breaking = 0;
for (const cell of cellNames()) {
  const baseSdl = baseSchema(cell);
  if (baseSdl === null) {
    console.log(`cell ${cell}: new at ${base}, nothing to break`);
    continue;
  }
  const changes = await diffApiSchemas(baseSdl, readFileSync(apiSchemaPath(cell), 'utf8'));
  const lines = [
    ...changes.breaking.map((change) => `  BREAKING   ${describeChange(change)}`),
    ...changes.removedAfterDeprecation.map((change) => `  allowed    ${describeChange(change)} (deprecated at ${base} first)`),
    ...changes.dangerous.map((change) => `  warning    ${describeChange(change)}`),
  ];
  const safe = changes.safe.length ? `, ${changes.safe.length} safe change${changes.safe.length === 1 ? '' : 's'}` : '';
  console.log(`cell ${cell}: ${lines.length || changes.safe.length ? `changed since ${base}${safe}` : `unchanged since ${base}`}`);
  lines.forEach((line) => console.log(line));
  breaking += changes.breaking.length;
}

if (breaking) {
  console.error(
    `\nschema check failed: ${breaking} breaking change${breaking === 1 ? '' : 's'} against ${base}.\n` +
      'Deprecate first: mark the field, argument or enum value @deprecated(reason: "Use … instead"), ship that, and remove it in a later change.',
  );
  process.exit(1);
}
console.log(`schema check passed against ${base}`);

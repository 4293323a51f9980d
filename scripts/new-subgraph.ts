/**
 * `npm run new:subgraph -- <name> [--aggregate <Name>] [--cell <cell>] [--no-install] [--no-compose]`:
 * generates subgraphs/<name>/ in the kernel's one aggregate shape and registers it (see
 * scripts/README.md). Refusals (an invalid, reserved or taken name, an unknown cell) exit with 1.
 */
import { parseArgs } from 'node:util';
import { generateSubgraph, ScaffoldError } from './scaffold/generate.js';

const USAGE = 'Usage: npm run new:subgraph -- <name> [--aggregate <PascalName>] [--cell <cell>] [--no-install] [--no-compose]';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      aggregate: { type: 'string' },
      cell: { type: 'string', default: 'all' },
      'no-install': { type: 'boolean', default: false },
      'no-compose': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new ScaffoldError(`Expected one module name.\n${USAGE}`);
  const result = generateSubgraph({
    root: new URL('..', import.meta.url).pathname,
    name: positionals[0]!,
    aggregate: values.aggregate,
    cell: values.cell,
    install: !values['no-install'],
    compose: !values['no-compose'],
  });
  const { agg, aggs } = result.names.values;
  console.log(
    `subgraphs/${result.names.module} is ready: { ${aggs} }, ${agg}Create… in cell ${values.cell}. ` +
      `Test it: npx vitest run subgraphs/${result.names.module}`,
  );
} catch (error) {
  if (error instanceof ScaffoldError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`new:subgraph: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}

import { parseEnv, subgraphHostEnv } from '@cellgraph/kernel';
import { prepareDatabase } from '../runtime/cell.js';
import { loadCell } from '../runtime/cells.js';
import { cellNameFrom } from './cell-selection.js';

const migrateEnv = subgraphHostEnv.pick({ DATABASE_URL: true, DATABASE_APP_PASSWORD: true });

/**
 * Brings the cell's database up to date: creates it if needed, each enabled subgraph's roles and
 * schema, and runs pending migrations (idempotent: a second run applies nothing). Prints what it did.
 */
export async function runMigrate(env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<void> {
  const cell = loadCell(cellNameFrom(env));
  const config = parseEnv('migrate', migrateEnv, env);
  const database = decodeURIComponent(new URL(config.DATABASE_URL).pathname.slice(1));
  const { created, applied } = await prepareDatabase(cell, config.DATABASE_URL, config.DATABASE_APP_PASSWORD);
  print(`migrate: cell ${cell.name}, database ${database} ${created ? 'created' : 'exists'}`);
  for (const [subgraph, ids] of Object.entries(applied)) print(`  ${subgraph}: ${ids.length ? `applied ${ids.join(', ')}` : 'up to date'}`);
  const total = Object.values(applied).flat().length;
  print(total || created ? `migrate: done (${total} migration${total === 1 ? '' : 's'} applied)` : 'migrate: nothing to do');
}

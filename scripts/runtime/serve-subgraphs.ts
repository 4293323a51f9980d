/**
 * Serves some of a cell's subgraphs in one process: `serve-subgraphs.ts --cell all --subgraphs
 * tasks,crm`. Configuration comes from the environment as for any host (see the kernel's
 * README); the cell's own variables (CELL_NAME, node types, …) are derived from the cell.
 * Used to run a cell as separate processes (fault tests, deployments without a per-subgraph image).
 */
import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { parseArgs } from 'node:util';
import { cellEnv } from './cell.js';
import { loadCell } from './cells.js';

const { values } = parseArgs({ options: { cell: { type: 'string', default: 'all' }, subgraphs: { type: 'string' } } });
const cell = loadCell(values.cell!);
const wanted = values.subgraphs?.split(',').map((name) => name.trim()) ?? cell.subgraphs.map((definition) => definition.name);
const definitions = wanted.map((name) => {
  const definition = cell.subgraphs.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`Cell ${cell.name} has no subgraph ${name} (it has ${cell.subgraphs.map((s) => s.name).join(', ')})`);
  return definition;
});
const logger = createLogger('host');
const host = await serveSubgraphs(definitions, { ...cellEnv(cell), ...process.env });
logger.info({ url: host.url, subgraphs: wanted }, 'subgraphs listening');
stopOnSignals(host.stop, logger);

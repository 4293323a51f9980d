import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { cellEnv } from '../runtime/cell.js';
import { loadCell } from '../runtime/cells.js';
import { cellNameFrom, selectSubgraphs } from './cell-selection.js';

/**
 * A subgraph host: the cell's SUBGRAPHS (default all) at `/<name>/graphql` on PORT, with the
 * variables derived from the cell (CELL_NAME, CELL_NODE_TYPES, …) unless set. Background work
 * runs here too unless WORKERS=off (the split layout leaves it to the worker service).
 */
export async function runSubgraphHost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cell = loadCell(cellNameFrom(env));
  const definitions = selectSubgraphs(cell.subgraphs, 'SUBGRAPHS', env);
  const logger = createLogger('host', env.LOG_LEVEL, env.LOG_FILE);
  const host = await serveSubgraphs(definitions, { ...cellEnv(cell), ...env });
  logger.info({ url: host.url, subgraphs: definitions.map((definition) => definition.name) }, 'subgraphs listening');
  stopOnSignals(host.stop, logger);
}

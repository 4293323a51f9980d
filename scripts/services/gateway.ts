import { cellNameFrom } from './cell-selection.js';
import { supergraphPath } from '../runtime/cell-paths.js';

/**
 * The gateway (gateway/src/main.ts) of cell CELL: CELL_NAME and SUPERGRAPH_PATH default to the
 * cell's name and its committed supergraph. Loads no subgraph (the gateway stays light).
 */
export async function runGateway(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cell = cellNameFrom(env);
  env.CELL_NAME ??= cell;
  env.SUPERGRAPH_PATH ??= supergraphPath(cell);
  await import('@cellgraph/gateway/main');
}

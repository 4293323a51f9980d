import { createLogger, startWorkerService, stopOnSignals } from '@cellgraph/kernel';
import { cellEnv } from '../runtime/cell.js';
import { loadCell } from '../runtime/cells.js';
import { cellNameFrom, selectSubgraphs } from './cell-selection.js';

/** The background work (relays, event and job workers, schedules, e-mail) of the cell's WORKER_SUBGRAPHS (default all); health endpoints only. */
export async function runWorker(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cell = loadCell(cellNameFrom(env));
  const definitions = selectSubgraphs(cell.subgraphs, 'WORKER_SUBGRAPHS', env);
  const logger = createLogger('worker', env.LOG_LEVEL, env.LOG_FILE);
  const worker = await startWorkerService(definitions, { ...cellEnv(cell), ...env });
  logger.info({ url: worker.url, subgraphs: definitions.map((definition) => definition.name) }, 'worker listening');
  stopOnSignals(worker.stop, logger);
}

import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { tasksSubgraph } from './subgraph.js';

// Serves tasks alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('tasks');
const host = await serveSubgraphs([tasksSubgraph]);
logger.info({ url: `${host.url}/tasks/graphql` }, 'tasks subgraph listening');
stopOnSignals(host.stop, logger);

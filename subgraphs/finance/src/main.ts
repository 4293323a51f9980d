import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { financeSubgraph } from './subgraph.js';

// Serves finance alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('finance');
const host = await serveSubgraphs([financeSubgraph]);
logger.info({ url: `${host.url}/finance/graphql` }, 'finance subgraph listening');
stopOnSignals(host.stop, logger);

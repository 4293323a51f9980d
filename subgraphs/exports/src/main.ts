import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { exportsSubgraph } from './subgraph.js';

// Serves exports alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('exports');
const host = await serveSubgraphs([exportsSubgraph]);
logger.info({ url: `${host.url}/exports/graphql` }, 'exports subgraph listening');
stopOnSignals(host.stop, logger);

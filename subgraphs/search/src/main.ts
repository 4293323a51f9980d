import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { searchSubgraph } from './subgraph.js';

// Serves search alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('search');
const host = await serveSubgraphs([searchSubgraph]);
logger.info({ url: `${host.url}/search/graphql` }, 'search subgraph listening');
stopOnSignals(host.stop, logger);

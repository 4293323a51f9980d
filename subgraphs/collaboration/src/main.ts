import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { collaborationSubgraph } from './subgraph.js';

// Serves collaboration alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('collaboration');
const host = await serveSubgraphs([collaborationSubgraph]);
logger.info({ url: `${host.url}/collaboration/graphql` }, 'collaboration subgraph listening');
stopOnSignals(host.stop, logger);

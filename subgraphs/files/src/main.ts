import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { filesSubgraph } from './subgraph.js';

// Serves files alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('files');
const host = await serveSubgraphs([filesSubgraph]);
logger.info({ url: `${host.url}/files/graphql` }, 'files subgraph listening');
stopOnSignals(host.stop, logger);

import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { importsSubgraph } from './subgraph.js';

// Serves imports alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('imports');
const host = await serveSubgraphs([importsSubgraph]);
logger.info({ url: `${host.url}/imports/graphql` }, 'imports subgraph listening');
stopOnSignals(host.stop, logger);

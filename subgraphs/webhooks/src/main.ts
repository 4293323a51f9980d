import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { webhooksSubgraph } from './subgraph.js';

// Serves webhooks alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('webhooks');
const host = await serveSubgraphs([webhooksSubgraph]);
logger.info({ url: `${host.url}/webhooks/graphql` }, 'webhooks subgraph listening');
stopOnSignals(host.stop, logger);

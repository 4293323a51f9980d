import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { identitySubgraph } from './subgraph.js';

// Serves identity alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('identity');
const host = await serveSubgraphs([identitySubgraph]);
logger.info({ url: `${host.url}/identity/graphql` }, 'identity subgraph listening');
stopOnSignals(host.stop, logger);

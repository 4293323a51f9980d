import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { auditSubgraph } from './subgraph.js';

// Serves audit alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('audit');
const host = await serveSubgraphs([auditSubgraph]);
logger.info({ url: `${host.url}/audit/graphql` }, 'audit subgraph listening');
stopOnSignals(host.stop, logger);

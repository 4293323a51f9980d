import { createLogger, serveSubgraphs, stopOnSignals } from '@cellgraph/kernel';
import { crmSubgraph } from './subgraph.js';

// Serves crm alone (a cell may deploy subgraphs separately). Configuration: see README.
const logger = createLogger('crm');
const host = await serveSubgraphs([crmSubgraph]);
logger.info({ url: `${host.url}/crm/graphql` }, 'crm subgraph listening');
stopOnSignals(host.stop, logger);
